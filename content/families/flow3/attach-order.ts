/** Flow 3: order what really happens between "nova creates the port" and "the guest runs", from the cloud's own bus. */
import { orderingFamily } from '../../kinds/ordering.js';
import { flowTrace, names } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import type { TraceStep } from '../../../engine/flows/trace.js';

interface Facts { server: string; host: string; port: string; network: string; bridge: string; vxlan: string; tap: string }

/**
 * Steps with a causal order (each needs the one before). The DHCP agent's
 * part and the l2pop FDB casts run alongside and are left out.
 */
const KEY: Array<[RegExp, (f: Facts, s: TraceStep) => string]> = [
  [/^POST \/v2\.0\/ports$/, (f) => `nova-compute → neutron-server: POST /v2.0/ports on ${f.network} (IPAM fixes the IP, MAC from base_mac)`],
  [/^PUT \/v2\.0\/ports\//, (f) => `nova-compute → neutron-server: PUT binding:host_id=${f.host}; ML2 binds vif_type=bridge, port stays DOWN`],
  [/^plug_vifs$/, (f) => `nova-compute → os-vif: plug_vifs, make sure ${f.bridge} exists`],
  [/^defineXML/, (f) => `nova-compute → libvirt: define the guest paused; libvirt creates ${f.tap} and puts it in ${f.bridge}`],
  [/^setup_port_filters$/, (f) => `neutron-linuxbridge-agent@${f.host}: security-group chains for ${f.tap}`],
  [/^add_tap_interface$/, (f) => `neutron-linuxbridge-agent@${f.host}: add ${f.vxlan} to ${f.bridge}, set the tap MTU`],
  [/^update_device_list/, () => 'neutron-linuxbridge-agent → neutron-server: update_device_list (device up, L2 block lifted)'],
  [/^UPDATE ports SET status=ACTIVE$/, () => 'neutron-server: port DOWN → ACTIVE'],
  [/^POST \/v2\.1\/os-server-external-events$/, () => 'neutron-server → nova-api: network-vif-plugged'],
];

function steps(w: World<Facts>): string[] {
  const trace = flowTrace(w.cloud, 3);
  const out: string[] = [];
  for (const [re, text] of KEY) {
    const step = trace.find((s) => re.test(s.message));
    if (step) out.push(text(w.facts, step));
  }
  // The guest resumes once the event arrives (flow 1's bus, same server).
  const resume = flowTrace(w.cloud, 1).find((s) => s.message === 'resume');
  if (resume) out.push('nova-compute → libvirt: resume the paused guest');
  return out;
}

export default orderingFamily<Facts>({
  id: 'f3-attach-order',
  flow: 3,
  difficulty: 2,
  traces: true,
  title: { en: 'Order the steps that wire an instance into the VXLAN network', zh: '给实例接入 VXLAN 网络的步骤排序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    // The trace follows the newest server.
    const server = Object.values(world.cloud.db.servers).at(-1)!;
    const port = world.cloud.db.ports[server.portIds[0]!]!;
    const net = world.cloud.db.networks[port.networkId]!;
    return {
      server: server.name, host: server.host!, port: port.id, network: net.name,
      bridge: names.bridgeName(net.id), vxlan: names.vxlanName(net.segmentationId!), tap: names.tapName(port.id),
    };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" was booted on "${w.facts.network}" and scheduled to ${w.facts.host}. Put these steps in the order they happened, from the port's creation to the guest running.`,
    zh: `在 “${w.facts.network}” 上启动了 “${w.facts.server}”，调度到了 ${w.facts.host}。请把下面这些步骤按实际发生的顺序排好，从创建端口一直到虚拟机跑起来。`,
  }),
  context: () => [],
  steps,
  hints: () => [
    { en: 'The port exists, with its IP and MAC, before anything happens on the compute node.', zh: '计算节点上还没动静时，端口连同 IP、MAC 就已经有了。' },
    { en: 'The bridge must exist before libvirt can put a TAP into it, and the agent only reacts to a TAP that already exists.', zh: '网桥得先存在，libvirt 才能把 TAP 挂进去；agent 只会对已经出现的 TAP 做处理。' },
    { en: 'The agent filters before it wires; nova waits for neutron\'s event before it lets the guest run.', zh: 'agent 先装安全组再接线；nova 要等 neutron 的事件到了才让虚拟机运行。' },
  ],
  explain: (w) => paragraphs(
    {
      en: `For ${w.facts.server} on ${w.facts.host}:\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nThe port is DOWN from the PUT until its provisioning blocks clear: L2 (the agent's update_device_list) and DHCP (the DHCP agent's dhcp_ready_on_ports, which runs in parallel on the network node). Only then does neutron send network-vif-plugged; nova waits up to vif_plugging_timeout = 300 s with the guest paused and fails the build if the event never comes (vif_plugging_is_fatal). Note what the agent does not do: it never creates ${w.facts.tap} and never runs brctl addif on a compute: port — libvirt did both.`,
      zh: `${w.facts.server} 在 ${w.facts.host} 上的实际顺序：\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\n从 PUT 开始端口一直是 DOWN，直到两个 provisioning block 都解除：L2（agent 的 update_device_list）和 DHCP（网络节点上 DHCP agent 的 dhcp_ready_on_ports，和计算节点这边是并行的）。之后 neutron 才发 network-vif-plugged；nova 让虚拟机保持暂停，最多等 vif_plugging_timeout = 300 秒，等不到就构建失败（vif_plugging_is_fatal）。注意 agent 没做的事：它从不创建 ${w.facts.tap}，对 compute: 端口也从不 brctl addif——这两件事都是 libvirt 做的。`,
    },
    SEED_SIMPLIFIES['agentCreatesTap'],
    THEN_VS_NOW['linuxbridge'],
  ),
});
