/**
 * Flow 2 drill: on the network node, one piece of what the agents built for a tenant
 * network is broken (the DHCP tap out of the bridge, the vxlan device out of the bridge,
 * or the DHCP tap down). Instances on compute nodes then get no address. Fix it; the
 * fix passes only if the instance's real DHCP exchange works again.
 */
import { faultContext, type Fault, type FaultContext } from '../../faults.js';
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import { findLink, release } from '../../../engine/host/kernel.js';
import { refreshBridge } from '../../../engine/agents/linuxbridge.js';
import type { Port } from '../../../engine/core/types.js';
import { dhcpPort } from './_helpers.js';

interface Facts extends TroubleFacts { server: string; network: string }

const dhcpWorks = (c: FaultContext) => dhcpExchange(c.cloud, c.server, c.port).lease !== null;
const dhcpOf = (c: FaultContext): Port => dhcpPort(c.cloud, c.cloud.db.networks[c.port.networkId]!);
const controller = (c: FaultContext) => c.cloud.hosts['controller']!;
const onCompute = (c: FaultContext) => !!c.server.host && c.server.host !== 'controller' && c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan';

const SYMPTOM = {
  en: 'After maintenance on the network node, instances on this network that reboot come up without an IPv4 address.',
  zh: '网络节点做完维护之后，这个网络上重启的实例都拿不到 IPv4 地址了。',
};

export const DHCP_TAP_OUT: Fault = {
  id: 'dhcp-tap-out-of-bridge',
  name: { en: 'The DHCP port\'s tap is no longer in the network\'s bridge on the network node', zh: '网络节点上 DHCP 端口的 tap 不在网络的网桥里了' },
  symptom: SYMPTOM,
  applies: (c) => onCompute(c) && dhcpWorks(c),
  inject(c) {
    release(controller(c).root, names.tapName(dhcpOf(c).id));
    refreshBridge(controller(c), names.bridgeName(c.port.networkId));
  },
  healthy: dhcpWorks,
  fix: (c) => ({ host: 'controller', command: `brctl addif ${names.bridgeName(c.port.networkId)} ${names.tapName(dhcpOf(c).id)}` }),
};

export const VXLAN_OUT: Fault = {
  id: 'vxlan-out-of-bridge',
  name: { en: 'The network\'s vxlan device is no longer in the bridge on the network node', zh: '网络节点上这个网络的 vxlan 设备不在网桥里了' },
  symptom: SYMPTOM,
  applies: (c) => onCompute(c) && dhcpWorks(c),
  inject(c) {
    release(controller(c).root, names.vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!));
    refreshBridge(controller(c), names.bridgeName(c.port.networkId));
  },
  healthy: dhcpWorks,
  fix: (c) => ({ host: 'controller', command: `brctl addif ${names.bridgeName(c.port.networkId)} ${names.vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!)}` }),
};

export const DHCP_TAP_DOWN: Fault = {
  id: 'dhcp-tap-down',
  name: { en: 'The DHCP port\'s tap is administratively down on the network node', zh: '网络节点上 DHCP 端口的 tap 被 down 掉了' },
  symptom: SYMPTOM,
  applies: (c) => onCompute(c) && dhcpWorks(c),
  inject(c) {
    findLink(controller(c).root, names.tapName(dhcpOf(c).id))!.up = false;
  },
  healthy: dhcpWorks,
  fix: (c) => ({ host: 'controller', command: `ip link set dev ${names.tapName(dhcpOf(c).id)} up` }),
};

const FAULTS_HERE = [DHCP_TAP_OUT, VXLAN_OUT, DHCP_TAP_DOWN];

export default troubleshootFamily<Facts>({
  id: 'f2-fix-dhcp-plumbing',
  flow: 2,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: fix the network node\'s plumbing for a tenant network', zh: '排障：修好网络节点上租户网络的管道' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), computes: [1, 3], router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const target = faultContext(world.cloud, server);
    const fault = pick.one(FAULTS_HERE.filter((f) => f.applies(target)));
    fault.inject(target);
    return { fault, target, server: server.name, network: world.cloud.db.networks[target.port.networkId]!.name };
  },
  prompt: (w) => ({
    en: `Instances on network "${w.facts.network}" — for example "${w.facts.server}" on ${w.facts.target.server.host} — stopped getting addresses after someone worked on the network node. The compute side looks normal. Find what is broken on the controller and give the command(s) that repair it, one per line, as \`HOST$ COMMAND\`.`,
    zh: `有人动过网络节点之后，网络 “${w.facts.network}” 上的实例（比如 ${w.facts.target.server.host} 上的 “${w.facts.server}”）就拿不到地址了。计算节点那边看起来一切正常。请找出控制节点上坏掉的地方，给出修复命令，每行一条，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => {
    const vni = w.cloud.db.networks[w.facts.target.port.networkId]!.segmentationId!;
    return [
      shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c ID -c "MAC Address" -c "Device Owner" -c Status`),
      shown(w, 'controller', `openstack network show ${w.facts.network} -c id -c provider:segmentation_id`),
      shown(w, 'controller', 'brctl show'),
      shown(w, 'controller', 'ip -br link'),
      shown(w, w.facts.target.server.host!, `bridge fdb show dev ${names.vxlanName(vni)}`),
    ];
  },
  hints: (w) => [
    { en: `Follow the DISCOVER on the network node: in through the vxlan device, across the bridge, out the DHCP tap, through the veth into the qdhcp namespace.`, zh: '在网络节点上跟着 DISCOVER 走：从 vxlan 设备进来，过网桥，从 DHCP 的 tap 出去，经 veth 进 qdhcp 命名空间。' },
    { en: `Compare the controller's bridge for ${w.facts.network} with what the L2 agent builds: the uplink and every local port of the network, all up.`, zh: `把控制节点上 ${w.facts.network} 的网桥和 L2 agent 应有的样子对比：上联口加上这个网络在本机的所有端口，而且都是 up 的。` },
    { en: 'brctl addif BRIDGE DEV puts a device back into a bridge; ip link set dev DEV up brings a link up.', zh: 'brctl addif 网桥 设备 可以把设备重新加回网桥；ip link set dev 设备 up 可以把链路拉起来。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const net = w.cloud.db.networks[w.facts.target.port.networkId]!;
    const dp = dhcpPort(w.cloud, net);
    return paragraphs(
      {
        en: `The injected fault: ${w.facts.fault.name.en}. On the controller, ${names.bridgeName(net.id)} must hold ${names.vxlanName(net.segmentationId!)} (the way in from the computes) and ${names.tapName(dp.id)} (the root end of the DHCP veth whose other end, ${names.dhcpDeviceName(dp.id)}, is in ${names.dhcpNamespace(net.id)}), both up. ${w.facts.fault.id === VXLAN_OUT.id ? 'Without the vxlan device in the bridge, decapsulated frames from the computes go nowhere.' : w.facts.fault.id === DHCP_TAP_OUT.id ? 'Without the tap in the bridge, the DISCOVER arrives over VXLAN but is never forwarded towards the namespace.' : 'A down tap does not transmit: the bridge drops the DISCOVER on its way to the namespace.'} Fix: \`${fix.host}$ ${fix.command}\`. In a real cloud, restarting neutron-linuxbridge-agent (or any port update) would also make the agent re-run ensure_vxlan_bridge / add_tap_interface and restore it; hand fixes are lost when the agent resyncs anyway.`,
        zh: `注入的故障是：${w.facts.fault.name.zh}。控制节点上 ${names.bridgeName(net.id)} 里必须有 ${names.vxlanName(net.segmentationId!)}（计算节点过来的入口）和 ${names.tapName(dp.id)}（DHCP veth 在根命名空间的一端，另一端 ${names.dhcpDeviceName(dp.id)} 在 ${names.dhcpNamespace(net.id)} 里），而且都得是 up。${w.facts.fault.id === VXLAN_OUT.id ? 'vxlan 设备不在网桥里，从计算节点解封装出来的帧就无处可去。' : w.facts.fault.id === DHCP_TAP_OUT.id ? 'tap 不在网桥里，DISCOVER 经 VXLAN 到了网络节点，却不会被转发到命名空间。' : 'tap 是 down 的就发不出去：网桥往命名空间方向转发 DISCOVER 时被丢掉了。'}修复：\`${fix.host}$ ${fix.command}\`。真实环境里重启 neutron-linuxbridge-agent（或任何一次端口更新）也会让 agent 重新执行 ensure_vxlan_bridge / add_tap_interface 把它恢复；反过来，agent 重新同步时手工改动也可能被覆盖。`,
      },
      {
        en: 'Where the seed helps: its flow 2 is exactly this picture — tap and vxlan in brq, tap/ns- a veth pair into qdhcp. What it does not say is that the L2 agent (not the DHCP agent) put the tap and the vxlan device into the bridge, so that is the agent to restart.',
        zh: '资料能帮上忙的地方：资料的流程二画的正是这张图——tap 和 vxlan 在 brq 里，tap/ns- 是通往 qdhcp 的 veth 对。它没说的是：把 tap 和 vxlan 设备加进网桥的是 L2 agent（不是 DHCP agent），所以要重启的是 L2 agent。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
