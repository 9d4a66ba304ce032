/** Flow 3: from the port, name the instance's tap, the MAC the host shows on it, the MAC the guest sees, and the tap's MTU. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { asAdmin, explainingBlanks, firstPort, hostTapMac, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; host: string; network: string }

function target(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const port = firstPort(w, server);
  const net = w.cloud.db.networks[port.networkId]!;
  const tap = names.tapName(port.id);
  return { server, port, net, tap, tapMac: hostTapMac(w, server, port) };
}

const family = fieldsFamily<Facts>({
  id: 'f3-tap-macs',
  flow: 3,
  difficulty: 2,
  title: { en: 'The instance\'s tap: its name, its two MACs and its MTU', zh: '实例的 tap：名字、两个 MAC 和 MTU' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const server = pick.one(serversOn(world, net.id));
    return { server: server.name, host: server.host!, network: net.name };
  },
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" is running on the VXLAN network "${w.facts.network}". On its compute node, what is the host-side interface of its NIC called, which MAC does \`ip link\` show for that interface on the host, which MAC does the guest see on eth0, and what MTU does the interface have?`,
    zh: `实例 “${w.facts.server}” 跑在 VXLAN 网络 “${w.facts.network}” 上。在它所在的计算节点上，这块网卡在宿主机一侧的接口叫什么？宿主机上 \`ip link\` 看到这个接口的 MAC 是多少？虚拟机里 eth0 的 MAC 是多少？这个接口的 MTU 是多少？`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack server show ${w.facts.server} -c OS-EXT-SRV-ATTR:host -c OS-EXT-SRV-ATTR:instance_name -c status`),
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c Status`),
    shown(w, 'controller', `openstack network show ${w.facts.network} -c provider:network_type -c provider:segmentation_id`),
  ],
  blanks: (w) => {
    const { port, net, tap, tapMac } = target(w);
    return [
      { id: 'tap', label: { en: 'Host-side interface', zh: '宿主机侧接口名' }, type: 'device', expected: tap, placeholder: 'tapXXXXXXXX-XX', source: { host: w.facts.host, command: 'brctl show' } },
      { id: 'host_mac', label: { en: 'Its MAC on the host', zh: '它在宿主机上的 MAC' }, type: 'mac', expected: tapMac, placeholder: 'xx:xx:xx:xx:xx:xx', source: { host: w.facts.host, command: `ip link show ${tap}` } },
      { id: 'guest_mac', label: { en: 'eth0 MAC inside the guest', zh: '虚拟机里 eth0 的 MAC' }, type: 'mac', expected: port.macAddress, placeholder: 'xx:xx:xx:xx:xx:xx', source: { host: w.facts.server, command: 'ip addr show eth0' } },
      { id: 'mtu', label: { en: 'MTU of the interface', zh: '接口的 MTU' }, type: 'number', expected: String(net.mtu), placeholder: 'bytes', source: { host: w.facts.host, command: `ip link show ${tap}` } },
    ];
  },
  hints: () => [
    { en: 'The host-side name is a 3-letter prefix plus the start of an ID shown above (14 characters in all).', zh: '宿主机侧的名字是 3 个字母的前缀加上面某个 ID 的开头，总共 14 个字符。' },
    { en: 'libvirt gives the TAP the guest MAC with one octet changed, so the host never answers for the guest\'s address.', zh: 'libvirt 给 TAP 设的 MAC 是把虚拟机 MAC 改了一个字节，这样宿主机不会冒充虚拟机。' },
    { en: 'VXLAN over IPv4 costs 50 bytes of the 1500-byte physical MTU.', zh: 'IPv4 上的 VXLAN 封装要占掉 1500 字节物理 MTU 里的 50 字节。' },
  ],
  explain: (w) => {
    const { port, net, tap, tapMac } = target(w);
    return paragraphs(
      {
        en: `Port ${port.id} on ${w.facts.host} is ${tap}: "tap" + the first 11 characters of the port ID (nova computes the same name for <target dev='${tap}'/>). libvirt creates the TAP and sets its host-side MAC to ${tapMac} — the guest MAC ${port.macAddress} with the first octet replaced by fe — so the bridge and host never claim the guest's own MAC. Inside the guest, eth0 (virtio-net) carries ${port.macAddress}, the neutron port MAC. The MTU is the network MTU ${net.mtu} = 1500 - 20 (outer IPv4) - 30 (VXLAN_ENCAP_OVERHEAD: UDP 8 + VXLAN 8 + inner Ethernet 14): libvirt sets it from <mtu size='${net.mtu}'/>, the Linux bridge agent sets it again (_set_tap_mtu), and the guest learns it by DHCP option 26 and the virtio MTU feature.`,
        zh: `端口 ${port.id} 在 ${w.facts.host} 上就是 ${tap}：“tap” + 端口 ID 前 11 位（nova 生成 <target dev='${tap}'/> 用的是同一规则）。TAP 是 libvirt 创建的，宿主机侧 MAC 设成 ${tapMac}，也就是把虚拟机 MAC ${port.macAddress} 的第一个字节换成 fe，这样网桥和宿主机不会冒用虚拟机自己的 MAC。虚拟机里的 eth0（virtio-net）用的是 neutron 端口的 MAC ${port.macAddress}。MTU 是网络 MTU ${net.mtu} = 1500 - 20（外层 IPv4）- 30（VXLAN_ENCAP_OVERHEAD：UDP 8 + VXLAN 8 + 内层以太网头 14）：libvirt 按 <mtu size='${net.mtu}'/> 设置，linuxbridge agent 再设一次（_set_tap_mtu），虚拟机则通过 DHCP 选项 26 和 virtio 的 MTU 特性拿到。`,
      },
      {
        en: 'Misconceptions to avoid: the instance NIC is a TUN/TAP device, not a veth (veth pairs are only for namespace ports: ns-/qr-/qg-), and the guest and host MACs are not identical.',
        zh: '常见误区：实例网卡是 TUN/TAP 设备，不是 veth（veth pair 只用于命名空间端口：ns-/qr-/qg-）；虚拟机里和宿主机上看到的 MAC 也不一样。',
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});

/** The classic slips: the guest MAC for the host side (and back), the physical MTU. */
export default explainingBlanks(family, (blank, given, expected, w) => {
  const { port, tapMac } = target(w);
  const g = given.trim().toLowerCase().replace(/-/g, ':');
  if (blank === 'host_mac' && g === port.macAddress) return { en: 'That is the guest\'s MAC; libvirt gives the host side of the TAP the same MAC with the first octet set to fe.', zh: '这是虚拟机里的 MAC；libvirt 给 TAP 宿主机侧设的是第一个字节改成 fe 的 MAC。' };
  if (blank === 'guest_mac' && g === tapMac) return { en: 'That is the host side of the TAP; inside the guest eth0 carries the neutron port MAC.', zh: '这是 TAP 宿主机侧的 MAC；虚拟机里 eth0 用的是 neutron 端口的 MAC。' };
  if (blank === 'tap' && /^(ns|qr|qg)-/i.test(given.trim())) return { en: 'ns-/qr-/qg- are the namespace ends of veth pairs; an instance NIC is a TAP named tap + port ID.', zh: 'ns-/qr-/qg- 是 veth pair 在命名空间里的一端；实例网卡是 TAP，名字是 tap + 端口 ID。' };
  if (blank === 'mtu' && Number(given) === 1500 && expected !== '1500') return { en: '1500 is the physical MTU; VXLAN over IPv4 takes 50 bytes of it.', zh: '1500 是物理网络的 MTU；IPv4 上的 VXLAN 要占掉其中 50 字节。' };
  return undefined;
});
