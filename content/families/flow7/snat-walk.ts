/** Flow 7: addresses of an instance's packet before and after SNAT, and of the reply, from the real packet walk. */
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { conntrackTuples, fieldsFamilyExplained, floatingIpOfServer, gatewayView, INTERNET, SEED_NOTES, serverByName, snatStage, stageOn, tenantCloudSafe, theRouter, walkInstanceToAddress } from './_helpers.js';

interface Facts { server: string; dst: string; router: string; routerId: string }

function facts(w: World<Facts>) {
  const wk = walkInstanceToAddress(w.cloud, serverByName(w.cloud, w.facts.server), w.facts.dst);
  const inbound = stageOn(wk, 'qr-')!;
  const snat = snatStage(wk)!;
  const exit = wk.packets[0]!.stages.at(-1)!;
  const ct = conntrackTuples(wk.conntrack[0]!);
  return { wk, inbound, snat, exit, ct };
}

export default fieldsFamilyExplained<Facts>({
  id: 'f7-snat-walk',
  flow: 7,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'Follow a packet through SNAT and back', zh: '跟踪一个数据包经过 SNAT 再回来' },
  setup: (pick) => {
    // Sometimes a second instance holds a floating IP: its /32 and float-snat rule are on the same router.
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, gateway: true, fips: instances - 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = Object.values(world.cloud.db.servers).find((s) => !floatingIpOfServer(world.cloud, s))!;
    const router = theRouter(world.cloud);
    const f = { server: server.name, dst: pick.one(INTERNET), router: router.name, routerId: router.id };
    const wk = walkInstanceToAddress(world.cloud, server, f.dst);
    if (!wk.delivered || !snatStage(wk) || wk.conntrack.length !== 1) throw new Error(`f7-snat-walk: unexpected walk ${wk.failure}`);
    return f;
  },
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" pings ${w.facts.dst} through router "${w.facts.router}". Fill in the addresses as a capture would show them at each point, and the router device on which the source is rewritten.`,
    zh: `实例 “${w.facts.server}” 通过路由器 “${w.facts.router}” ping ${w.facts.dst}。请按在各个位置抓包看到的样子填写地址，以及源地址是在路由器的哪个设备上被改写的。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip addr`),
  ],
  blanks: (w) => {
    const { inbound, snat, exit, ct } = facts(w);
    const src = { host: 'controller', command: `npm run --silent emu -- SCENARIO --walk snat ${w.facts.server} ${w.facts.dst}` };
    return [
      { id: 'src_qr', label: { en: 'Source IP as the request enters the router on qr-', zh: '请求从 qr- 进入路由器时的源 IP' }, type: 'ip', expected: inbound.src, placeholder: 'a.b.c.d', source: src },
      { id: 'snat_dev', label: { en: 'Router device where SNAT applies (the out interface)', zh: '做 SNAT 的路由器设备（出接口）' }, type: 'device', expected: snat.dev, placeholder: 'qg-…', source: src },
      { id: 'src_wire', label: { en: `Source IP on the provider network (${exit.dev} of ${exit.host})`, zh: `在 provider 网络上（${exit.host} 的 ${exit.dev}）看到的源 IP` }, type: 'ip', expected: exit.src, placeholder: 'a.b.c.d', source: src },
      { id: 'reply_dst', label: { en: `Destination IP of the reply as ${w.facts.dst} sends it back`, zh: `${w.facts.dst} 回包时的目的 IP` }, type: 'ip', expected: ct.reply.dst, placeholder: 'a.b.c.d', source: src },
      { id: 'reply_guest', label: { en: 'Destination IP of the reply after conntrack reverses the NAT', zh: 'conntrack 反向转换之后回包的目的 IP' }, type: 'ip', expected: ct.orig.src, placeholder: 'a.b.c.d', source: src },
    ];
  },
  hints: (w) => [
    { en: `Nothing rewrites the packet between the guest and the router's qr- interface; VXLAN only wraps it.`, zh: '从虚拟机到路由器 qr- 接口之间没有任何改写，VXLAN 只是在外面封了一层。' },
    { en: 'SNAT happens in POSTROUTING, so it is tied to the interface the packet goes out of.', zh: 'SNAT 在 POSTROUTING 里做，所以和包的出接口绑定。' },
    { en: `${w.facts.server} has no floating IP: which address on the gateway device is the router's own, and which is a /32 of someone else?`, zh: `${w.facts.server} 没有浮动 IP：网关设备上哪个地址是路由器自己的，哪个是别人的 /32？` },
  ],
  explain: (w) => {
    const { inbound, snat, exit, ct, wk } = facts(w);
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const others = Object.values(w.cloud.db.floatingIps).filter((f) => f.routerId === gw.router.id);
    return paragraphs(
      {
        en: `${w.facts.server} sends ${inbound.src} -> ${w.facts.dst} to its gateway; it crosses VXLAN unchanged and enters ${gw.ns} on ${inbound.dev}. The route is the default via ${gw.extGateway} on ${snat.dev}, and in POSTROUTING \`-o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\` rewrites the source: ${snat.note.replace('nat POSTROUTING: SNAT ', '')}. It leaves through ${gw.tap}, ${gw.bridge} and ${exit.dev} as ${exit.src} -> ${exit.dst}. conntrack holds \`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`: the reply ${ct.reply.src} -> ${ct.reply.dst} is matched against the reply tuple and its destination is turned back into ${ct.orig.src} before routing to ${inbound.dev}.${others.length ? ` The /32 ${others.map((f) => f.floatingIpAddress).join(', ')} on ${gw.dev} belongs to another instance's floating IP; its float-snat rule matches only that instance's fixed IP.` : ''} \`--random-fully\` may also change the ICMP id / source port.`,
        zh: `${w.facts.server} 把 ${inbound.src} -> ${w.facts.dst} 发给网关，经过 VXLAN 时不变，从 ${inbound.dev} 进入 ${gw.ns}。路由选择走 ${snat.dev} 上经 ${gw.extGateway} 的默认路由，POSTROUTING 里 \`-o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\` 改写了源地址：${snat.note.replace('nat POSTROUTING: SNAT ', '')}。之后经 ${gw.tap}、${gw.bridge}、${exit.dev} 出去，变成 ${exit.src} -> ${exit.dst}。conntrack 里记的是 \`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`：回包 ${ct.reply.src} -> ${ct.reply.dst} 命中反向元组，路由前目的地址被改回 ${ct.orig.src}，再从 ${inbound.dev} 送回去。${others.length ? `${gw.dev} 上的 /32 地址 ${others.map((f) => f.floatingIpAddress).join('、')} 是另一台实例的浮动 IP，它的 float-snat 规则只匹配那台实例的固定 IP。` : ''}\`--random-fully\` 还可能改掉 ICMP id / 源端口。`,
      },
      SEED_NOTES['snatRule'],
      THEN_VS_NOW['router'],
    );
  },
}, (w, blank, given) => {
  const g = given.trim().replace(/\/32$/, '');
  const { inbound, snat } = facts(w);
  const fips = Object.values(w.cloud.db.floatingIps).filter((f) => f.floatingIpAddress === g);
  if ((blank === 'src_wire' || blank === 'reply_dst') && g === inbound.src) return { en: `The private address ${g} never reaches the provider network: SNAT in POSTROUTING rewrites it on ${snat.dev} before the packet leaves, and the outside can only answer the address it saw.`, zh: `私网地址 ${g} 根本到不了 provider 网络：POSTROUTING 里的 SNAT 在包离开 ${snat.dev} 之前就改掉了它，外面也只能回给它看到的那个地址。` };
  if (blank === 'src_wire' && fips.length) return { en: `${g} is a floating IP of another instance; its float-snat rule matches only -s ${fips[0]!.fixedIpAddress}/32.`, zh: `${g} 是另一台实例的浮动 IP；它的 float-snat 规则只匹配 -s ${fips[0]!.fixedIpAddress}/32。` };
  if (blank === 'src_qr' && g === snat.src) return { en: 'Nothing is translated before the router: the packet reaches qr- with the instance\'s own address; SNAT comes later, in POSTROUTING.', zh: '进路由器之前没有任何转换：包到 qr- 时还是实例自己的地址；SNAT 在后面的 POSTROUTING 里。' };
  if (blank === 'snat_dev' && g.startsWith('qr-')) return { en: 'SNAT is tied to the out interface (-o qg-…): the packet came in on qr- and leaves through the gateway device.', zh: 'SNAT 绑定的是出接口（-o qg-…）：包从 qr- 进来，从网关设备出去。' };
  if (blank === 'reply_guest' && g === snat.src) return { en: 'conntrack reverses the SNAT for the reply, so its destination becomes the instance\'s fixed address again before it is routed to qr-.', zh: '回包经过 conntrack 时 SNAT 被反向还原，目的地址在路由到 qr- 之前就变回了实例的固定地址。' };
  return undefined;
});
