/** Flow 6: order what really happened, on the cloud's message bus, from `router create` to a working router interface. */
import { orderingFamily } from '../../kinds/ordering.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { BusEvent } from '../../../engine/core/types.js';
import type { World } from '../../types.js';
import { FLOW6_NOTES, interfacesOf, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  port: string;
  subnet: string;
}

/** The bus events of the router's creation and of one interface, each turned into one step. */
function events(w: World<Facts>): Array<{ e: BusEvent; text: string }> {
  const r = routerOf(w);
  const iface = interfacesOf(w.cloud, r).find((i) => i.port.id === w.facts.port)!;
  const ns = names.routerNamespace(r.id);
  const out: Array<{ e: BusEvent; text: string }> = [];
  const seen = new Set<string>();
  const add = (e: BusEvent, text: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ e, text });
  };
  for (const e of w.cloud.events) {
    const aboutRouter = e.subjects.includes(r.id);
    const aboutPort = e.subjects.includes(iface.port.id);
    if (e.name === 'POST /v2.0/routers' && aboutRouter) add(e, `client → neutron-server: POST /v2.0/routers; router ${r.name} is scheduled to the L3 agent on ${r.l3AgentHost}`);
    else if (e.name === 'routers_updated' && aboutRouter && e.detail.includes('scheduled')) add(e, `neutron-server → neutron-l3-agent@${r.l3AgentHost}: routers_updated (the new router)`);
    else if (e.name === '_process_added_router' && aboutRouter) add(e, `L3 agent: ip netns add ${ns}; ip_forward=1, arp_ignore=1, arp_announce=2`);
    else if (e.name.startsWith('metadata proxy') && aboutRouter) add(e, `L3 agent: nat REDIRECT 169.254.169.254:80 → 9697 and haproxy started in ${ns}`);
    else if (e.name === 'POST /v2.0/ports' && aboutPort) add(e, `router add subnet ${iface.subnet.name}: neutron-server creates port ${iface.port.id.slice(0, 8)}… with ${iface.ip}, device_owner network:router_interface`);
    else if (e.name === 'routers_updated' && e.detail.includes(iface.port.id)) add(e, `neutron-server → neutron-l3-agent@${r.l3AgentHost}: routers_updated (interface added)`);
    else if (e.name === 'internal_network_added' && aboutPort) add(e, `L3 agent: veth ${iface.tap} ↔ ${iface.qr} (in ${ns}), ip addr add ${iface.cidr} dev ${iface.qr}`);
    else if (e.name === 'gratuitous ARP' && aboutPort) add(e, `L3 agent: arping -U / -A on ${iface.qr}: "${iface.ip} is-at ${iface.port.macAddress}"`);
    else if (e.name === 'add_tap_interface' && aboutPort) add(e, `linuxbridge agent@${r.l3AgentHost}: sees ${iface.tap}, brctl addif ${iface.bridge} ${iface.tap}`);
    else if (e.name.startsWith('UPDATE ports SET status=ACTIVE') && aboutPort) add(e, `neutron-server: the interface port goes ACTIVE (L2 provisioning block lifted)`);
  }
  return out;
}

const steps = (w: World<Facts>) => events(w).map((x) => x.text);

export default orderingFamily<Facts>({
  id: 'f6-router-order',
  flow: 6,
  difficulty: 2,
  traces: true,
  title: { en: 'From router create to a wired interface: put the steps in order', zh: '从创建路由器到接口接通：把步骤排好顺序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), router: true, instances: pick.between(0, 1) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const router = Object.values(world.cloud.db.routers)[0]!;
    const iface = pick.one(interfacesOf(world.cloud, router));
    return { router: router.name, port: iface.port.id, subnet: iface.subnet.name };
  },
  prompt: (w) => ({
    en: `The operator ran \`openstack router create ${w.facts.router}\` and later \`openstack router add subnet ${w.facts.router} ${w.facts.subnet}\`. Put these steps, taken from the cloud's message bus, in the order they happened.`,
    zh: `运维先执行了 \`openstack router create ${w.facts.router}\`，之后执行了 \`openstack router add subnet ${w.facts.router} ${w.facts.subnet}\`。下面这些步骤取自这个环境的消息总线，请按实际发生的先后排好。`,
  }),
  context: () => [],
  steps,
  hints: () => [
    { en: 'Does the router namespace wait for the first interface?', zh: '路由器命名空间是不是要等到加第一个接口才创建？' },
    { en: 'The port exists in neutron\'s database before any agent hears about it.', zh: '端口先在 neutron 数据库里建好，agent 之后才收到通知。' },
    { en: 'The Linux bridge agent only acts once the L3 agent has created the tap end of the veth.', zh: 'linuxbridge agent 要等 L3 agent 建好 veth 的 tap 端之后才会动作。' },
  ],
  explain: (w) => {
    const list = events(w).map((x, i) => `${i + 1}. ${x.text}  [${x.e.from} → ${x.e.to}, ${x.e.channel}]`).join('\n');
    return paragraphs(
      {
        en: `The bus of this cloud, in order:\n${list}\nThe router is scheduled when it is created, so the namespace, its sysctls and the metadata proxy exist before any interface. Adding the subnet creates a port that takes the subnet's gateway_ip; the L3 agent plugs it as a veth (tap… in the root namespace, qr-… in the namespace with the port's MAC), adds the address and sends gratuitous ARPs; the Linux bridge agent then finds the tap (owner network:router_interface), adds it to the network's bridge and reports it up, which makes the port ACTIVE.`,
        zh: `这个环境消息总线上的实际顺序：\n${list}\n路由器在创建时就被调度了，所以命名空间、sysctl 和元数据代理都在加接口之前就有了。加子网时会建一个拿子网 gateway_ip 的端口；L3 agent 用 veth 把它接进来（tap… 在根命名空间，qr-… 在路由器命名空间里，MAC 用端口的 MAC），配上地址并发免费 ARP；随后 linuxbridge agent 发现这个 tap（owner 是 network:router_interface），把它加进网络的网桥并上报 up，端口随之变为 ACTIVE。`,
      },
      FLOW6_NOTES['createTime'],
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['router'],
    );
  },
});
