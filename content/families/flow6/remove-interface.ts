/** Flow 6: after `openstack router remove subnet`, what is gone and what stays? Every statement is checked against the cloud. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { findLink } from '../../../engine/host/kernel.js';
import { names, subnetNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { FLOW6_NOTES, inRouter, routerOf, type RouterFacts } from './_helpers.js';

interface Removed {
  portId: string;
  mac: string;
  ip: string;
  cidr: string;
  networkId: string;
}

interface Facts extends RouterFacts {
  subnet: string;
  removed: Removed;
  topics: Array<[Topic, boolean]>;
}

type Topic = 'qr' | 'tap' | 'route' | 'port' | 'host-file' | 'opts' | 'namespace' | 'bridge';
const TOPICS: Topic[] = ['qr', 'tap', 'route', 'port', 'host-file', 'opts', 'namespace', 'bridge'];

interface Pair { truth: Text; myth: Text; why: Text }

function pairs(w: World<Facts>): Record<Topic, Pair> {
  const r = routerOf(w);
  const x = w.facts.removed;
  const host = w.cloud.hosts[r.l3AgentHost]!;
  const ns = names.routerNamespace(r.id);
  const qr = names.routerInterfaceName(x.portId);
  const tap = names.tapName(x.portId);
  const brq = names.bridgeName(x.networkId);
  const dir = names.dhcpConfDir(x.networkId);
  const qrThere = inRouter(w, 'ip addr').includes(` ${qr}`);
  const tapThere = !!findLink(host.root, tap);
  const routeThere = inRouter(w, 'ip route').split('\n').some((l) => l.startsWith(`${x.cidr} `));
  const portThere = !!w.cloud.db.ports[x.portId];
  const hostLine = w.run('controller', `cat ${dir}/host`).split('\n').some((l) => l.startsWith(`${x.mac},`));
  const optsRoute = w.run('controller', `cat ${dir}/opts`).includes(`169.254.169.254/32,${x.ip}`);
  const nsThere = w.run(r.l3AgentHost, 'ip netns').split('\n').some((l) => l.split(' ')[0] === ns);
  const brqThere = !!findLink(host.root, brq);
  const either = (holds: boolean, yes: Text, no: Text) => (holds ? { truth: yes, myth: no } : { truth: no, myth: yes });
  return {
    qr: { ...either(qrThere, { en: `${qr} is still in ${ns}, only DOWN`, zh: `${qr} 还在 ${ns} 里，只是变成 DOWN` }, { en: `${qr} is gone from ${ns}`, zh: `${ns} 里已经没有 ${qr} 了` }), why: { en: 'internal_network_removed unplugs the port: the veth is deleted, both ends at once.', zh: 'internal_network_removed 会拔掉这个端口：veth 被删除，两端一起消失。' } },
    tap: { ...either(tapThere, { en: `${tap} is still a port of ${brq}`, zh: `${tap} 还挂在 ${brq} 上` }, { en: `${tap} no longer exists on ${r.l3AgentHost}`, zh: `${r.l3AgentHost} 上已经没有 ${tap} 了` }), why: { en: 'The tap is the root-namespace end of the qr- veth; deleting one end deletes the pair, and the bridge loses that port.', zh: 'tap 是 qr- 那对 veth 在根命名空间的一端；删掉一端整对就没了，网桥也就少了这个端口。' } },
    route: { ...either(routeThere, { en: `${ns} still routes ${x.cidr} (as a static route)`, zh: `${ns} 里还有去 ${x.cidr} 的路由（变成静态路由）` }, { en: `the route to ${x.cidr} is gone from ${ns}`, zh: `${ns} 里去 ${x.cidr} 的路由没了` }), why: { en: 'It was a connected route of the qr- address (proto kernel); it disappears with the address. Nobody ever added it with `ip route add`.', zh: '它是 qr- 地址的直连路由（proto kernel），地址没了路由也就没了；从来没有人用 `ip route add` 加过它。' } },
    port: { ...either(portThere, { en: `port ${x.portId.slice(0, 8)}… (${x.ip}) still exists in neutron, detached`, zh: `neutron 里端口 ${x.portId.slice(0, 8)}…（${x.ip}）还在，只是解绑了` }, { en: `port ${x.portId.slice(0, 8)}… (${x.ip}) is deleted and ${x.ip} is free again`, zh: `端口 ${x.portId.slice(0, 8)}…（${x.ip}）被删除，${x.ip} 重新空出来` }), why: { en: '`router remove subnet` deletes the interface port neutron created for `router add subnet`; only a port attached with `router add port` would survive, detached.', zh: '`router remove subnet` 会删掉当初 `router add subnet` 时 neutron 建的接口端口；只有用 `router add port` 挂上去的端口才会保留（解绑）。' } },
    'host-file': { ...either(hostLine, { en: `the DHCP host file still has ${x.mac},…,${x.ip}`, zh: `DHCP host 文件里还有 ${x.mac},…,${x.ip} 这一行` }, { en: `the DHCP host file no longer lists ${x.ip}`, zh: `DHCP host 文件里已经没有 ${x.ip} 了` }), why: { en: 'port_delete_end makes the DHCP agent rewrite host, addn_hosts and opts and SIGHUP dnsmasq.', zh: 'port_delete_end 让 DHCP agent 重写 host、addn_hosts 和 opts，并给 dnsmasq 发 SIGHUP。' } },
    opts: { ...either(optsRoute, { en: `opts still pushes 169.254.169.254/32 via ${x.ip}`, zh: `opts 里还在下发经 ${x.ip} 的 169.254.169.254/32` }, { en: `opts no longer has the metadata route via ${x.ip}`, zh: `opts 里已经没有经 ${x.ip} 的元数据路由了` }), why: { en: 'With no router port owning the gateway the subnet is isolated again, so the classless routes (121/249) disappear; the option:router line stays because it only names gateway_ip. Guests keep their old routes until they renew.', zh: '没有路由器端口占用网关后子网又成了孤立子网，无类路由（121/249）随之消失；option:router 那一行还在，因为它只写 gateway_ip。虚拟机要到续租后才会更新路由。' } },
    namespace: { ...either(nsThere, { en: `${ns} still exists`, zh: `${ns} 还在` }, { en: `${ns} is deleted with the interface`, zh: `${ns} 跟着接口一起被删了` }), why: { en: 'The namespace belongs to the router, not to its interfaces: it lives until `router delete`.', zh: '命名空间属于路由器，不属于接口：要到 `router delete` 才会删除。' } },
    bridge: { ...either(brqThere, { en: `${brq} stays on ${r.l3AgentHost}`, zh: `${r.l3AgentHost} 上的 ${brq} 还在` }, { en: `${brq} is deleted from ${r.l3AgentHost}`, zh: `${r.l3AgentHost} 上的 ${brq} 被删了` }), why: { en: 'The network\'s DHCP port still has its tap in that bridge on the network node, so the Linux bridge agent keeps the bridge and its vxlan device.', zh: '这个网络的 DHCP 端口在网络节点上还有 tap 挂在这个网桥上，所以 linuxbridge agent 会保留网桥和 vxlan 设备。' } },
  };
}

export default choiceFamily<Facts>({
  id: 'f6-remove-interface',
  flow: 6,
  difficulty: 2,
  traces: true,
  multiple: true,
  title: { en: 'After router remove subnet: what is gone, what stays?', zh: 'router remove subnet 之后：哪些没了，哪些还在？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), router: true, instances: pick.between(0, 2), gateway: pick.bool() });
    const victim = pick.one(t.tenants);
    return { scenario: [...t.lines, `openstack router remove subnet ${t.router} ${victim.subnet}`], computes: t.computes };
  },
  facts: (world, pick) => {
    const router = Object.values(world.cloud.db.routers)[0]!;
    // The removed interface, read back from the bus: the last router-interface port neutron deleted.
    const del = [...world.cloud.events].reverse().find((e) => e.name.startsWith('DELETE /v2.0/ports/') && e.detail.includes('network:router_interface'))!;
    const portId = del.name.split('/').at(-1)!;
    const m = /\(network:router_interface, (\S+), (\d+\.\d+\.\d+\.\d+)\)/.exec(del.detail)!;
    const mac = m[1]!;
    const ip = m[2]!;
    const subnet = Object.values(world.cloud.db.subnets).find((s) => s.gatewayIp === ip && !world.cloud.db.networks[s.networkId]!.external)!;
    const topics = pick.some(TOPICS, 6).map((t): [Topic, boolean] => [t, pick.bool()]);
    if (topics.every(([, v]) => v)) topics[0]![1] = false;
    if (topics.every(([, v]) => !v)) topics[1]![1] = true;
    return { router: router.name, subnet: subnet.name, removed: { portId, mac, ip, cidr: subnet.cidr, networkId: subnet.networkId }, topics };
  },
  prompt: (w) => ({
    en: `Router "${w.facts.router}" had an interface on subnet "${w.facts.subnet}" (port ${w.facts.removed.portId}). The operator has just run \`openstack router remove subnet ${w.facts.router} ${w.facts.subnet}\`. Select every statement that is true now.`,
    zh: `路由器 “${w.facts.router}” 原来在子网 “${w.facts.subnet}” 上有一个接口（端口 ${w.facts.removed.portId}）。运维刚执行了 \`openstack router remove subnet ${w.facts.router} ${w.facts.subnet}\`。选出现在所有成立的说法。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack subnet show ${subnetNamed(w.cloud, w.facts.subnet).name} -c id -c cidr -c gateway_ip`), shown(w, 'controller', `openstack router show ${w.facts.router} -c interfaces_info`)],
  options: (w) => {
    const p = pairs(w);
    return { right: w.facts.topics.filter(([, v]) => v).map(([t]) => p[t].truth.en), wrong: w.facts.topics.filter(([, v]) => !v).map(([t]) => p[t].myth.en) };
  },
  whyWrong: (w, option) => {
    const p = pairs(w);
    const t = TOPICS.find((x) => p[x].myth.en === option);
    return t ? { en: `${option}: not so; ${p[t].truth.en}. ${p[t].why.en}`, zh: `${option}：不对，实际上${p[t].truth.zh}。${p[t].why.zh}` } : undefined;
  },
  hints: () => [
    { en: 'Which objects belong to the interface (its port, veth, address, connected route) and which to the router or the network?', zh: '哪些东西属于这个接口（端口、veth、地址、直连路由），哪些属于路由器或网络本身？' },
    { en: 'The DHCP agent hears about the deleted port like about any other port.', zh: 'DHCP agent 对这个被删端口的处理和其他端口一样。' },
    { en: 'What else on the network node still uses the network\'s bridge?', zh: '网络节点上还有谁在用这个网络的网桥？' },
  ],
  explain: (w) => {
    const p = pairs(w);
    const r = routerOf(w);
    return paragraphs(
      {
        en: `What the cloud shows after removing ${w.facts.subnet} from ${r.name}:\n${TOPICS.map((t) => `- ${p[t].truth.en}. ${p[t].why.en}`).join('\n')}`,
        zh: `把 ${w.facts.subnet} 从 ${r.name} 上移除之后，环境里的实际情况：\n${TOPICS.map((t) => `- ${p[t].truth.zh}。${p[t].why.zh}`).join('\n')}`,
      },
      {
        en: 'The seed only describes adding interfaces. Removal is the mirror image: PUT remove_router_interface deletes the port, routers_updated makes the L3 agent unplug qr-/tap, port_delete_end makes the DHCP agent rewrite its files, and l2pop withdraws the port\'s FDB entries (fdb_remove).',
        zh: '资料只讲了加接口。删除是它的镜像：PUT remove_router_interface 删掉端口，routers_updated 让 L3 agent 拔掉 qr-/tap，port_delete_end 让 DHCP agent 重写文件，l2pop 撤回这个端口的 FDB 条目（fdb_remove）。',
      },
      FLOW6_NOTES['createTime'],
      THEN_VS_NOW['router'],
    );
  },
});
