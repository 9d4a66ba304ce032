/** Flow 6: write the iptables rules that take 169.254.169.254:80 to the router's haproxy on 9697. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { linesWith, names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, World } from '../../types.js';
import { FLOW6_NOTES, inRouter, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  server: string | null;
}

/** Every rule of the namespace that is about metadata: the mark, the REDIRECT, and the INPUT pair. */
export function metadataRules(w: World<RouterFacts>): { nat: string[]; mangle: string[]; filter: string[] } {
  return {
    nat: linesWith(inRouter(w, 'iptables -t nat -S'), '169.254.169.254'),
    mangle: linesWith(inRouter(w, 'iptables -t mangle -S'), '169.254.169.254'),
    filter: inRouter(w, 'iptables -t filter -S').split('\n').filter((l) => l.startsWith('-A') && (l.includes('--mark 0x1/0xffff') || l.includes('9697'))),
  };
}

function expected(w: World<Facts>): string[] {
  const r = metadataRules(w);
  return [...r.mangle, ...r.nat, ...r.filter];
}

export default linesFamily<Facts>({
  id: 'f6-metadata-rules',
  flow: 6,
  difficulty: 3,
  compare: 'iptables',
  label: { en: 'The rules, one per line, as `iptables -t <table> -S` prints them (any table order)', zh: '规则，每行一条，按 `iptables -t <表> -S` 的格式（表的顺序随意）' },
  placeholder: '-A neutron-l3-agent-… ',
  title: { en: 'Write the metadata rules of the router namespace', zh: '写出路由器命名空间里的元数据规则' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), router: true, gateway: pick.bool(), instances: pick.between(0, 1) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => ({ router: Object.values(world.cloud.db.routers)[0]!.name, server: Object.values(world.cloud.db.servers)[0]?.name ?? null }),
  prompt: (w) => ({
    en: `Instances behind router "${w.facts.router}" fetch http://169.254.169.254/ and the request is answered by the haproxy running in the router's namespace. Write every iptables rule (nat, mangle and filter tables) the L3 agent and its metadata driver installed in ${names.routerNamespace(routerOf(w).id)} for this.`,
    zh: `路由器 “${w.facts.router}” 后面的实例访问 http://169.254.169.254/，由路由器命名空间里的 haproxy 应答。请写出 L3 agent 及其 metadata driver 为此在 ${names.routerNamespace(routerOf(w).id)} 里装的所有 iptables 规则（nat、mangle、filter 三张表）。`,
  }),
  context: (w) => {
    const r = routerOf(w);
    const out: Shown[] = [];
    if (w.facts.server) out.push(shown(w, w.facts.server, 'ip route'));
    const ps = w.run(r.l3AgentHost, 'ps -eo user,args').split('\n').filter((l) => l.includes('haproxy') && l.includes(r.id));
    out.push({ host: r.l3AgentHost, command: `ps -eo user,args | grep ${r.id}`, output: `${ps.join('\n')}\n` });
    const conf = w.run(r.l3AgentHost, `cat ${names.metadataProxyConf(r.id)}`);
    out.push({ host: r.l3AgentHost, command: `cat ${names.metadataProxyConf(r.id)}`, output: conf });
    return out;
  },
  expected,
  source: (w) => ({ host: routerOf(w).l3AgentHost, command: `ip netns exec ${names.routerNamespace(routerOf(w).id)} iptables -t <nat|mangle|filter> -S` }),
  hints: () => [
    { en: 'Four rules: one marks the request, one redirects it to the proxy port, and two in INPUT decide who may reach that port.', zh: '一共四条：一条给请求打标记，一条把它重定向到代理端口，INPUT 里两条决定谁能访问这个端口。' },
    { en: 'They only match packets that come in on an internal interface (qr-+) for TCP port 80; the mark is 0x1 under mask 0xffff.', zh: '它们只匹配从内部接口（qr-+）进来、目的端口 TCP 80 的包；标记是 0x1，掩码 0xffff。' },
    { en: 'Chains are wrapped: neutron-l3-agent-PREROUTING in mangle and nat, neutron-l3-agent-INPUT in filter.', zh: '链名带前缀：mangle 和 nat 里是 neutron-l3-agent-PREROUTING，filter 里是 neutron-l3-agent-INPUT。' },
  ],
  explain: (w) => {
    const r = routerOf(w);
    const rules = metadataRules(w);
    const route = w.facts.server ? w.run(w.facts.server, 'ip route').split('\n').find((l) => l.startsWith('169.254.169.254')) : undefined;
    return paragraphs(
      {
        en: `In ${names.routerNamespace(r.id)}: mangle \`${rules.mangle.join('`, `')}\` sets mark 0x1 on requests to 169.254.169.254:80 arriving on any qr- device; nat \`${rules.nat.join('`, `')}\` redirects them to local port 9697, where haproxy (\`haproxy -f ${names.metadataProxyConf(r.id)}\`, bind 0.0.0.0:9697) listens; filter \`${rules.filter.join('`, `')}\` accepts the marked (redirected) packets and drops anything else aimed at 9697, so the proxy port cannot be reached directly. haproxy adds X-Neutron-Router-ID and forwards over the unix socket /var/lib/neutron/metadata_proxy to neutron-metadata-agent, which finds the instance by source IP and router and asks nova's metadata API (with a signed X-Instance-ID). ${route ? `The instance reaches the router through its route \`${route}\`, which came from DHCP option 121.` : 'An instance reaches the router through the classless route 169.254.169.254/32 via its gateway, which DHCP option 121 gives it once a router port owns the gateway.'} The REDIRECT and the INPUT rules are added by the metadata driver right after the namespace is created (AFTER_CREATE), before any interface exists.`,
        zh: `在 ${names.routerNamespace(r.id)} 里：mangle 的 \`${rules.mangle.join('`、`')}\` 给从任意 qr- 设备进来、访问 169.254.169.254:80 的请求打上 0x1 标记；nat 的 \`${rules.nat.join('`、`')}\` 把它们重定向到本地 9697 端口，haproxy（\`haproxy -f ${names.metadataProxyConf(r.id)}\`，bind 0.0.0.0:9697）在这里监听；filter 的 \`${rules.filter.join('`、`')}\` 放行带标记（即被重定向过来）的包，丢弃其他直接访问 9697 的包，所以代理端口不能被直接访问。haproxy 加上 X-Neutron-Router-ID 头，经 unix socket /var/lib/neutron/metadata_proxy 转给 neutron-metadata-agent，后者按源 IP 和路由器找到实例，再去问 nova 的元数据 API（带签名的 X-Instance-ID）。${route ? `实例靠 \`${route}\` 这条路由到达路由器，它来自 DHCP 选项 121。` : '实例靠经网关的 169.254.169.254/32 无类路由到达路由器，一旦有路由器端口占用了网关，DHCP 选项 121 就会下发这条路由。'}REDIRECT 和 INPUT 这几条规则是 metadata driver 在命名空间刚建好时（AFTER_CREATE）加的，那时还没有任何接口。`,
      },
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['metadata'],
    );
  },
});
