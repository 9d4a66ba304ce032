/** Flow 1: attaching a cinder volume the modern way (attachments API), in the order the bus recorded it. */
import { orderingFamily } from '../../kinds/ordering.js';
import { shown } from '../../kinds/common.js';
import { serverNamed } from '../../lookup.js';
import { paragraphs } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { BusEvent } from '../../../engine/core/types.js';
import type { Text, World } from '../../types.js';
import { bilingual, eventsAbout } from './_helpers.js';

interface Facts { server: string; volume: string }

const VOLUMES = ['data1', 'vol-db', 'logs', 'scratch', 'backup-vol', 'pgdata'];

const RULES: Array<[RegExp, (e: BusEvent) => Text]> = [
  [/^POST \/v3\/volumes$/, (e) => ({ en: `${e.from} → ${e.to}: POST /v3/volumes (create the volume)`, zh: `${e.from} → ${e.to}：POST /v3/volumes（创建卷）` })],
  [/^create_volume$/, (e) => ({ en: `${e.from} → ${e.to.split('@')[0]}: create_volume — the LV is created, status available`, zh: `${e.from} → ${e.to.split('@')[0]}：create_volume——创建 LV，状态 available` })],
  [/^POST \/v2\.1\/servers\/[^/]+\/os-volume_attachments$/, (e) => ({ en: `${e.from} → ${e.to}: POST /v2.1/servers/<id>/os-volume_attachments`, zh: `${e.from} → ${e.to}：POST /v2.1/servers/<id>/os-volume_attachments` })],
  [/^POST \/v3\/attachments$/, (e) => ({ en: `${e.from} → ${e.to}: POST /v3/attachments — attachment_create, the volume is reserved`, zh: `${e.from} → ${e.to}：POST /v3/attachments——attachment_create，卷被预留（reserved）` })],
  [/^PUT \/v3\/attachments\/[^/]+$/, (e) => ({ en: `${e.from.split('@')[0]} → ${e.to}: PUT /v3/attachments/<id> — attachment_update with the host connector, returns connection_info`, zh: `${e.from.split('@')[0]} → ${e.to}：PUT /v3/attachments/<id>——带主机 connector 做 attachment_update，返回 connection_info` })],
  [/^connect_volume$/, (e) => ({ en: `${e.to.split('@')[0]}: connect_volume — iSCSI login on the compute node`, zh: `${e.to.split('@')[0]}：connect_volume——计算节点上 iSCSI 登录` })],
  [/^attachDeviceFlags$/, () => ({ en: 'libvirt: attachDeviceFlags — the disk appears in the guest', zh: 'libvirt：attachDeviceFlags——虚拟机里出现这块盘' })],
  [/^POST \/v3\/attachments\/[^/]+\/action$/, (e) => ({ en: `${e.from.split('@')[0]} → ${e.to}: POST /v3/attachments/<id>/action (os-complete) — status in-use`, zh: `${e.from.split('@')[0]} → ${e.to}：POST /v3/attachments/<id>/action（os-complete）——状态 in-use` })],
];

function ids(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const volume = Object.values(w.cloud.db.volumes).find((v) => v.name === w.facts.volume)!;
  return { server, volume };
}

function stepTexts(w: World<Facts>): Text[] {
  const { server, volume } = ids(w);
  const out: Text[] = [];
  for (const e of eventsAbout(w.cloud, [volume.id])) {
    const rule = RULES.find(([re]) => re.test(e.name));
    if (!rule || !e.subjects.includes(volume.id)) continue;
    // Only the attachment to this server (and the volume's own creation).
    if (e.subjects.length > 1 && !e.subjects.includes(server.id)) continue;
    const text = rule[1](e);
    if (!out.some((o) => o.en === text.en)) out.push(text);
  }
  return out;
}

const steps = (w: World<Facts>): string[] => stepTexts(w).map(bilingual);

export default orderingFamily<Facts>({
  id: 'f1-volume-attach',
  flow: 1,
  difficulty: 2,
  traces: true,
  title: { en: 'Attach a cinder volume: the attachments API in order', zh: '挂载 cinder 卷：attachments API 的先后顺序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    const server = pick.one(t.instances).name;
    const volume = pick.one(VOLUMES);
    return {
      scenario: [...t.lines, `openstack volume create --size ${pick.between(1, 20)} ${volume}`, `openstack server add volume ${server} ${volume}`, '. admin-openrc'],
      computes: t.computes,
    };
  },
  facts: (world) => {
    const volume = Object.values(world.cloud.db.volumes).at(-1)!;
    return { volume: volume.name, server: world.cloud.db.servers[volume.attachments[0]!.serverId]!.name };
  },
  prompt: (w) => ({
    en: `The demo user ran \`openstack volume create … ${w.facts.volume}\` and then \`openstack server add volume ${w.facts.server} ${w.facts.volume}\`. Put the steps that created and attached the volume in the order they happened in this cloud (2024.1: cinder's attachments API, microversion 3.44+).`,
    zh: `demo 用户先执行了 \`openstack volume create … ${w.facts.volume}\`，再执行 \`openstack server add volume ${w.facts.server} ${w.facts.volume}\`。请把创建并挂载这个卷的步骤按这个环境里实际发生的顺序排好（2024.1，用的是 cinder 的 attachments API，微版本 3.44 以上）。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack volume show ${w.facts.volume} -c id -c size -c status`), shown(w, 'controller', 'openstack server list --long -c Name -c Status -c Host')],
  steps,
  hints: () => [
    { en: 'The API service reserves the volume before any compute node is involved.', zh: '在计算节点介入之前，API 服务就先把卷预留（reserve）了。' },
    { en: 'cinder can only export the volume once it knows the host\'s connector (initiator).', zh: 'cinder 只有拿到主机的 connector（initiator）之后才能导出这个卷。' },
    { en: 'The attachment is marked complete last, after the guest has the disk.', zh: '虚拟机拿到磁盘之后，最后才把 attachment 标成 complete。' },
  ],
  explain: (w) => {
    const { server, volume } = ids(w);
    const att = volume.attachments.find((a) => a.serverId === server.id);
    const list = (lang: keyof Text) => stepTexts(w).map((s, i) => `${i + 1}. ${s[lang]}`).join('\n');
    return paragraphs(
      {
        en: `${list('en')}\nnova-api reserves the volume with attachment_create (POST /v3/attachments, no connector yet). nova-compute on ${att?.host ?? server.host} then calls attachment_update with its connector; cinder-volume exports the LV and returns connection_info (iSCSI target and portal). os-brick logs in, libvirt attaches the block device as ${att?.device ?? 'vdb'}, and attachment_complete flips the volume to in-use. For a boot from an existing volume, nova-api does the same attachment_create during server create, and compute does update + complete while it builds the guest (task_state block_device_mapping).`,
        zh: `${list('zh')}\nnova-api 先用 attachment_create（POST /v3/attachments，此时还没有 connector）把卷预留下来。${att?.host ?? server.host} 上的 nova-compute 再带着本机的 connector 调 attachment_update；cinder-volume 导出 LV，返回 connection_info（iSCSI target 和 portal）。os-brick 登录 iSCSI，libvirt 把块设备挂成 ${att?.device ?? 'vdb'}，最后 attachment_complete 把卷状态改成 in-use。如果是从已有卷启动，nova-api 在 server create 时就做 attachment_create，计算节点在创建虚拟机（task_state block_device_mapping）时做 update 和 complete。`,
      },
      {
        en: 'Where the seed differs: its steps 16-18 describe the old "call cinder to attach, cinder validates the token, compute gets the block storage information" flow (reserve / initialize_connection / attach). Since Train nova requires cinder 3.44+ and uses the attachments API: attachment_create -> attachment_update(connector) -> attachment_complete. Keystone still validates the token on every service (cached by keystonemiddleware).',
        zh: '资料里的差别：资料第 16-18 步描述的是老流程（调 cinder attach、cinder 校验 token、计算节点拿到块存储信息，对应 reserve / initialize_connection / attach）。从 Train 起 nova 要求 cinder 3.44 以上，改用 attachments API：attachment_create -> attachment_update(connector) -> attachment_complete。每个服务照样通过 keystone 校验 token（keystonemiddleware 有缓存）。',
      },
    );
  },
});
