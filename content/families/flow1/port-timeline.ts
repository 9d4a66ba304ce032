/**
 * Flow 1: the instance's port from POST /v2.0/ports to the guest's first DHCP packet,
 * read from the bus (all flows: nova, neutron-server, the L2 agent, libvirt, the guest).
 * Only hand-offs whose order is guaranteed in a real cloud are asked; steps that race
 * (the DHCP agent's dhcp_ready_on_ports, the image download) are left to the explanation.
 */
import { orderingFamily } from '../../kinds/ordering.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { BusEvent } from '../../../engine/core/types.js';
import type { Text, World } from '../../types.js';
import { bilingual, eventsAbout, firstPortId } from './_helpers.js';

interface Facts { server: string }

type Describe = (e: BusEvent, w: Ctx) => Text;
interface Ctx { ip: string; mac: string; host: string; tap: string; bridge: string; vxlan: string; server: string }

const STEPS: Array<[(e: BusEvent) => boolean, Describe]> = [
  [(e) => e.name === 'POST /v2.0/ports' && e.from.startsWith('nova-compute'), (_e, c) => ({ en: `nova-compute@${c.host} → neutron-server: POST /v2.0/ports — IPAM fixes ${c.ip} and MAC ${c.mac}`, zh: `nova-compute@${c.host} → neutron-server：POST /v2.0/ports——IPAM 定下 ${c.ip} 和 MAC ${c.mac}` })],
  [(e) => e.name.startsWith('PUT /v2.0/ports/') && e.from.startsWith('nova-compute'), (_e, c) => ({ en: `nova-compute@${c.host} → neutron-server: PUT binding:host_id=${c.host} — ML2 binds the port (vif_type bridge), status stays DOWN`, zh: `nova-compute@${c.host} → neutron-server：PUT binding:host_id=${c.host}——ML2 绑定端口（vif_type bridge），状态仍是 DOWN` })],
  [(e) => e.name === 'plug_vifs', (_e, c) => ({ en: `os-vif (linux_bridge plugin) makes sure ${c.bridge} exists on ${c.host}`, zh: `os-vif（linux_bridge 插件）确保 ${c.host} 上有 ${c.bridge}` })],
  [(e) => e.name.startsWith('defineXML'), (_e, c) => ({ en: `libvirt defines the guest paused and creates ${c.tap} inside ${c.bridge}`, zh: `libvirt 以暂停状态定义虚拟机，并在 ${c.bridge} 里创建 ${c.tap}` })],
  [(e) => e.name === 'add_tap_interface', (_e, c) => ({ en: `neutron-linuxbridge-agent@${c.host} finds ${c.tap}, makes sure ${c.vxlan} is in ${c.bridge}, sets the MTU and reports the device up`, zh: `neutron-linuxbridge-agent@${c.host} 发现 ${c.tap}，确保 ${c.vxlan} 在 ${c.bridge} 里，设置 MTU 并上报设备 up` })],
  [(e) => e.name === 'UPDATE ports SET status=ACTIVE', () => ({ en: 'neutron-server: the last provisioning block is lifted, the port goes DOWN → ACTIVE', zh: 'neutron-server：最后一个 provisioning block 解除，端口 DOWN → ACTIVE' })],
  [(e) => e.name === 'POST /v2.1/os-server-external-events', (_e, c) => ({ en: `neutron-server → nova-api: network-vif-plugged for ${c.server}`, zh: `neutron-server → nova-api：${c.server} 的 network-vif-plugged` })],
  [(e) => e.name === 'resume', (_e, c) => ({ en: `nova-compute@${c.host} → libvirt: resume the paused guest`, zh: `nova-compute@${c.host} → libvirt：resume 暂停中的虚拟机` })],
  [(e) => e.name === 'DHCPDISCOVER', (_e, c) => ({ en: `${c.server} broadcasts DHCPDISCOVER from ${c.mac}`, zh: `${c.server} 从 ${c.mac} 广播 DHCPDISCOVER` })],
];

function ctxOf(w: World<Facts>): { c: Ctx; events: BusEvent[] } {
  const server = serverNamed(w.cloud, w.facts.server);
  const portId = firstPortId(server);
  const port = w.cloud.db.ports[portId]!;
  const net = w.cloud.db.networks[port.networkId]!;
  return {
    c: { ip: port.fixedIps[0]!.ipAddress, mac: port.macAddress, host: server.host!, tap: names.tapName(portId), bridge: names.bridgeName(net.id), vxlan: names.vxlanName(net.segmentationId!), server: server.name },
    events: eventsAbout(w.cloud, [server.id, portId]),
  };
}

function stepTexts(w: World<Facts>): Text[] {
  const { c, events } = ctxOf(w);
  const out: Text[] = [];
  for (const e of events) {
    const rule = STEPS.find(([match]) => match(e));
    if (!rule) continue;
    const text = rule[1](e, c);
    if (!out.some((o) => o.en === text.en)) out.push(text);
  }
  return out;
}

const steps = (w: World<Facts>): string[] => stepTexts(w).map(bilingual);

export default orderingFamily<Facts>({
  id: 'f1-port-timeline',
  flow: 1,
  difficulty: 3,
  traces: true,
  title: { en: 'From the port POST to the first DHCP packet', zh: '从创建端口到第一个 DHCP 包' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => ({
    en: `Follow the network side of the boot of "${w.facts.server}". Put these steps in the order they happened, from the moment nova-compute asks neutron for a port until the guest sends its first DHCP packet.`,
    zh: `跟踪 “${w.facts.server}” 启动过程中网络这一侧的步骤：从 nova-compute 向 neutron 要端口开始，到虚拟机发出第一个 DHCP 包为止，请按实际发生的先后排序。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack port list --server ${w.facts.server} --long -c ID -c "MAC Address" -c "Fixed IP Addresses" -c Status -c "Device Owner"`)],
  steps,
  hints: () => [
    { en: 'The IP exists before anything is plugged; DHCP only hands it out.', zh: 'IP 在任何东西插上之前就已经有了，DHCP 只是把它发下去。' },
    { en: 'The agent can only react to a TAP that already exists, and the port can only go ACTIVE after the agent reports it.', zh: 'agent 只能对已经存在的 TAP 做出反应；端口也只有在 agent 上报之后才能变成 ACTIVE。' },
    { en: 'A paused guest sends nothing.', zh: '暂停状态的虚拟机什么包也发不出来。' },
  ],
  explain: (w) => {
    const { c, events } = ctxOf(w);
    const ready = events.find((e) => e.name === 'dhcp_ready_on_ports');
    const list = (lang: keyof Text) => stepTexts(w).map((s, i) => `${i + 1}. ${s[lang]}`).join('\n');
    return paragraphs(
      {
        en: `For ${c.server} on ${c.host}:\n${list('en')}\nThe port with ${c.ip} is created and bound before libvirt even defines the guest. Binding (binding:host_id=${c.host}) makes ML2 pick the linuxbridge mechanism driver (vif_type bridge) and puts provisioning blocks on the port: L2 always, DHCP because the subnet has DHCP. ${ready ? `The DHCP agent lifted its block with dhcp_ready_on_ports once the host entry for ${c.mac} was written; that runs in parallel with the compute side, so its position is not fixed. ` : ''}The L2 block is lifted by update_device_list after the agent has wired ${c.tap}. Only when no block is left does the port go ACTIVE, and only then does neutron send network-vif-plugged, nova-api cast external_instance_event to the compute node, and libvirt resume the guest, which then boots and asks DHCP for the address it already has.`,
        zh: `${c.server}（在 ${c.host} 上）：\n${list('zh')}\n带着 ${c.ip} 的端口在 libvirt 定义虚拟机之前就已经创建并绑定好了。绑定（binding:host_id=${c.host}）让 ML2 选中 linuxbridge 机制驱动（vif_type bridge），并给端口加上 provisioning block：L2 一定有；子网开了 DHCP，所以还有 DHCP。${ready ? `DHCP agent 在把 ${c.mac} 的 host 条目写好后调用 dhcp_ready_on_ports 解除它的 block；这一步和计算节点那边是并行的，先后不固定。` : ''}L2 block 由 agent 接好 ${c.tap} 之后的 update_device_list 解除。所有 block 都解除后端口才变 ACTIVE，neutron 才发 network-vif-plugged，nova-api 再 cast external_instance_event 给计算节点，libvirt 才 resume 虚拟机；虚拟机启动后再用 DHCP 去要那个早就分配好的地址。`,
      },
      {
        en: 'Where the seed differs: its flow 1 has nova-compute "get network information" from neutron and then create the VM, and its flow 3 has the Linux bridge agent create the TAP. Missing are the two-step port create + bind, the provisioning blocks, the paused guest and network-vif-plugged (vif_plugging_timeout 300 s, vif_plugging_is_fatal True: without the event the build fails).',
        zh: '资料里的差别：资料的流程一只说 nova-compute 从 neutron “获得网络信息”然后创建虚拟机，流程三又说 TAP 是 linuxbridge agent 创建的。它漏掉了“先创建、再绑定”两步、provisioning block、暂停启动和 network-vif-plugged（vif_plugging_timeout 300 秒、vif_plugging_is_fatal 为 True：等不到事件就创建失败）。',
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      SEED_SIMPLIFIES['ipFirstFree'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
