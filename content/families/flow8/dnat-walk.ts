/** Flow 8: addresses of a packet from outside to a floating IP, before and after DNAT, and of the reply, from the real walk. */
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { conntrackTuples, fieldsFamilyExplained, dnatStage, floatingIpOfServer, gatewayView, lastStage, SEED_NOTES, serverByName, stageOn, tenantCloudSafe, theRouter, walkExternalToFloatingIp } from '../flow7/_helpers.js';

interface Facts { server: string; fip: string; extSubnet: string }

function walk(w: World<Facts>) {
  const wk = walkExternalToFloatingIp(w.cloud, w.facts.fip);
  const out = wk.packets[0]!.stages.filter((s) => s.netns.startsWith('qrouter-')).at(-1)!;
  return { wk, onQg: stageOn(wk, 'qg-')!, dnat: dnatStage(wk)!, out, guest: lastStage(wk), ct: conntrackTuples(wk.conntrack[0]!) };
}

export default fieldsFamilyExplained<Facts>({
  id: 'f8-dnat-walk',
  flow: 8,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'Follow a packet from outside to a floating IP and back', zh: '跟踪一个从外部发往浮动 IP 的数据包及其回包' },
  setup: (pick) => {
    const instances = pick.between(1, 3);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: pick.between(1, instances) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    const fip = floatingIpOfServer(world.cloud, server)!;
    const ext = Object.values(world.cloud.db.subnets).find((s) => s.networkId === fip.floatingNetworkId)!;
    const wk = walkExternalToFloatingIp(world.cloud, fip.floatingIpAddress);
    if (!wk.delivered || !dnatStage(wk) || wk.conntrack.length !== 1) throw new Error(`f8-dnat-walk: ${wk.failure}`);
    return { server: server.name, fip: fip.floatingIpAddress, extSubnet: ext.name };
  },
  prompt: (w) => ({
    en: `The upstream router of the external network (the external subnet's gateway) pings the floating IP of instance "${w.facts.server}". Fill in the addresses as captures would show them, and the device on which the request leaves the router.`,
    zh: `外部网络的上游路由器（外部子网的网关）ping 实例 “${w.facts.server}” 的浮动 IP。请按抓包看到的样子填写各处的地址，以及请求从路由器的哪个设备出去。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `openstack subnet show ${w.facts.extSubnet} -c cidr -c gateway_ip`),
    shown(w, 'controller', `openstack port list --router ${theRouter(w.cloud).name} -c ID -c "Fixed IP Addresses"`),
  ],
  blanks: (w) => {
    const { onQg, dnat, out, guest, ct } = walk(w);
    const src = { host: 'controller', command: `npm run --silent emu -- SCENARIO --walk dnat ${w.facts.fip}` };
    return [
      { id: 'dst_qg', label: { en: 'Destination IP as the request arrives on qg-', zh: '请求到达 qg- 时的目的 IP' }, type: 'ip', expected: onQg.dst, placeholder: 'a.b.c.d', source: src },
      { id: 'dst_after', label: { en: 'Destination IP after nat PREROUTING', zh: '经过 nat PREROUTING 之后的目的 IP' }, type: 'ip', expected: dnat.dst, placeholder: 'a.b.c.d', source: src },
      { id: 'out_dev', label: { en: 'Router device the request leaves through', zh: '请求离开路由器时经过的设备' }, type: 'device', expected: out.dev, placeholder: 'qr-…', source: src },
      { id: 'src_guest', label: { en: 'Source IP the instance sees', zh: '实例看到的源 IP' }, type: 'ip', expected: guest.src, placeholder: 'a.b.c.d', source: src },
      { id: 'reply_src', label: { en: 'Source IP of the reply when it leaves qg- again', zh: '回包再从 qg- 出去时的源 IP' }, type: 'ip', expected: ct.orig.dst, placeholder: 'a.b.c.d', source: src },
    ];
  },
  hints: () => [
    { en: 'The upstream router only knows the floating IP; the router namespace owns it as a /32 on qg-.', zh: '上游路由器只知道浮动 IP；这个地址以 /32 的形式配在路由器命名空间的 qg- 上。' },
    { en: 'DNAT rewrites only the destination, in PREROUTING, before routing; nothing rewrites the source on the way in.', zh: 'DNAT 在 PREROUTING、路由之前只改目的地址；进来的方向没有任何规则改源地址。' },
    { en: 'The reply matches the conntrack entry and gets the original destination back as its source.', zh: '回包命中 conntrack 条目，源地址被换回原来的目的地址。' },
  ],
  explain: (w) => {
    const { wk, onQg, dnat, guest, ct } = walk(w);
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const server = serverByName(w.cloud, w.facts.server);
    const inRouter = wk.packets[0]!.stages.filter((s) => s.netns.startsWith('qrouter-'));
    return paragraphs(
      {
        en: `${onQg.src} sends to ${w.facts.fip}; ARP for it is answered by ${gw.dev} (the /32 is configured there), so the frame crosses ${w.cloud.config.providerInterface}, ${gw.bridge} and ${gw.tap} into ${gw.ns}. In nat PREROUTING \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${dnat.dst}\` rewrites the destination (${onQg.dst} -> ${dnat.dst}); routing then sends it out of ${inRouter.at(-1)!.dev}, and POSTROUTING leaves the source alone (the packet came in on ${gw.dev}, so it carries mark 0x2 and the hairpin SNAT does not apply). ${server.name} on ${server.host} receives ${guest.src} -> ${guest.dst}: it sees the real client and never its floating IP. conntrack holds \`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`, so the reply ${ct.reply.src} -> ${ct.reply.dst} leaves qg- as ${ct.orig.dst} -> ${ct.orig.src}.`,
        zh: `${onQg.src} 发往 ${w.facts.fip}；对它的 ARP 由 ${gw.dev} 应答（/32 配在那里），所以帧经过 ${w.cloud.config.providerInterface}、${gw.bridge}、${gw.tap} 进入 ${gw.ns}。nat PREROUTING 里 \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${dnat.dst}\` 改写了目的地址（${onQg.dst} -> ${dnat.dst}）；随后路由把它从 ${inRouter.at(-1)!.dev} 送出，POSTROUTING 不改源地址（包是从 ${gw.dev} 进来的，带着 mark 0x2，hairpin SNAT 不生效）。${server.host} 上的 ${server.name} 收到的是 ${guest.src} -> ${guest.dst}：它看到的是真实客户端地址，也从来看不到自己的浮动 IP。conntrack 里记的是 \`${wk.conntrack[0]!.replace(/^[^:]+: /, '')}\`，所以回包 ${ct.reply.src} -> ${ct.reply.dst} 从 qg- 出去时变成 ${ct.orig.dst} -> ${ct.orig.src}。`,
      },
      SEED_NOTES['fip'],
      SEED_NOTES['dvr'],
      THEN_VS_NOW['router'],
    );
  },
}, (w, blank, given) => {
  const g = given.trim().replace(/\/32$/, '');
  const { onQg, dnat } = walk(w);
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  if (blank === 'src_guest' && (g === w.facts.fip || g === gw.ip)) return { en: `Inbound traffic is only DNATed; its source stays the real client (${onQg.src}). Packets that come in on ${gw.dev} carry mark 0x2, so even the hairpin SNAT rule leaves them alone.`, zh: `进来的流量只做 DNAT，源地址保持真实客户端（${onQg.src}）。从 ${gw.dev} 进来的包带 mark 0x2，连 hairpin SNAT 也不会动它。` };
  if (blank === 'dst_after' && g === w.facts.fip) return { en: `nat PREROUTING has \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${dnat.dst}\`: the destination is rewritten before routing.`, zh: `nat PREROUTING 里有 \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${dnat.dst}\`：路由之前目的地址就被改了。` };
  if (blank === 'dst_qg' && g === dnat.dst) return { en: 'The upstream router only knows the floating IP; the translation happens inside the router namespace.', zh: '上游路由器只知道浮动 IP；转换是在路由器命名空间里做的。' };
  if (blank === 'reply_src' && g === dnat.dst) return { en: 'conntrack reverses the DNAT on the reply, so it leaves with the floating IP as source — the client would drop an answer from an address it never called.', zh: '回包经过 conntrack 时 DNAT 被反向还原，出去时源地址是浮动 IP——客户端不会接受一个它从没访问过的地址发来的回包。' };
  if (blank === 'reply_src' && g === gw.ip) return { en: `The reply belongs to the DNATed connection and is un-NATed by conntrack to ${w.facts.fip}; the gateway address is only for instances without a floating IP.`, zh: `回包属于那条被 DNAT 的连接，conntrack 把它还原成 ${w.facts.fip}；网关地址只给没有浮动 IP 的实例用。` };
  if (blank === 'out_dev' && g.startsWith('qg-')) return { en: 'After DNAT the route to the fixed IP is a connected route through the tenant interface (qr-).', zh: 'DNAT 之后，去固定 IP 的路由是经租户接口（qr-）的直连路由。' };
  return undefined;
});
