/** Flow 3 drill: one piece of the compute node's wiring is wrong; find it from the node's outputs and fix it. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultById, faultContext, type Fault } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text } from '../../types.js';
import { asAdmin, serversOn, tenantNetwork, VXLAN_NOT_IN_BRIDGE } from './_helpers.js';

interface Facts extends TroubleFacts { server: string; host: string; network: string }

/** Which component's job the fault undoes, and how a real operator would have that component redo it. */
const OWNER: Record<string, { job: Text; remedy: Text }> = {
  'tap-wrong-mtu': {
    job: { en: 'libvirt sets the TAP MTU from <mtu size=…/> and the Linux bridge agent sets it again (_set_tap_mtu)', zh: 'TAP 的 MTU 由 libvirt 按 <mtu size=…/> 设置，linuxbridge agent 还会再设一次（_set_tap_mtu）' },
    remedy: { en: 'restarting neutron-linuxbridge-agent also mends it, since on resync it treats every tap as new and sets the MTU again', zh: '重启 neutron-linuxbridge-agent 也能修好，因为重新同步时它把每个 tap 当成新设备，会再设一次 MTU' },
  },
  'tap-not-in-bridge': {
    job: { en: 'libvirt enslaves the TAP to the bridge named in <source bridge=…/>; the agent never does it for compute: ports', zh: 'TAP 是 libvirt 按 <source bridge=…/> 挂到网桥上的；对 compute: 端口 agent 从不做这一步' },
    remedy: { en: 'restarting the agent would not help (it skips addif for compute: owners); a hard reboot of the instance makes libvirt recreate and enslave the TAP', zh: '重启 agent 没用（它对 compute: 端口跳过 addif）；hard reboot 实例会让 libvirt 重建 TAP 并挂回网桥' },
  },
  'vxlan-not-in-bridge': {
    job: { en: 'the Linux bridge agent creates vxlan-<VNI> and adds it to the bridge (ensure_vxlan_bridge) when the first port of the network appears on the node', zh: '网络的第一个端口出现在本节点时，linuxbridge agent 创建 vxlan-<VNI> 并加进网桥（ensure_vxlan_bridge）' },
    remedy: { en: 'restarting neutron-linuxbridge-agent also mends it: ensure_vxlan_bridge runs again for every port and re-adds the device', zh: '重启 neutron-linuxbridge-agent 也能修好：每个端口都会重新走 ensure_vxlan_bridge，把设备加回去' },
  },
  'fdb-flood-missing': {
    job: { en: 'the Linux bridge agent programs the flooding entry when l2population sends the network\'s FDB (add_fdb_entries / fdb_add)', zh: 'l2population 下发网络的 FDB（add_fdb_entries / fdb_add）时，linuxbridge agent 写入泛洪条目' },
    remedy: { en: 'restarting neutron-linuxbridge-agent also mends it: the server sees the agent restart and sends it the network\'s full FDB again', zh: '重启 neutron-linuxbridge-agent 也能修好：server 发现 agent 重启后会把整个网络的 FDB 重新下发一遍' },
  },
};

const FAULT_IDS = ['tap-wrong-mtu', 'tap-not-in-bridge', 'vxlan-not-in-bridge', 'fdb-flood-missing'];

/** What the user reports, the same for every fault that cuts the instance off, so the symptom never names the device. */
const CUT_OFF: Text = {
  en: 'After a reboot the instance gets no DHCP answer and cannot reach anything on its network, not even its gateway.',
  zh: '实例重启后收不到 DHCP 应答，同网段什么都访问不了，连网关都 ping 不通。',
};

function fault(id: string): Fault {
  const f = id === VXLAN_NOT_IN_BRIDGE.id ? VXLAN_NOT_IN_BRIDGE : faultById(id);
  return id === 'tap-wrong-mtu' ? f : { ...f, symptom: CUT_OFF };
}

export default troubleshootFamily<Facts>({
  id: 'f3-fix-compute-wiring',
  flow: 3,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: repair the instance\'s wiring on the compute node', zh: '排障：修好计算节点上实例的接线' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, router: pick.bool() });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const server = serversOn(world, tenantNetwork(world).id)[0]!;
    const target = faultContext(world.cloud, server);
    const candidates = FAULT_IDS.map(fault).filter((f) => f.applies(target));
    const chosen = pick.one(candidates);
    chosen.inject(target);
    return { fault: chosen, target, server: server.name, host: server.host!, network: world.cloud.db.networks[target.port.networkId]!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" on ${w.facts.host} misbehaves (see the symptom). Compare ${w.facts.host}'s devices with what attaching an instance to a VXLAN network should leave behind, and give the command(s) that repair it, as \`HOST$ COMMAND\`.`,
    zh: `${w.facts.host} 上的 “${w.facts.server}” 出了问题（见故障现象）。把 ${w.facts.host} 上的设备和实例接入 VXLAN 网络后应有的样子对比一下，给出修复命令，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => {
    const port = w.facts.target.port;
    const net = w.cloud.db.networks[port.networkId]!;
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c Status`),
      shown(w, 'controller', `openstack network show ${w.facts.network} -c id -c mtu -c provider:segmentation_id`),
      shown(w, w.facts.host, 'brctl show'),
      shown(w, w.facts.host, `ip link show ${names.tapName(port.id)}`),
      shown(w, w.facts.host, `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}`),
      shown(w, 'controller', `ip -4 -br addr show dev ${w.cloud.config.managementInterface}`),
    ];
  },
  hints: () => [
    { en: 'A healthy compute node has the instance tap and vxlan-<VNI> in the network\'s brq bridge, both at the network MTU, and an all-zero FDB entry towards the network node.', zh: '正常的计算节点上，实例 tap 和 vxlan-<VNI> 都在这个网络的 brq 网桥里，MTU 都等于网络 MTU，并且有一条指向网络节点的全零 FDB 条目。' },
    { en: 'Check each of those four things against the outputs; exactly one is off.', zh: '拿这四点逐一对照输出，只有一处不对。' },
    { en: 'The repairs are one-liners: brctl addif, ip link set … mtu, or bridge fdb append … dst <VTEP>.', zh: '修复都是一条命令：brctl addif、ip link set … mtu，或者 bridge fdb append … dst <VTEP>。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const { job, remedy } = OWNER[w.facts.fault.id]!;
    return paragraphs(
      {
        en: `The fault: ${w.facts.fault.name.en}. ${w.facts.fault.symptom.en} Normally ${job.en}. \`${fix.host}$ ${fix.command}\` repairs it by hand; ${remedy.en}.`,
        zh: `故障是：${w.facts.fault.name.zh}。${w.facts.fault.symptom.zh} 正常情况下，${job.zh}。\`${fix.host}$ ${fix.command}\` 是手工修复；${remedy.zh}。`,
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      THEN_VS_NOW['overlay'],
    );
  },
});
