/** Flow 6: what exists right after `openstack router create`, before any interface is added? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { FLOW6_NOTES, inRouter, namespaceOf, routerOf, type RouterFacts } from './_helpers.js';

type Topic = 'namespace' | 'forward' | 'arp-ignore' | 'arp-announce' | 'haproxy' | 'redirect' | 'qr' | 'default' | 'host';
const TOPICS: Topic[] = ['namespace', 'forward', 'arp-ignore', 'arp-announce', 'haproxy', 'redirect', 'qr', 'default', 'host'];

interface Facts extends RouterFacts {
  topics: Array<[Topic, boolean]>;
}

interface Pair {
  /** The statement that holds in this cloud, and one that does not (the English text is the choice). */
  truth: Text;
  myth: Text;
  why: Text;
}

const sysctl = (w: World<RouterFacts>, key: string) => inRouter(w, `sysctl ${key}`).trim().split(' = ')[1] ?? '?';

function pairs(w: World<Facts>): Record<Topic, Pair> {
  const r = routerOf(w);
  const ns = namespaceOf(w);
  const host = r.l3AgentHost;
  const nsExists = w.run(host, 'ip netns').split('\n').some((l) => l.split(' ')[0] === ns);
  const fwd = sysctl(w, 'net.ipv4.ip_forward');
  const ign = sysctl(w, 'net.ipv4.conf.all.arp_ignore');
  const ann = sysctl(w, 'net.ipv4.conf.all.arp_announce');
  const haproxy = w.run(host, 'ps -eo user,args').includes(names.metadataProxyConf(r.id));
  const redirect = inRouter(w, 'iptables -t nat -S').includes('--to-ports 9697');
  const qr = inRouter(w, 'ip addr').includes(' qr-');
  const dflt = inRouter(w, 'ip route').split('\n').some((l) => l.startsWith('default'));
  const other = Object.keys(w.cloud.hosts).find((h) => h !== host)!;
  const flip = (v: string) => (v === '0' ? '1' : '0');
  const either = (holds: boolean, yes: Text, no: Text) => (holds ? { truth: yes, myth: no } : { truth: no, myth: yes });
  const kv = (key: string, v: string): Text => ({ en: `${key} = ${v} inside it`, zh: `命名空间里 ${key} = ${v}` });
  return {
    namespace: { ...either(nsExists, { en: `${ns} already exists on ${host}`, zh: `${host} 上已经有 ${ns} 了` }, { en: `${ns} does not exist yet: it is created with the first interface`, zh: `${ns} 还不存在，要等加第一个接口时才创建` }), why: { en: 'The router is scheduled to an L3 agent at creation and the agent builds its namespace at once (_process_added_router).', zh: '路由器创建时就被调度到 L3 agent，agent 立刻建好它的命名空间（_process_added_router）。' } },
    forward: { truth: kv('net.ipv4.ip_forward', fwd), myth: kv('net.ipv4.ip_forward', flip(fwd)), why: { en: 'Namespace.create() sets ip_forward=1 when the namespace is made, not when routes appear.', zh: 'Namespace.create() 在建命名空间时就把 ip_forward 设为 1，而不是等有了路由才设。' } },
    'arp-ignore': { truth: kv('net.ipv4.conf.all.arp_ignore', ign), myth: kv('net.ipv4.conf.all.arp_ignore', flip(ign)), why: { en: 'arp_ignore=1: answer ARP only for addresses configured on the interface the request came in on (floating /32s on qg- must not be answered on qr-).', zh: 'arp_ignore=1：只应答配置在收到请求的那个接口上的地址（qg- 上的浮动 IP /32 不能在 qr- 上被应答）。' } },
    'arp-announce': { truth: kv('net.ipv4.conf.all.arp_announce', ann), myth: kv('net.ipv4.conf.all.arp_announce', ann === '2' ? '0' : '2'), why: { en: 'arp_announce=2: ARP requests use the best local source address for the outgoing interface.', zh: 'arp_announce=2：发 ARP 请求时用出接口上最合适的本地源地址。' } },
    haproxy: { ...either(haproxy, { en: 'an haproxy metadata proxy already runs in it', zh: '里面已经跑着一个 haproxy 元数据代理' }, { en: 'no haproxy runs in it until an interface is added', zh: '要等加了接口才会有 haproxy' }), why: { en: 'The metadata driver reacts to the router\'s AFTER_CREATE event: it spawns haproxy (bind 0.0.0.0:9697) right away.', zh: 'metadata driver 响应路由器的 AFTER_CREATE 事件，立刻拉起 haproxy（bind 0.0.0.0:9697）。' } },
    redirect: { ...either(redirect, { en: 'its nat table already redirects 169.254.169.254:80 to port 9697', zh: '它的 nat 表已经把 169.254.169.254:80 重定向到 9697 端口' }, { en: 'its nat table has no metadata REDIRECT yet', zh: '它的 nat 表里还没有元数据的 REDIRECT' }), why: { en: 'The REDIRECT (-i qr-+) is added with the proxy at creation; it simply matches nothing until a qr- device exists.', zh: 'REDIRECT（-i qr-+）在创建时和代理一起加上，只是在有 qr- 设备之前匹配不到任何包。' } },
    qr: { ...either(qr, { en: 'it already has a qr- device', zh: '它已经有 qr- 设备了' }, { en: 'it has no qr- device yet', zh: '它还没有 qr- 设备' }), why: { en: 'qr- devices come from router interfaces (`router add subnet`); there are none yet.', zh: 'qr- 设备来自路由器接口（`router add subnet`），现在还一个都没有。' } },
    default: { ...either(dflt, { en: 'it already has a default route', zh: '它已经有默认路由了' }, { en: 'it has no default route yet', zh: '它还没有默认路由' }), why: { en: 'The default route (via the external subnet\'s gateway, proto static) is added only with the external gateway (flow 7).', zh: '默认路由（经外部子网网关，proto static）要等设置外部网关时才加（流程七）。' } },
    host: { truth: { en: `the namespace is on ${host}, the L3 agent's host`, zh: `命名空间在 L3 agent 所在的 ${host} 上` }, myth: { en: `the namespace is on ${other}`, zh: `命名空间在 ${other} 上` }, why: { en: `A legacy router lives on the node whose L3 agent it is scheduled to (${host}); compute nodes only get router namespaces with DVR.`, zh: `集中式路由器在它所调度的 L3 agent 所在节点上（${host}）；只有 DVR 才会在计算节点上建路由器命名空间。` } },
  };
}

const NEW_ROUTERS = ['router-b', 'edge2', 'r-new', 'lab-router', 'gw2', 'demo-r2'];

export default choiceFamily<Facts>({
  id: 'f6-fresh-router',
  flow: 6,
  difficulty: 2,
  multiple: true,
  title: { en: 'Right after router create: what already exists?', zh: '刚执行完 router create：哪些东西已经有了？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(0, 1) });
    return { scenario: [...t.lines, `openstack router create ${pick.one(NEW_ROUTERS)}`], computes: t.computes };
  },
  facts: (world, pick) => {
    const router = Object.values(world.cloud.db.routers).at(-1)!;
    const topics = pick.some(TOPICS, 6).map((t): [Topic, boolean] => [t, pick.bool()]);
    if (topics.every(([, v]) => v)) topics[0]![1] = false;
    if (topics.every(([, v]) => !v)) topics[1]![1] = true;
    return { router: router.name, topics };
  },
  prompt: (w) => ({
    en: `\`openstack router create ${w.facts.router}\` has just returned; no subnet and no gateway have been added. Select every statement that is true of this cloud now.`,
    zh: `\`openstack router create ${w.facts.router}\` 刚执行完，还没有加任何子网，也没设网关。选出现在这个环境里所有成立的说法。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack router show ${w.facts.router} -c id -c interfaces_info -c external_gateway_info -c status`)],
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
    { en: 'When is a new router scheduled to an L3 agent: at creation or at the first interface?', zh: '新路由器什么时候被调度到 L3 agent：创建时，还是加第一个接口时？' },
    { en: 'Which sysctls does neutron set on every router namespace, and why would a router need them before it has an interface?', zh: 'neutron 给每个路由器命名空间设了哪些 sysctl？为什么在还没有接口时就要设？' },
    { en: 'The metadata proxy hangs on the router\'s creation event, not on its interfaces.', zh: '元数据代理挂在路由器的创建事件上，而不是接口上。' },
  ],
  explain: (w) => {
    const p = pairs(w);
    const r = routerOf(w);
    return paragraphs(
      {
        en: `For router ${r.name} (${r.id}) on ${r.l3AgentHost}:\n${TOPICS.map((t) => `- ${p[t].truth.en}. ${p[t].why.en}`).join('\n')}`,
        zh: `路由器 ${r.name}（${r.id}），位于 ${r.l3AgentHost}：\n${TOPICS.map((t) => `- ${p[t].truth.zh}。${p[t].why.zh}`).join('\n')}`,
      },
      FLOW6_NOTES['createTime'],
      THEN_VS_NOW['router'],
    );
  },
});
