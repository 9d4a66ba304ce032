/** Flow 5: the addresses and ports of DHCPDISCOVER and DHCPOFFER, from the real exchange. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { portOf, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import type { World } from '../../types.js';

function exchange(w: World<{ server: string }>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const ex = dhcpExchange(w.cloud, server, portOf(w.cloud, server));
  const discover = ex.packets.find((p) => p.name === 'DHCPDISCOVER')!;
  const offer = ex.packets.find((p) => p.name === 'DHCPOFFER')!;
  return { discover, offer };
}

export default fieldsFamily<{ server: string }>({
  id: 'f5-offer-addresses',
  flow: 5,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'Addresses and ports of DHCPDISCOVER and DHCPOFFER', zh: 'DHCPDISCOVER 和 DHCPOFFER 的地址与端口' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => ({ server: Object.values(world.cloud.db.servers)[0]!.name }),
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" boots and asks for an address. Give the IP source and destination (with UDP ports) of its DHCPDISCOVER, and of the DHCPOFFER dnsmasq sends back.`,
    zh: `实例 “${w.facts.server}” 启动后申请地址。请写出它发出的 DHCPDISCOVER 的源/目的 IP（带 UDP 端口），以及 dnsmasq 回的 DHCPOFFER 的源/目的 IP（带端口）。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack server show ${w.facts.server} -c addresses -c status`), shown(w, 'controller', `openstack port list --device-owner network:dhcp -c "Fixed IP Addresses"`)],
  blanks: (w) => {
    const { discover, offer } = exchange(w);
    const src = { host: 'controller', command: `npm run --silent emu -- SCENARIO --walk dhcp ${w.facts.server}` };
    return [
      { id: 'discover_src', label: { en: 'DISCOVER source (ip:port)', zh: 'DISCOVER 源（IP:端口）' }, type: 'text', expected: `${discover.ipSrc}:${discover.sport}`, placeholder: 'a.b.c.d:port', source: src },
      { id: 'discover_dst', label: { en: 'DISCOVER destination (ip:port)', zh: 'DISCOVER 目的（IP:端口）' }, type: 'text', expected: `${discover.ipDst}:${discover.dport}`, placeholder: 'a.b.c.d:port', source: src },
      { id: 'offer_src', label: { en: 'OFFER source (ip:port)', zh: 'OFFER 源（IP:端口）' }, type: 'text', expected: `${offer.ipSrc}:${offer.sport}`, placeholder: 'a.b.c.d:port', source: src },
      { id: 'offer_dst', label: { en: 'OFFER destination (ip:port)', zh: 'OFFER 目的（IP:端口）' }, type: 'text', expected: `${offer.ipDst}:${offer.dport}`, placeholder: 'a.b.c.d:port', source: src },
    ];
  },
  hints: () => [
    { en: 'The client has no address yet when it sends DISCOVER.', zh: '发 DISCOVER 时客户端还没有地址。' },
    { en: 'dnsmasq listens on the DHCP port\'s address inside the qdhcp namespace; DHCP servers use UDP 67, clients 68.', zh: 'dnsmasq 在 qdhcp 命名空间里用 DHCP 端口的地址；服务端 UDP 67，客户端 68。' },
    { en: 'CirrOS\'s udhcpc does not set the broadcast flag.', zh: 'CirrOS 的 udhcpc 不置广播标志位。' },
  ],
  explain: (w) => {
    const { discover, offer } = exchange(w);
    return paragraphs(
      {
        en: `DISCOVER: ${discover.ethSrc} -> ${discover.ethDst}, ${discover.ipSrc}:68 -> ${discover.ipDst}:67, flooded over the bridge and the VXLAN FDB's 00:00:00:00:00:00 entries to the network node. OFFER: from the DHCP port ${offer.ethSrc}, ${offer.ipSrc}:67 -> ${offer.ipDst}:68, unicast to the client MAC ${offer.ethDst}. Options: ${offer.options.join('; ')}.`,
        zh: `DISCOVER：${discover.ethSrc} -> ${discover.ethDst}，${discover.ipSrc}:68 -> ${discover.ipDst}:67，在网桥上泛洪，经 VXLAN FDB 里的 00:00:00:00:00:00 条目发到网络节点。OFFER：从 DHCP 端口 ${offer.ethSrc} 发出，${offer.ipSrc}:67 -> ${offer.ipDst}:68，单播给客户端 MAC ${offer.ethDst}。选项：${offer.options.join('；')}。`,
      },
      SEED_SIMPLIFIES['offerBroadcast'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
