/** Flow 1: order the real steps of `server create`, read from the cloud's own message bus. */
import { orderingFamily } from '../../kinds/ordering.js';
import { flowTrace } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';

/** The messages worth ordering: one per actor hand-off, as they happened. */
const KEY_MESSAGES: Array<[RegExp, (actor: string, target: string, message: string) => string]> = [
  [/^POST \/v2\.1\/servers$/, () => 'client → nova-api: POST /v2.1/servers'],
  [/^INSERT request_specs/, () => 'nova-api → nova_api DB: BuildRequest, RequestSpec, InstanceMapping'],
  [/^schedule_and_build_instances$/, () => 'nova-api → nova-conductor: schedule_and_build_instances (cast)'],
  [/^select_destinations$/, () => 'nova-conductor → nova-scheduler: select_destinations (call)'],
  [/^GET \/allocation_candidates$/, () => 'nova-scheduler → placement: GET /allocation_candidates'],
  [/^PUT \/allocations\//, () => 'nova-scheduler → placement: PUT /allocations/<instance> (claim)'],
  [/^INSERT instances/, () => 'nova-conductor → cell DB: instance record created'],
  [/^build_and_run_instance$/, (_a, t) => `nova-conductor → ${t}: build_and_run_instance (cast)`],
  [/^POST \/v2\.0\/ports$/, (a) => `${a} → neutron-server: POST /v2.0/ports (IP and MAC allocated)`],
  [/^PUT \/v2\.0\/ports\//, (a) => `${a} → neutron-server: PUT port binding:host_id (vif_type bridge)`],
  [/^defineXML/, (_a, t) => `nova-compute → ${t}: define the guest paused, TAP created in the bridge`],
  [/^POST \/v2\.1\/os-server-external-events$/, () => 'neutron-server → nova-api: network-vif-plugged'],
  [/^resume$/, () => 'nova-compute → libvirt: resume the guest'],
];

function steps(w: World<{ server: string }>): string[] {
  const trace = flowTrace(w.cloud, 1);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const step of trace) {
    const rule = KEY_MESSAGES.find(([re]) => re.test(step.message));
    if (!rule) continue;
    const text = rule[1](step.actor, step.target, step.message);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

export default orderingFamily({
  id: 'f1-boot-order',
  flow: 1,
  difficulty: 2,
  traces: true,
  title: { en: 'Put the steps of server create in order', zh: '把 server create 的步骤排好顺序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => ({ server: Object.values(world.cloud.db.servers).at(-1)!.name }),
  prompt: (w) => ({
    en: `\`openstack server create ... ${w.facts.server}\` just ran on this cloud. Put these steps in the order they happened.`,
    zh: `这个环境里刚执行了 \`openstack server create ... ${w.facts.server}\`。请把下面这些步骤按实际发生的先后排好。`,
  }),
  context: () => [],
  steps,
  hints: () => [
    { en: 'nova-api does not talk to the scheduler.', zh: 'nova-api 并不直接找 nova-scheduler。' },
    { en: 'The instance record in the cell database exists only after a host was chosen.', zh: 'cell 数据库里的实例记录要在选好主机之后才创建。' },
    { en: 'The guest starts paused and waits for neutron to say the port is wired.', zh: '虚拟机先以暂停状态创建，等 neutron 通知端口接好了才继续。' },
  ],
  explain: (w) => paragraphs(
    {
      en: `What happened for ${w.facts.server}, in order:\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nnova-api answers 202 right after it stores the BuildRequest; everything after that is asynchronous. The port's IP and MAC come from neutron IPAM at POST /v2.0/ports, long before the guest sends DHCP. The guest is created paused and resumed only when neutron reports network-vif-plugged, which needs the Linux bridge agent (and the DHCP agent) to finish wiring the port (vif_plugging_timeout 300 s, fatal by default).`,
      zh: `${w.facts.server} 的实际顺序：\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nnova-api 存好 BuildRequest 后就返回 202，后面都是异步的。端口的 IP 和 MAC 在 POST /v2.0/ports 时就由 neutron IPAM 分配好了，远早于虚拟机发 DHCP。虚拟机先暂停创建，等 neutron 发来 network-vif-plugged 才恢复运行，而这要等 linuxbridge agent（以及 DHCP agent）把端口接好（vif_plugging_timeout 默认 300 秒，超时即失败）。`,
    },
    SEED_SIMPLIFIES['schedulerViaConductor'],
    THEN_VS_NOW['linuxbridge'],
  ),
});
