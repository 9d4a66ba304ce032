/** Flow 6: from the router's interface list, name the devices, address, MTU, bridge and host of one router interface. */
import { bilingualFieldsFamily } from '../flow5/_fields.js';
import { shown } from '../../kinds/common.js';
import { findLink } from '../../../engine/host/kernel.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { FLOW6_NOTES, type Interface, interfacesOf, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  port: string;
}

function chosen(w: World<Facts>): Interface & { mtu: number; master: string; host: string } {
  const r = routerOf(w);
  const i = interfacesOf(w.cloud, r).find((x) => x.port.id === w.facts.port)!;
  const host = w.cloud.hosts[i.port.bindingHostId]!;
  const qr = findLink(host.namespaces[names.routerNamespace(r.id)]!, i.qr)!;
  const tap = findLink(host.root, i.tap)!;
  return { ...i, mtu: qr.mtu, master: tap.master ?? '(none)', host: i.port.bindingHostId };
}

export default bilingualFieldsFamily<Facts>({
  id: 'f6-interface-devices',
  flow: 6,
  difficulty: 1,
  title: { en: 'Name the devices of a router interface', zh: '说出路由器接口对应的设备' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 3), router: true, gateway: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const router = Object.values(world.cloud.db.routers)[0]!;
    return { router: router.name, port: pick.one(interfacesOf(world.cloud, router)).port.id };
  },
  prompt: (w) => {
    const i = interfacesOf(w.cloud, routerOf(w)).find((x) => x.port.id === w.facts.port)!;
    return {
      en: `Router "${w.facts.router}" has an interface on subnet "${i.subnet.name}" (network "${i.network.name}"). For that interface, give: the device inside the router namespace, the address configured on it (with prefix length), its MTU, the peer device in the root namespace, the bridge that peer is a port of, and the host the interface port is bound to.`,
      zh: `路由器 “${w.facts.router}” 在子网 “${i.subnet.name}”（网络 “${i.network.name}”）上有一个接口。请写出这个接口：路由器命名空间里的设备名、上面配置的地址（带前缀长度）、MTU、它在根命名空间里的对端设备、对端所在的网桥，以及这个接口端口绑定到的主机。`,
    };
  },
  context: (w) => {
    const i = interfacesOf(w.cloud, routerOf(w)).find((x) => x.port.id === w.facts.port)!;
    return [
      shown(w, 'controller', `openstack router show ${w.facts.router} -c id -c interfaces_info`),
      shown(w, 'controller', 'openstack subnet list'),
      shown(w, 'controller', `openstack network show ${i.network.name} -c id -c provider:network_type`),
    ];
  },
  blanks: (w) => {
    const c = chosen(w);
    const ns = names.routerNamespace(routerOf(w).id);
    return [
      { id: 'qr', label: { en: 'Device in the router namespace', zh: '路由器命名空间里的设备' }, type: 'device', expected: c.qr, placeholder: 'qr-…', source: { host: c.host, command: `ip netns exec ${ns} ip addr` } },
      { id: 'cidr', label: { en: 'Address on it (ip/prefix)', zh: '上面的地址（IP/前缀）' }, type: 'cidr', expected: c.cidr, placeholder: 'a.b.c.d/nn', source: { host: c.host, command: `ip netns exec ${ns} ip addr show ${c.qr}` } },
      { id: 'mtu', label: { en: 'Its MTU', zh: '它的 MTU' }, type: 'number', expected: String(c.mtu), placeholder: '1…', source: { host: c.host, command: `ip netns exec ${ns} ip link show ${c.qr}` } },
      { id: 'tap', label: { en: 'Peer device in the root namespace', zh: '根命名空间里的对端设备' }, type: 'device', expected: c.tap, placeholder: 'tap…', source: { host: c.host, command: 'ip link' } },
      { id: 'bridge', label: { en: 'Bridge of that peer', zh: '对端所在的网桥' }, type: 'device', expected: c.master, placeholder: 'brq…', source: { host: c.host, command: 'brctl show' } },
      { id: 'host', label: { en: 'Host the interface port is bound to', zh: '接口端口绑定的主机' }, type: 'text', expected: c.host, placeholder: 'hostname', source: { host: 'controller', command: `openstack port show ${c.port.id} -c binding_host_id` } },
    ];
  },
  whyWrong: (w, blank, given) => {
    const c = chosen(w);
    const g = given.toLowerCase();
    if (blank.id === 'mtu' && g === '1500') return { en: `1500 is the physical MTU; a ${c.network.networkType} network leaves 1450 after the 50-byte VXLAN/UDP/IP overhead, and both veth ends get the network MTU.`, zh: `1500 是物理网卡的 MTU；${c.network.networkType} 网络扣掉 50 字节的 VXLAN/UDP/IP 开销只剩 1450，veth 两端都设成网络 MTU。` };
    if (blank.id === 'host' && g.startsWith('compute')) return { en: 'Router ports are bound to the host of the L3 agent hosting the router, not to where instances run.', zh: '路由器端口绑定到承载该路由器的 L3 agent 所在主机，而不是实例所在的主机。' };
    if ((blank.id === 'tap' || blank.id === 'qr') && g.slice(3) === blank.expected.slice(3)) return { en: 'Right ID, wrong prefix: qr- is the end inside the namespace, tap is its root-namespace peer.', zh: 'ID 对了，前缀错了：qr- 是命名空间里那一端，tap 是它在根命名空间里的对端。' };
    if (blank.id === 'cidr' && g.split('/')[0] === c.ip) return { en: `The address is right, but the prefix length is the subnet's: ${c.subnet.cidr}.`, zh: `地址对了，但前缀长度要跟子网一致：${c.subnet.cidr}。` };
    return undefined;
  },
  hints: () => [
    { en: 'Router interface devices are a 3-letter prefix plus the first 11 characters of the port ID.', zh: '路由器接口设备名是 3 个字母的前缀加端口 ID 的前 11 位。' },
    { en: 'The linuxbridge interface driver plugs every namespace port as a veth whose root end replaces the prefix with "tap".', zh: 'linuxbridge 接口驱动把命名空间里的每个端口都接成一对 veth，根命名空间那端把前缀换成 "tap"。' },
    { en: 'A router interface takes the subnet\'s gateway address, and the MTU of the tenant network.', zh: '路由器接口拿的是子网的网关地址，MTU 跟租户网络一致。' },
  ],
  explain: (w) => {
    const c = chosen(w);
    const ns = names.routerNamespace(routerOf(w).id);
    return paragraphs(
      {
        en: `Port ${c.port.id} (device_owner network:router_interface, device_id = the router ID) took the gateway ${c.ip} of ${c.subnet.cidr}. The L3 agent on ${c.host} plugged it with the Linux bridge interface driver: a veth ${c.tap} (root namespace) ↔ ${c.qr} (in ${ns}, with the port's MAC ${c.port.macAddress} and MTU ${c.mtu}, the network MTU: ${c.network.networkType} leaves 1450 of 1500), then \`ip addr add ${c.cidr} dev ${c.qr}\`. The Linux bridge agent on the same host saw ${c.tap} appear and enslaved it to ${c.master}, the network's bridge. Router ports are bound (binding:host_id) to the host of the L3 agent the router is scheduled to, ${c.host} here, which is why the qr-/tap pair lives on the network node and not on a compute node.`,
        zh: `端口 ${c.port.id}（device_owner 为 network:router_interface，device_id 是路由器 ID）拿到了 ${c.subnet.cidr} 的网关地址 ${c.ip}。${c.host} 上的 L3 agent 用 Linux bridge 接口驱动把它接上：一对 veth，${c.tap}（根命名空间）↔ ${c.qr}（在 ${ns} 里，MAC 是端口的 ${c.port.macAddress}，MTU ${c.mtu} 即网络 MTU：${c.network.networkType} 在 1500 里只剩 1450），然后 \`ip addr add ${c.cidr} dev ${c.qr}\`。同一台主机上的 linuxbridge agent 发现 ${c.tap} 出现，把它挂到网络的网桥 ${c.master} 上。路由器端口绑定（binding:host_id）到路由器所调度的 L3 agent 所在主机，这里是 ${c.host}，所以 qr-/tap 这一对在网络节点上，而不在计算节点上。`,
      },
      FLOW6_NOTES['seedRight'],
      FLOW6_NOTES['ovsDriver'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
