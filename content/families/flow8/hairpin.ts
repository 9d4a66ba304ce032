/** Flow 8: one instance reaches another instance's floating IP from inside — what source does the target see? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { Text, World } from '../../types.js';
import { dnatStage, fixedIpOf, floatingIpOfServer, gatewayView, lastStage, SEED_NOTES, serverByName, snatStage, tenantCloudSafe, theRouter, walkInstanceToAddress } from '../flow7/_helpers.js';

interface Facts { a: string; b: string; fip: string; routerId: string }

function walk(w: World<Facts>) {
  return walkInstanceToAddress(w.cloud, serverByName(w.cloud, w.facts.a), w.facts.fip);
}

function addresses(w: World<Facts>) {
  const a = serverByName(w.cloud, w.facts.a);
  const b = serverByName(w.cloud, w.facts.b);
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  const subnetOf = (s: typeof a) => w.cloud.db.ports[s.portIds[0]!]!.fixedIps[0]!.subnetId;
  return { aFixed: fixedIpOf(w.cloud, a), aFip: floatingIpOfServer(w.cloud, a)?.floatingIpAddress, bFixed: fixedIpOf(w.cloud, b), bFip: w.facts.fip, gw: gw.ip, gwDev: gw.dev, sameSubnet: subnetOf(a) === subnetOf(b) };
}

export default choiceFamily<Facts>({
  id: 'f8-hairpin',
  flow: 8,
  difficulty: 3,
  title: { en: 'Hairpin: reaching a floating IP from inside the cloud', zh: 'Hairpin：从云内部访问浮动 IP' },
  setup: (pick) => {
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances: 3, fips: 2 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const servers = Object.values(world.cloud.db.servers);
    const b = pick.one(servers.filter((s) => floatingIpOfServer(world.cloud, s)));
    const a = pick.one(servers.filter((s) => s !== b));
    const facts = { a: a.name, b: b.name, fip: floatingIpOfServer(world.cloud, b)!.floatingIpAddress, routerId: theRouter(world.cloud).id };
    const wk = walkInstanceToAddress(world.cloud, a, facts.fip);
    if (!wk.delivered || !dnatStage(wk) || !snatStage(wk)) throw new Error(`f8-hairpin: ${wk.failure}`);
    return facts;
  },
  prompt: (w) => ({
    en: `From inside "${w.facts.a}", someone pings ${w.facts.fip}, the floating IP of "${w.facts.b}". The request reaches ${w.facts.b}. Which source address does ${w.facts.b} see in the echo request?`,
    zh: `在 “${w.facts.a}” 里 ping ${w.facts.fip}，也就是 “${w.facts.b}” 的浮动 IP。请求到达了 ${w.facts.b}。${w.facts.b} 收到的 echo request 里源地址是什么？`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `openstack router show ${theRouter(w.cloud).name} -c external_gateway_info`),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S`),
  ],
  options: (w) => {
    const seen = lastStage(walk(w)).src;
    const x = addresses(w);
    const fips = Object.values(w.cloud.db.floatingIps).map((f) => f.floatingIpAddress);
    const all = [...new Set([x.aFixed, x.gw, x.bFixed, ...fips])];
    return { right: [seen], wrong: all.filter((v) => v !== seen) };
  },
  whyWrong: (w, option): Text | undefined => {
    const x = addresses(w);
    if (option === x.aFixed) return { en: `${option} is ${w.facts.a}'s fixed IP. The request was DNATed on its way through the router, so it does not stay un-NATed: a POSTROUTING SNAT rule catches DNATed traffic that did not come in from outside. ${x.sameSubnet ? `Without it ${w.facts.b} would answer ${option} directly on the shared tenant network and ${w.facts.a} would drop a reply from an address it never talked to.` : ''}`, zh: `${option} 是 ${w.facts.a} 的固定 IP。请求经过路由器时被 DNAT 过，所以不会保持原样：POSTROUTING 里有 SNAT 规则专门处理被 DNAT 过、又不是从外面进来的流量。${x.sameSubnet ? `否则 ${w.facts.b} 会在同一个租户网络上直接回给 ${option}，${w.facts.a} 会因为回包源地址不对而丢掉它。` : ''}` };
    if (option === x.bFip) return { en: `${option} is the destination ${w.facts.a} used; DNAT turned it into ${x.bFixed}, and it is never a source here.`, zh: `${option} 是 ${w.facts.a} 用的目的地址；DNAT 已经把它换成了 ${x.bFixed}，它在这里不会作为源地址出现。` };
    if (option === x.bFixed) return { en: `${option} is ${w.facts.b}'s own fixed IP: the destination after DNAT, not the source.`, zh: `${option} 是 ${w.facts.b} 自己的固定 IP：这是 DNAT 之后的目的地址，不是源地址。` };
    if (option === x.gw) return { en: `${option} is the router's gateway address, used by the hairpin rule — but ${w.facts.a} has a floating IP of its own, and neutron-l3-agent-snat jumps to float-snat first, where \`-s ${x.aFixed}/32\` matches.`, zh: `${option} 是路由器网关地址，hairpin 规则用的是它——但 ${w.facts.a} 自己有浮动 IP，neutron-l3-agent-snat 先跳到 float-snat，那里的 \`-s ${x.aFixed}/32\` 先命中了。` };
    const owner = Object.values(w.cloud.db.floatingIps).find((f) => f.floatingIpAddress === option);
    if (owner) {
      const holder = Object.values(w.cloud.db.servers).find((s) => s.portIds.includes(owner.portId ?? ''));
      return { en: `${option} is the floating IP of ${holder?.name ?? 'another instance'}; its float-snat rule matches only \`-s ${owner.fixedIpAddress}/32\`, not ${w.facts.a}'s ${x.aFixed}.`, zh: `${option} 是 ${holder?.name ?? '另一台实例'} 的浮动 IP；它的 float-snat 规则只匹配 \`-s ${owner.fixedIpAddress}/32\`，不匹配 ${w.facts.a} 的 ${x.aFixed}。` };
    }
    return undefined;
  },
  hints: () => [
    { en: 'The request goes to the router (the floating IP is not on the tenant network), is DNATed in PREROUTING and leaves through a qr- interface, not qg-.', zh: '请求会发到路由器（浮动 IP 不在租户网络上），在 PREROUTING 被 DNAT，然后从 qr- 而不是 qg- 出去。' },
    { en: 'In nat POSTROUTING the ACCEPT rule excludes DNATed connections, so the packet reaches neutron-l3-agent-snat. Which rule there matches first?', zh: 'nat POSTROUTING 里的 ACCEPT 规则排除了被 DNAT 的连接，所以包会走到 neutron-l3-agent-snat。那里先命中的是哪条？' },
    { en: 'float-snat is checked before the gateway\'s own rules; mark 0x2 is set only on packets that came in on qg-.', zh: 'float-snat 比网关自己的规则先检查；mark 0x2 只打在从 qg- 进来的包上。' },
  ],
  explain: (w) => {
    const wk = walk(w);
    const x = addresses(w);
    const snat = snatStage(wk)!;
    const rule = wk.rules.filter((r) => / -j SNAT /.test(r)).at(-1)!;
    return paragraphs(
      {
        en: `${w.facts.a} (${x.aFixed}) sends to ${w.facts.fip} through its default gateway. In the router, PREROUTING DNATs it to ${x.bFixed} and routing sends it out of a qr- interface. POSTROUTING's \`! -o ${x.gwDev} -m conntrack ! --ctstate DNAT -j ACCEPT\` does not apply (the connection is DNATed), so neutron-postrouting-bottom -> neutron-l3-agent-snat runs and \`${rule}\` matches: ${snat.note.replace('nat POSTROUTING: ', '')}. ${x.aFip ? `Because ${w.facts.a} has its own floating IP ${x.aFip}, the float-snat rule (checked first) wins over the hairpin rule.` : `${w.facts.a} has no floating IP, so float-snat has nothing for it and the hairpin rule (not mark 0x2 — the packet came in on qr-, not ${x.gwDev}) SNATs it to the gateway address.`} ${w.facts.b} therefore sees ${lastStage(wk).src} -> ${x.bFixed} and replies to the router, which reverses both translations from conntrack (\`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`). ${x.sameSubnet ? `The two share a subnet: without this SNAT the reply would go straight to ${x.aFixed} on the tenant network from ${x.bFixed}, an address ${w.facts.a} never talked to, and be dropped — that is the case the hairpin rule exists for.` : `Here the two are on different subnets, so a reply would pass the router anyway; the SNAT is applied all the same, because the rules only look at DNAT state and the mark, and it is what saves the case where both share a subnet (otherwise ${w.facts.b} would answer directly from its fixed IP).`}`,
        zh: `${w.facts.a}（${x.aFixed}）经默认网关发往 ${w.facts.fip}。在路由器里，PREROUTING 把它 DNAT 成 ${x.bFixed}，路由从 qr- 接口送出。POSTROUTING 的 \`! -o ${x.gwDev} -m conntrack ! --ctstate DNAT -j ACCEPT\` 不生效（连接被 DNAT 过），于是走 neutron-postrouting-bottom -> neutron-l3-agent-snat，命中 \`${rule}\`：${snat.note.replace('nat POSTROUTING: ', '')}。${x.aFip ? `因为 ${w.facts.a} 自己有浮动 IP ${x.aFip}，先检查的 float-snat 规则抢在 hairpin 规则前面命中。` : `${w.facts.a} 没有浮动 IP，float-snat 里没有它的规则，于是 hairpin 规则（不带 mark 0x2——包是从 qr- 进来的，不是 ${x.gwDev}）把它 SNAT 成网关地址。`}所以 ${w.facts.b} 看到的是 ${lastStage(wk).src} -> ${x.bFixed}，回包发给路由器，路由器按 conntrack（\`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`）把两次转换都还原。${x.sameSubnet ? `两台在同一个子网：要是没有这次 SNAT，回包会从 ${x.bFixed} 在租户网络上直接发给 ${x.aFixed}，而 ${w.facts.a} 从没和这个地址通信过，只能丢掉——hairpin 规则就是为这种情况存在的。` : `这里两台在不同子网，回包本来也要经过路由器；但规则只看 DNAT 状态和 mark，照样会做 SNAT，它真正解决的是两台在同一子网的情况（否则 ${w.facts.b} 会直接用固定 IP 回包）。`}`,
      },
      SEED_NOTES['fip'],
      THEN_VS_NOW['router'],
    );
  },
});
