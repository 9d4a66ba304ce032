/** Flow 1: which boots really fetched the image from glance, and which were served from the _base cache? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { hostOf } from './_helpers.js';

interface Facts { image: string; deleted: string | null }

interface BootRecord { name: string; host: string; downloaded: boolean; id: string }

const NAMES = ['vm-a', 'vm-b', 'vm-c', 'vm-d', 'vm-e', 'vm-f', 'vm-g'];

/** Every boot in the order it happened, read from the bus: where it ran and whether nova-compute fetched the image. */
function boots(w: World<Facts>): BootRecord[] {
  const out: BootRecord[] = [];
  for (const e of w.cloud.events) {
    if (e.name === 'POST /v2.1/servers') {
      const name = /name ([^,]+),/.exec(e.detail)?.[1] ?? '';
      out.push({ name, id: e.subjects[0]!, host: '', downloaded: false });
      continue;
    }
    const rec = out.find((b) => b.id === e.subjects[0]);
    if (!rec) continue;
    if (e.name === 'build_and_run_instance') rec.host = e.to.split('@')[1] ?? '';
    if (/^GET \/v2\/images\/[^/]+\/file$/.test(e.name) && e.from.startsWith('nova-compute')) rec.downloaded = true;
    if (e.name === 'image cache hit') rec.host ||= hostOf(e.from) ?? '';
  }
  return out;
}

const optionText = (b: BootRecord) => `${b.name} (on ${b.host})`;

export default choiceFamily<Facts>({
  id: 'f1-image-cache',
  flow: 1,
  difficulty: 2,
  traces: true,
  multiple: true,
  title: { en: 'Which boots downloaded the image from glance?', zh: '哪几次启动真正从 glance 下载了镜像？' },
  setup: (pick) => {
    const computes = pick.between(2, 3);
    const t = tenantCloud(pick, { tenants: 1, computes: [computes, computes] });
    const net = t.tenants[0]!.network;
    const count = computes + pick.between(1, 2);
    const names = pick.some(NAMES, count + 1);
    const hosts = Array.from({ length: count }, () => pick.between(1, computes));
    const lines = [...t.lines, '. admin-openrc'];
    hosts.forEach((h, i) => lines.push(`openstack server create --flavor m1.nano --image cirros --nic net-id=${net} --availability-zone nova:compute${h} ${names[i]}`));
    // Sometimes: delete the first instance and boot another on its node — the cached base image outlives it.
    if (pick.bool()) {
      lines.push(`openstack server delete ${names[0]}`);
      lines.push(`openstack server create --flavor m1.nano --image cirros --nic net-id=${net} --availability-zone nova:compute${hosts[0]} ${names[count]}`);
    }
    return { scenario: lines, computes };
  },
  facts: (world) => {
    const alive = new Set(Object.values(world.cloud.db.servers).map((s) => s.name));
    const all = world.cloud.events.filter((e) => e.name === 'POST /v2.1/servers').map((e) => /name ([^,]+),/.exec(e.detail)?.[1] ?? '');
    return { image: Object.values(world.cloud.db.images)[0]!.name, deleted: all.find((n) => !alive.has(n)) ?? null };
  },
  prompt: (w) => {
    const order = boots(w).map((b) => b.name).join(', ');
    const del = w.facts.deleted;
    return {
      en: `The admin booted these instances from image "${w.facts.image}", one after the other, in this order: ${order}${del ? ` (${del} was deleted before the last boot)` : ''}. Each compute node started with an empty image cache and nova's defaults. For which boots did nova-compute download the image data from glance (GET /v2/images/<id>/file)? Select all.`,
      zh: `管理员用镜像 “${w.facts.image}” 依次启动了这些实例，顺序是：${order}${del ? `（最后一次启动之前删掉了 ${del}）` : ''}。每台计算节点一开始镜像缓存都是空的，nova 用默认配置。哪几次启动时 nova-compute 从 glance 下载了镜像数据（GET /v2/images/<id>/file）？请全部选出。`,
    };
  },
  context: (w) => [
    shown(w, 'controller', 'openstack server list --long -c Name -c Status -c "Image Name" -c Host'),
    shown(w, 'controller', `openstack image show ${w.facts.image} -c id -c disk_format -c size`),
  ],
  options: (w) => {
    const all = boots(w);
    return { right: all.filter((b) => b.downloaded).map(optionText), wrong: all.filter((b) => !b.downloaded).map(optionText) };
  },
  whyWrong: (w, option) => {
    const all = boots(w);
    const b = all.find((x) => optionText(x) === option);
    if (!b) return undefined;
    const first = all.find((x) => x.host === b.host)!;
    return {
      en: `${b.name} found ${w.facts.image} already in /var/lib/nova/instances/_base on ${b.host}: ${first.name} had fetched it there earlier${w.facts.deleted === first.name ? ' (deleting that instance does not delete the cached base image)' : ''}.`,
      zh: `${b.name} 启动时 ${b.host} 的 /var/lib/nova/instances/_base 里已经有 ${w.facts.image} 了：之前的 ${first.name} 在这台上下载过${w.facts.deleted === first.name ? '（删掉那台实例并不会删掉缓存的基础镜像）' : ''}。`,
    };
  },
  hints: () => [
    { en: 'nova-api looks up the image\'s metadata for every boot; that is not the download.', zh: '每次启动 nova-api 都会查镜像的元数据，那不算下载。' },
    { en: 'The libvirt driver keeps base images per compute node in /var/lib/nova/instances/_base.', zh: 'libvirt driver 在每台计算节点的 /var/lib/nova/instances/_base 里缓存基础镜像。' },
    { en: 'Unused base images are only removed by the image cache manager after a day (remove_unused_original_minimum_age_seconds).', zh: '没人用的基础镜像要过一天才会被 image cache manager 清理（remove_unused_original_minimum_age_seconds）。' },
  ],
  explain: (w) => {
    const all = boots(w);
    const list = all.map((b) => `${b.name} on ${b.host}: ${b.downloaded ? 'cache miss, GET /v2/images/<id>/file from glance-api' : 'cache hit in _base, nothing fetched'}`).join('\n');
    const listZh = all.map((b) => `${b.name}（${b.host}）：${b.downloaded ? '缓存未命中，从 glance-api 下载（GET /v2/images/<id>/file）' : '命中 _base 缓存，没有下载'}`).join('\n');
    return paragraphs(
      {
        en: `${list}\nnova-api reads the image metadata (GET /v2/images/<id>) for every boot, before scheduling. The data itself is fetched by nova-compute only when the base image is missing from that node's _base directory; each node has its own cache, so the first boot of an image on every node pays for the download and later boots there start from the cached copy (copy-on-write qcow2 overlays). Deleting an instance leaves the base image in place until the image cache manager ages it out.`,
        zh: `${listZh}\nnova-api 在调度之前，每次都会读镜像元数据（GET /v2/images/<id>）。镜像数据本身只有当本节点 _base 目录里没有时才由 nova-compute 下载；每台节点各有各的缓存，所以一个镜像在每台节点上的第一次启动要下载，之后在这台上启动都直接用缓存（qcow2 写时复制的 overlay）。删除实例不会删除基础镜像，要等 image cache manager 按时间清理。`,
      },
      {
        en: 'Where the seed differs: its steps 10-12 have every boot fetch the image from glance, with glance validating the token. That happens only on a cache miss, and never for boot-from-volume (the root disk is a cinder volume, created from the image once by cinder). The seed also places the first glance contact at step 10, but nova-api already validated the image at the API step.',
        zh: '资料里的差别：资料第 10-12 步说每次启动都要从 glance 拉镜像、glance 再去校验 token。实际上只有缓存未命中时才下载，从卷启动则根本不下载（根盘是 cinder 卷，由 cinder 从镜像创建一次）。另外资料把第一次找 glance 放在第 10 步，其实 nova-api 在 API 阶段就已经校验过镜像了。',
      },
    );
  },
});
