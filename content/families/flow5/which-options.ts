/** Flow 5: which statements about this cloud's DHCPOFFER are true? Each topic is shown either as the truth or as a well-known misconception. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { exchangeOf, FLOW5_NOTES, grepShown, optionValue } from './_helpers.js';

interface Facts {
  server: string;
  /** topic -> show the true statement (true) or the misconception (false) */
  topics: Array<[Topic, boolean]>;
}

type Topic = 'dns' | 'mtu' | 'routes' | 'ms-routes' | 'timers' | 'hostname' | 'server-id' | 'unicast';
const TOPICS: Topic[] = ['dns', 'mtu', 'routes', 'ms-routes', 'timers', 'hostname', 'server-id', 'unicast'];

interface Statement {
  /** The English text is the choice; the Chinese one is used in explanations. */
  truth: Text;
  myth: Text;
  why: Text;
}

const ZH_NAMES: Record<string, string> = { 'DNS server': 'DNS 服务器', MTU: 'MTU', 'classless static routes': '无类静态路由', hostname: '主机名', 'server identifier': '服务器标识' };
/** "Option 6 (DNS server) = x" in both languages. */
const opt = (code: number, name: string, value: string | number | null | undefined): Text => ({ en: `Option ${code} (${name}) = ${value}`, zh: `选项 ${code}（${ZH_NAMES[name] ?? name}）= ${value}` });

function statements(w: World<Facts>): Record<Topic, Statement> {
  const x = exchangeOf(w);
  const subnet = w.cloud.db.subnets[x.port.fixedIps[0]!.subnetId]!;
  const net = w.cloud.db.networks[x.port.networkId]!;
  const dns = optionValue(x.offer, 6)!;
  const dhcpIp = x.offer.ipSrc;
  const routes = optionValue(x.offer, 121);
  const lease = Number(optionValue(x.offer, 51));
  const wrongDns = subnet.dnsNameservers.length ? dhcpIp : '8.8.8.8';
  const wrongMtu = net.mtu === 1500 ? 1450 : 1500;
  return {
    dns: {
      truth: opt(6, 'DNS server', dns),
      myth: opt(6, 'DNS server', wrongDns),
      why: subnet.dnsNameservers.length
        ? { en: `The subnet has dns_nameservers ${subnet.dnsNameservers.join(', ')}, so opts has option:dns-server and that is what option 6 carries; dnsmasq offers itself (${dhcpIp}) only when there are none.`, zh: `子网配置了 dns_nameservers ${subnet.dnsNameservers.join(', ')}，opts 里就有 option:dns-server，选项 6 下发的就是它；只有没配的时候 dnsmasq 才把自己（${dhcpIp}）作为 DNS。` }
        : { en: `There is no default 8.8.8.8 in neutron: the subnet has no dns_nameservers, opts has no dns-server line, and dnsmasq offers its own address ${dhcpIp}.`, zh: `neutron 没有默认的 8.8.8.8：子网没配 dns_nameservers，opts 里没有 dns-server 这一行，dnsmasq 下发的是它自己的地址 ${dhcpIp}。` },
    },
    mtu: {
      truth: opt(26, 'MTU', net.mtu),
      myth: opt(26, 'MTU', wrongMtu),
      why: { en: `The network MTU is ${net.mtu} (${net.networkType}: 1500 minus 50 bytes of VXLAN over IPv4) and the agent forces it with --dhcp-option-force=option:mtu,${net.mtu}, whether or not the client asks.`, zh: `网络 MTU 是 ${net.mtu}（${net.networkType}：1500 减去 IPv4 上 VXLAN 的 50 字节开销），agent 用 --dhcp-option-force=option:mtu,${net.mtu} 强制下发，不管客户端有没有请求。` },
    },
    routes: routes
      ? {
        truth: opt(121, 'classless static routes', routes),
        myth: { en: 'No option 121: the subnet has no host routes', zh: '没有选项 121：子网没有配置主机路由' },
        why: { en: `A router port owns the gateway ${subnet.gatewayIp}, so the agent adds the metadata route 169.254.169.254/32 via the gateway and then 0.0.0.0/0 via the gateway; udhcpc asks for 121, so it is sent.`, zh: `有路由器端口占用了网关 ${subnet.gatewayIp}，agent 会加上经网关的元数据路由 169.254.169.254/32，再加 0.0.0.0/0 经网关；udhcpc 请求了 121，所以会下发。` },
      }
      : {
        truth: { en: 'No option 121: there are no host routes and no metadata route', zh: '没有选项 121：既没有主机路由，也没有元数据路由' },
        myth: opt(121, 'classless static routes', `(169.254.169.254/32:${subnet.gatewayIp}),(default:${subnet.gatewayIp})`),
        why: { en: `No router port owns ${subnet.gatewayIp} (the subnet is isolated) and enable_isolated_metadata is off, so opts has no classless-static-route line and the OFFER has no 121.`, zh: `没有路由器端口占用 ${subnet.gatewayIp}（子网是孤立的），也没开 enable_isolated_metadata，所以 opts 里没有 classless-static-route，OFFER 里也就没有 121。` },
      },
    'ms-routes': {
      truth: { en: 'No option 249 in the OFFER, even though opts has a 249 line when routes exist', zh: 'OFFER 里没有选项 249，尽管有路由时 opts 里有 249 那一行' },
      myth: { en: 'Option 249 (Microsoft classless routes) is sent alongside 121', zh: '选项 249（微软的无类路由）会和 121 一起下发' },
      why: { en: 'dnsmasq sends 249 only to clients that request it (Windows); udhcpc\'s parameter request list has 121 but not 249.', zh: 'dnsmasq 只给请求了 249 的客户端（Windows）发；udhcpc 的参数请求列表里有 121，没有 249。' },
    },
    timers: {
      truth: { en: `Option 58 (T1) = ${lease / 2} and option 59 (T2) = ${(lease * 7) / 8}`, zh: `选项 58（T1）= ${lease / 2}，选项 59（T2）= ${(lease * 7) / 8}` },
      myth: { en: 'No options 58/59: neutron only configures the lease time', zh: '没有选项 58/59：neutron 只配置了租期' },
      why: { en: `neutron sets only the lease (${lease} s on --dhcp-range); dnsmasq adds T1 = 1/2 and T2 = 7/8 of it by itself. neutron writes option:T1/T2 only when dhcp_renewal_time / dhcp_rebinding_time are set.`, zh: `neutron 只设置了租期（--dhcp-range 上的 ${lease} 秒），T1 = 1/2、T2 = 7/8 是 dnsmasq 自己加的。只有配置了 dhcp_renewal_time / dhcp_rebinding_time，neutron 才会写 option:T1/T2。` },
    },
    hostname: {
      truth: opt(12, 'hostname', optionValue(x.offer, 12)),
      myth: opt(12, 'hostname', w.facts.server),
      why: { en: `Without the ML2 dns extension the host file has the agent-generated name host-<ip with dashes>, so the guest is told ${optionValue(x.offer, 12)}, not its nova name (cloud-init may later set the nova name from metadata).`, zh: `没有启用 ML2 dns 扩展时，host 文件里是 agent 生成的 host-<IP 用横线连接>，所以下发的是 ${optionValue(x.offer, 12)}，不是 nova 里的名字（之后 cloud-init 可能再从元数据里改成 nova 名）。` },
    },
    'server-id': {
      truth: opt(54, 'server identifier', dhcpIp),
      myth: opt(54, 'server identifier', subnet.gatewayIp),
      why: { en: `dnsmasq identifies itself with the DHCP port's address ${dhcpIp} in the qdhcp namespace; the gateway ${subnet.gatewayIp} is only option 3.`, zh: `dnsmasq 用 qdhcp 命名空间里 DHCP 端口的地址 ${dhcpIp} 标识自己；网关 ${subnet.gatewayIp} 只出现在选项 3 里。` },
    },
    unicast: {
      truth: { en: `The OFFER is unicast: ${x.offer.ethSrc} > ${x.offer.ethDst}, ${x.offer.ipSrc}:67 > ${x.offer.ipDst}:68`, zh: `OFFER 是单播：${x.offer.ethSrc} > ${x.offer.ethDst}，${x.offer.ipSrc}:67 > ${x.offer.ipDst}:68` },
      myth: { en: `The OFFER is broadcast: ${x.offer.ethSrc} > ff:ff:ff:ff:ff:ff, ${x.offer.ipSrc}:67 > 255.255.255.255:68`, zh: `OFFER 是广播：${x.offer.ethSrc} > ff:ff:ff:ff:ff:ff，${x.offer.ipSrc}:67 > 255.255.255.255:68` },
      why: { en: 'udhcpc sends DISCOVER with Flags [none] (no broadcast flag) and neutron does not set dhcp_broadcast_reply, so dnsmasq sends the OFFER straight to the client MAC and the offered address.', zh: 'udhcpc 发 DISCOVER 时 Flags [none]（没有广播标志），neutron 也没开 dhcp_broadcast_reply，所以 dnsmasq 直接把 OFFER 发给客户端 MAC 和要分配的地址。' },
    },
  };
}

export default choiceFamily<Facts>({
  id: 'f5-which-options',
  flow: 5,
  difficulty: 3,
  multiple: true,
  title: { en: 'Which statements about this DHCPOFFER are true?', zh: '关于这个 DHCPOFFER，哪些说法是对的？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const chosen = pick.some(TOPICS, 6);
    const topics = chosen.map((t): [Topic, boolean] => [t, pick.bool()]);
    // At least one true and one false statement.
    if (topics.every(([, v]) => v)) topics[0]![1] = false;
    if (topics.every(([, v]) => !v)) topics[1]![1] = true;
    return { server: server.name, topics };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" (CirrOS, udhcpc) gets its address from dnsmasq. Given this cloud's configuration, select every statement that is true of the DHCPOFFER it receives.`,
    zh: `“${w.facts.server}”（CirrOS，udhcpc）从 dnsmasq 获取地址。结合这个环境的配置，选出所有关于它收到的 DHCPOFFER 的正确说法。`,
  }),
  context: (w) => {
    const x = exchangeOf(w);
    const subnet = w.cloud.db.subnets[x.port.fixedIps[0]!.subnetId]!;
    const net = w.cloud.db.networks[subnet.networkId]!;
    return [
      shown(w, 'controller', `openstack subnet show ${subnet.name} -c cidr -c gateway_ip -c dns_nameservers -c host_routes`),
      shown(w, 'controller', `openstack port list --network ${net.name} -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner" --long`),
      shown(w, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/opts`),
      grepShown(w, 'controller', 'ps -eo user,args', net.id),
    ];
  },
  options: (w) => {
    const s = statements(w);
    return {
      right: w.facts.topics.filter(([, v]) => v).map(([t]) => s[t].truth.en),
      wrong: w.facts.topics.filter(([, v]) => !v).map(([t]) => s[t].myth.en),
    };
  },
  whyWrong: (w, option) => {
    const s = statements(w);
    const hit = TOPICS.find((t) => s[t].myth.en === option);
    return hit ? { en: `${option}: not here; ${s[hit].truth.en}. ${s[hit].why.en}`, zh: `${s[hit].myth.zh}：这里不成立，实际上${s[hit].truth.zh}。${s[hit].why.zh}` } : undefined;
  },
  hints: () => [
    { en: 'Separate what neutron writes (opts file, dnsmasq command line) from what dnsmasq adds on its own.', zh: '把 neutron 写的（opts 文件、dnsmasq 命令行）和 dnsmasq 自己加的区分开。' },
    { en: 'Look at the opts file line by line: a missing line means a missing or defaulted option.', zh: '逐行看 opts 文件：少了哪一行，对应的选项就没有或者用默认值。' },
    { en: 'CirrOS\'s udhcpc asks for 1, 3, 6, 12, 15, 26, 28, 42 and 121, and does not set the broadcast flag.', zh: 'CirrOS 的 udhcpc 请求的是 1、3、6、12、15、26、28、42 和 121，而且不置广播标志。' },
  ],
  explain: (w) => {
    const x = exchangeOf(w);
    const s = statements(w);
    const lines = w.facts.topics.map(([t]) => `- ${s[t].truth.en}. ${s[t].why.en}`);
    const linesZh = w.facts.topics.map(([t]) => `- ${s[t].truth.zh}。${s[t].why.zh}`);
    return paragraphs(
      {
        en: `The real OFFER to ${x.port.macAddress}: ${x.offer.options.join('; ')}.\n${lines.join('\n')}`,
        zh: `实际发给 ${x.port.macAddress} 的 OFFER：${x.offer.options.join('；')}。\n${linesZh.join('\n')}`,
      },
      FLOW5_NOTES['options'],
      SEED_SIMPLIFIES['offerBroadcast'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
