/** Flow 3: on a compute node's `brctl show`, which port is the instance's, and which device goes to the network node. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names, portOf, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';

export default choiceFamily({
  id: 'f3-which-tap',
  flow: 3,
  difficulty: 2,
  multiple: true,
  title: { en: "Find the instance's tap and its path to the network node", zh: '找出实例的 tap 以及通往网络节点的设备' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(2, 3), computes: [2, 2] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const servers = Object.values(world.cloud.db.servers).filter((s) => s.host !== null);
    const server = pick.one(servers);
    return { server: server.name, host: server.host! };
  },
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" was just booted and landed on ${w.facts.host}. Below are its port and \`brctl show\` on ${w.facts.host}. Select the instance's own interface on the host, and the device that carries its traffic to the network node.`,
    zh: `实例 “${w.facts.server}” 刚启动，被调度到了 ${w.facts.host}。下面是它的端口信息和 ${w.facts.host} 上的 \`brctl show\`。请选出这台实例在宿主机上的接口，以及把它的流量送到网络节点的设备。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
    shown(w, w.facts.host, 'brctl show'),
  ],
  options: (w) => {
    const server = serverNamed(w.cloud, w.facts.server);
    const port = portOf(w.cloud, server);
    const net = w.cloud.db.networks[port.networkId]!;
    const right = [names.tapName(port.id), names.vxlanName(net.segmentationId!)];
    const host = w.cloud.hosts[w.facts.host]!;
    const otherTaps = host.root.links.filter((l) => l.kind === 'tun' && l.name !== right[0]).map((l) => l.name);
    const dhcp = Object.values(w.cloud.db.ports).find((p) => p.networkId === net.id && p.deviceOwner === 'network:dhcp');
    const wrong = [...otherTaps, names.bridgeName(net.id), 'eth1', ...(dhcp ? [names.tapName(dhcp.id), names.dhcpDeviceName(dhcp.id)] : [])];
    return { right, wrong: wrong.slice(0, 5) };
  },
  whyWrong: (w, option) => {
    if (option.startsWith('brq')) return { en: `${option} is the bridge itself: the tap and the vxlan device are its ports.`, zh: `${option} 是网桥本身，tap 和 vxlan 设备是挂在它上面的端口。` };
    if (option.startsWith('ns-')) return { en: `${option} lives inside the qdhcp namespace on the controller, not on ${w.facts.host}.`, zh: `${option} 在控制节点的 qdhcp 命名空间里，不在 ${w.facts.host} 上。` };
    if (option === 'eth1') return { en: 'eth1 is the provider interface for flat networks; VXLAN goes over the management network (eth0).', zh: 'eth1 是 flat 网络用的 provider 网卡；VXLAN 走的是管理网（eth0）。' };
    return undefined;
  },
  hints: (w) => [
    { en: 'The host side of an instance NIC is named "tap" + the first 11 characters of its port ID.', zh: '实例网卡在宿主机上的那一端叫 “tap” + 端口 ID 前 11 位。' },
    { en: `Traffic between nodes on a VXLAN network leaves the bridge through a vxlan-<VNI> device.`, zh: 'VXLAN 网络跨节点的流量从网桥上的 vxlan-<VNI> 设备出去。' },
    { en: `Only one tap on ${w.facts.host} matches the port ID above.`, zh: `${w.facts.host} 上只有一个 tap 和上面的端口 ID 对得上。` },
  ],
  explain: (w) => {
    const server = serverNamed(w.cloud, w.facts.server);
    const port = portOf(w.cloud, server);
    const net = w.cloud.db.networks[port.networkId]!;
    const tap = names.tapName(port.id);
    return paragraphs(
      {
        en: `Port ${port.id} becomes ${tap} on ${w.facts.host} ("tap" + its first 11 characters). libvirt created that TAP from the domain XML (<target dev='${tap}'/>, <source bridge='${names.bridgeName(net.id)}'/>) and put it in the bridge. The Linux bridge agent then added ${names.vxlanName(net.segmentationId!)}, the VXLAN device for VNI ${net.segmentationId}, which encapsulates frames in UDP 8472 to the other VTEPs that l2population told it about. Inside the guest the same NIC is eth0 with MAC ${port.macAddress}; the host side of the TAP shows fe${port.macAddress.slice(2)}.`,
        zh: `端口 ${port.id} 在 ${w.facts.host} 上对应 ${tap}（“tap” + ID 前 11 位）。这个 TAP 是 libvirt 按 domain XML（<target dev='${tap}'/>、<source bridge='${names.bridgeName(net.id)}'/>）创建并挂到网桥上的。之后 linuxbridge agent 加上了 ${names.vxlanName(net.segmentationId!)}，也就是 VNI ${net.segmentationId} 的 VXLAN 设备，它把帧封装成 UDP 8472 发往 l2population 告诉它的其他 VTEP。在虚拟机里这块网卡是 eth0，MAC 为 ${port.macAddress}；宿主机侧 TAP 的 MAC 是 fe${port.macAddress.slice(2)}。`,
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
