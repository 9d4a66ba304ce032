/** Flow 8: where the floating IP lives on the network node, and which MAC answers ARP for it. */
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { fieldsFamilyExplained, floatingIpOfServer, gatewayView, linkIn, SEED_NOTES, serverByName, tenantCloudSafe, theRouter } from '../flow7/_helpers.js';

interface Facts { server: string; fip: string; router: string }

function state(w: World<Facts>) {
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  const ns = w.cloud.hosts['controller']!.namespaces[gw.ns]!;
  const addr = ns.addresses.find((a) => a.cidr.startsWith(`${w.facts.fip}/`))!;
  const fip = Object.values(w.cloud.db.floatingIps).find((f) => f.floatingIpAddress === w.facts.fip)!;
  const fipPort = w.cloud.db.ports[fip.fipPortId]!;
  // arping sends the gratuitous ARPs out of qg-, so they announce that device's own MAC.
  const announced = linkIn(w.cloud, gw.ns, addr.dev)!.mac;
  return { gw, addr, fipPort, announced, prefix: addr.cidr.split('/')[1]! };
}

export default fieldsFamilyExplained<Facts>({
  id: 'f8-fip-on-qg',
  flow: 8,
  difficulty: 2,
  title: { en: 'Where the floating IP is configured, and which MAC answers for it', zh: '浮动 IP 配在哪里，由哪个 MAC 应答' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: instances });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    return { server: server.name, fip: floatingIpOfServer(world.cloud, server)!.floatingIpAddress, router: theRouter(world.cloud).name };
  },
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" has just been given a floating IP through router "${w.facts.router}", and the floating IP is ACTIVE. On the network node: on which device is the floating IP configured, with which prefix length and broadcast address, and which MAC address do the gratuitous ARPs announce for it?`,
    zh: `实例 “${w.facts.server}” 刚通过路由器 “${w.facts.router}” 绑定了浮动 IP，状态已经是 ACTIVE。在网络节点上：浮动 IP 配在哪个设备上，前缀长度和广播地址是什么，免费 ARP 通告它时用的是哪个 MAC？`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `openstack port list --network ${w.cloud.db.networks[state(w).gw.extNetworkId]!.name} --long -c ID -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
  ],
  blanks: (w) => {
    const { gw, addr, announced, prefix } = state(w);
    const src = { host: 'controller', command: `ip netns exec ${gw.ns} ip addr show ${addr.dev}` };
    return [
      { id: 'dev', label: { en: 'Device holding the floating IP', zh: '配置浮动 IP 的设备' }, type: 'device', expected: addr.dev, placeholder: 'qg-…', source: src },
      { id: 'prefix', label: { en: 'Prefix length of that address', zh: '该地址的前缀长度' }, type: 'number', expected: prefix, placeholder: '24', source: src },
      { id: 'brd', label: { en: 'Its broadcast address (brd)', zh: '它的广播地址（brd）' }, type: 'ip', expected: addr.broadcast ?? '', placeholder: 'a.b.c.d', source: src },
      { id: 'mac', label: { en: 'MAC announced by the gratuitous ARPs', zh: '免费 ARP 通告的 MAC' }, type: 'mac', expected: announced, placeholder: 'fa:16:3e:…', source: { host: 'controller', command: 'npm run --silent emu -- SCENARIO --trace 8' } },
    ];
  },
  hints: () => [
    { en: 'The floating IP is an extra address on the router\'s gateway interface, inside the qrouter namespace — not on the instance.', zh: '浮动 IP 是路由器网关接口上的一个附加地址，在 qrouter 命名空间里——不在实例上。' },
    { en: 'It is added as a host address, so its broadcast is computed from a single-address network.', zh: '它是按主机地址加的，所以广播地址也是按只有一个地址的网段算出来的。' },
    { en: 'The floating IP port on the external network has a MAC of its own, but that port is never plugged anywhere.', zh: '外部网络上的浮动 IP 端口有自己的 MAC，但这个端口从来没有被插到任何地方。' },
  ],
  explain: (w) => {
    const { gw, addr, fipPort, announced } = state(w);
    const line = w.run('controller', `ip netns exec ${gw.ns} ip addr show ${addr.dev}`).split('\n').find((l) => l.includes(`inet ${w.facts.fip}/`))?.trim();
    return paragraphs(
      {
        en: `After its NAT rules are in place, the L3 agent adds ${addr.cidr} to ${addr.dev} in ${gw.ns} (_add_fip_addr_to_device; ip_to_cidr defaults to /32), which prints as \`${line}\` — the broadcast of a /32 is the address itself. arp_ignore=1 lets ${addr.dev} answer ARP for it, and send_ip_addr_adv_notif runs \`arping -U -I ${addr.dev} -c 1 -w 2 ${w.facts.fip}\` and \`arping -A …\` three times, 2 s apart, so the upstream router learns ${w.facts.fip} is-at ${announced}, the MAC of ${addr.dev} (the gateway port ${gw.port.id}). The floating IP's own port ${fipPort.id} (network:floatingip, MAC ${fipPort.macAddress}) is never bound and its MAC never appears on the wire; ${w.facts.server} itself never sees ${w.facts.fip}.`,
        zh: `NAT 规则装好之后，L3 agent 把 ${addr.cidr} 加到 ${gw.ns} 里的 ${addr.dev} 上（_add_fip_addr_to_device；ip_to_cidr 默认 /32），显示为 \`${line}\`——/32 的广播地址就是它自己。arp_ignore=1 让 ${addr.dev} 为它应答 ARP，send_ip_addr_adv_notif 会执行 \`arping -U -I ${addr.dev} -c 1 -w 2 ${w.facts.fip}\` 和 \`arping -A …\`，共 3 轮、间隔 2 秒，于是上游路由器学到 ${w.facts.fip} is-at ${announced}，也就是 ${addr.dev}（网关端口 ${gw.port.id}）的 MAC。浮动 IP 自己的端口 ${fipPort.id}（network:floatingip，MAC ${fipPort.macAddress}）从不绑定，它的 MAC 从不出现在线路上；${w.facts.server} 自己也看不到 ${w.facts.fip}。`,
      },
      SEED_NOTES['fip'],
      SEED_NOTES['fipPort'],
      THEN_VS_NOW['router'],
    );
  },
}, (w, blank, given) => {
  const g = given.trim().toLowerCase().replace(/-/g, ':');
  const { gw, fipPort, addr } = state(w);
  const qgCidr = w.cloud.hosts['controller']!.namespaces[gw.ns]!.addresses.find((a) => a.dev === addr.dev && a.cidr.startsWith(`${gw.ip}/`));
  if (blank === 'mac' && g === fipPort.macAddress) return { en: `${fipPort.macAddress} belongs to the floating IP's own port (network:floatingip), which is never bound or plugged; the address is answered by ${addr.dev}.`, zh: `${fipPort.macAddress} 是浮动 IP 自己那个端口（network:floatingip）的 MAC，这个端口从不绑定也不插线；替这个地址应答的是 ${addr.dev}。` };
  if (blank === 'dev' && g.startsWith('qr-')) return { en: 'The floating IP belongs to the external network, so it sits on the gateway side (qg-); the qr- devices face the tenant networks.', zh: '浮动 IP 属于外部网络，所以配在网关一侧（qg-）；qr- 设备朝向租户网络。' };
  if (blank === 'prefix' && qgCidr && g === qgCidr.cidr.split('/')[1]) return { en: `/${g} is the prefix of the gateway's own address ${qgCidr.cidr}; floating IPs are added as host addresses (/32), so they add no second connected route.`, zh: `/${g} 是网关自己地址 ${qgCidr.cidr} 的前缀；浮动 IP 是按主机地址（/32）加的，所以不会再多一条直连路由。` };
  if (blank === 'brd' && qgCidr && g === qgCidr.broadcast) return { en: `${g} is the broadcast of the external subnet; the broadcast of a /32 is the address itself.`, zh: `${g} 是外部子网的广播地址；/32 地址的广播地址就是它自己。` };
  return undefined;
});
