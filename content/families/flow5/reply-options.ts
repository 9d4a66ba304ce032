/** Flow 5: the values of the DHCP options dnsmasq puts in the OFFER/ACK, read from the real exchange. */
import type { Blank } from '../../kinds/fields.js';
import { bilingualFieldsFamily } from './_fields.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { ValueType } from '../../grading/normalize.js';
import type { Text, World } from '../../types.js';
import { exchangeOf, FLOW5_NOTES, grepShown, optionValue } from './_helpers.js';

interface Facts {
  server: string;
  codes: number[];
}

const OPTIONS: Record<number, { label: Text; type: ValueType; placeholder: string }> = {
  54: { label: { en: 'Option 54, server identifier', zh: '选项 54，server identifier（服务器标识）' }, type: 'ip', placeholder: 'a.b.c.d' },
  51: { label: { en: 'Option 51, lease time (s)', zh: '选项 51，租期（秒）' }, type: 'number', placeholder: 'seconds' },
  58: { label: { en: 'Option 58, renewal time T1 (s)', zh: '选项 58，续租时间 T1（秒）' }, type: 'number', placeholder: 'seconds' },
  59: { label: { en: 'Option 59, rebinding time T2 (s)', zh: '选项 59，重绑定时间 T2（秒）' }, type: 'number', placeholder: 'seconds' },
  1: { label: { en: 'Option 1, subnet mask', zh: '选项 1，子网掩码' }, type: 'ip', placeholder: '255.…' },
  28: { label: { en: 'Option 28, broadcast address', zh: '选项 28，广播地址' }, type: 'ip', placeholder: 'a.b.c.d' },
  12: { label: { en: 'Option 12, hostname', zh: '选项 12，主机名' }, type: 'text', placeholder: 'host-…' },
  15: { label: { en: 'Option 15, domain name', zh: '选项 15，域名' }, type: 'text', placeholder: 'domain' },
  3: { label: { en: 'Option 3, router', zh: '选项 3，默认网关' }, type: 'ip', placeholder: 'a.b.c.d' },
  6: { label: { en: 'Option 6, DNS server(s)', zh: '选项 6，DNS 服务器' }, type: 'text', placeholder: 'a.b.c.d' },
  26: { label: { en: 'Option 26, interface MTU', zh: '选项 26，接口 MTU' }, type: 'number', placeholder: 'bytes' },
};

/** Option 6 is always asked; five more per seed. */
const OPTIONAL = [54, 51, 58, 59, 1, 28, 12, 15, 3, 26];

function whyText(code: number, w: World<Facts>): Text {
  const x = exchangeOf(w);
  const subnet = w.cloud.db.subnets[x.port.fixedIps[0]!.subnetId]!;
  switch (code) {
    case 54: return { en: 'the DHCP port\'s address on this subnet, the one dnsmasq answers from', zh: 'DHCP 端口在该子网上的地址，dnsmasq 就从这个地址应答' };
    case 51: return { en: 'the last field of --dhcp-range (dhcp_lease_duration, 86400 by default)', zh: '--dhcp-range 的最后一段（dhcp_lease_duration，默认 86400）' };
    case 58: return { en: 'dnsmasq\'s default, half the lease; neutron only sets it with dhcp_renewal_time', zh: 'dnsmasq 的默认值，租期的一半；只有配置了 dhcp_renewal_time 时 neutron 才下发' };
    case 59: return { en: 'dnsmasq\'s default, 7/8 of the lease; neutron only sets it with dhcp_rebinding_time', zh: 'dnsmasq 的默认值，租期的 7/8；只有配置了 dhcp_rebinding_time 时 neutron 才下发' };
    case 1: return { en: `the netmask of --dhcp-range for ${subnet.cidr}`, zh: `--dhcp-range 里 ${subnet.cidr} 的掩码` };
    case 28: return { en: `the broadcast address of ${subnet.cidr}`, zh: `${subnet.cidr} 的广播地址` };
    case 12: return { en: 'the first label of the host-file FQDN: host- plus the IP with dashes', zh: 'host 文件里 FQDN 的第一段：host- 加上把点换成横线的 IP' };
    case 15: return { en: 'from --domain (dns_domain, openstacklocal by default)', zh: '来自 --domain（dns_domain，默认 openstacklocal）' };
    case 3: return { en: 'option:router in opts, the subnet\'s gateway_ip', zh: 'opts 里的 option:router，即子网的 gateway_ip' };
    case 6: return subnet.dnsNameservers.length
      ? { en: 'the subnet\'s dns_nameservers, written as option:dns-server in opts', zh: '子网的 dns_nameservers，写在 opts 的 option:dns-server 里' }
      : { en: 'the subnet has no dns_nameservers, so opts has no dns-server line and dnsmasq offers itself: the DHCP port\'s address', zh: '子网没配 dns_nameservers，opts 里没有 dns-server 这一行，dnsmasq 就把自己（DHCP 端口地址）作为 DNS 下发' };
    case 26: return { en: 'the network MTU, forced with --dhcp-option-force=option:mtu on the dnsmasq command line', zh: '网络 MTU，由 dnsmasq 命令行的 --dhcp-option-force=option:mtu 强制下发' };
    default: return { en: '', zh: '' };
  }
}

export default bilingualFieldsFamily<Facts>({
  id: 'f5-reply-options',
  flow: 5,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'Fill in the options of the DHCPOFFER', zh: '填出 DHCPOFFER 里的选项值' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    return { server: server.name, codes: [6, ...pick.some(OPTIONAL, 5)] };
  },
  prompt: (w) => ({
    en: `dnsmasq answers "${w.facts.server}"'s DHCPDISCOVER with a DHCPOFFER. From what neutron configured (below), give the value of each option it carries, as tcpdump -vv would show it.`,
    zh: `dnsmasq 用 DHCPOFFER 应答 “${w.facts.server}” 的 DHCPDISCOVER。请根据下面 neutron 的配置，写出这个 OFFER 里各个选项的值（按 tcpdump -vv 显示的样子）。`,
  }),
  context: (w) => {
    const x = exchangeOf(w);
    const subnet = w.cloud.db.subnets[x.port.fixedIps[0]!.subnetId]!;
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c "MAC Address" -c "Fixed IP Addresses"`),
      shown(w, 'controller', `openstack subnet show ${subnet.name} -c cidr -c gateway_ip -c dns_nameservers -c enable_dhcp`),
      shown(w, 'controller', `openstack port list --network ${w.cloud.db.networks[subnet.networkId]!.name} --device-owner network:dhcp -c ID -c "Fixed IP Addresses"`),
      grepShown(w, 'controller', 'ps -eo user,args', subnet.networkId),
    ];
  },
  blanks: (w) => {
    const x = exchangeOf(w);
    const net = x.port.networkId;
    const dir = names.dhcpConfDir(net);
    const ps = { host: 'controller', command: 'ps -eo user,args' };
    const sources: Record<number, { host: string; command: string }> = {
      54: { host: 'controller', command: `ip netns exec ${names.dhcpNamespace(net)} ip addr show ${names.dhcpDeviceName(x.dhcpPort.id)}` },
      51: ps, 58: ps, 59: ps, 1: ps, 28: ps, 26: ps, 15: ps,
      12: { host: 'controller', command: `cat ${dir}/host` },
      3: { host: 'controller', command: `cat ${dir}/opts` },
      6: { host: 'controller', command: `cat ${dir}/opts` },
    };
    return [...w.facts.codes].sort((a, b) => x.offer.options.findIndex((o) => o.includes(`(${a})`)) - x.offer.options.findIndex((o) => o.includes(`(${b})`))).map((code): Blank => {
      const o = OPTIONS[code]!;
      const expected = optionValue(x.offer, code)!;
      return {
        id: `o${code}`, label: o.label, type: o.type, expected, placeholder: o.placeholder, source: sources[code]!,
        ...(code === 6 ? { alternatives: [expected.replace(/, /g, ',')] } : {}),
      };
    });
  },
  whyWrong: (w, blank) => {
    const why = whyText(Number(blank.id.slice(1)), w);
    return why.en ? { en: `Why: ${why.en}.`, zh: `原因：${why.zh}。` } : undefined;
  },
  hints: () => [
    { en: 'Not every value is written by neutron: some are dnsmasq defaults derived from the lease time.', zh: '不是每个值都是 neutron 写的：有些是 dnsmasq 根据租期自己算出来的默认值。' },
    { en: 'When the subnet has no DNS servers, dnsmasq names a server it knows very well.', zh: '子网没有配 DNS 服务器时，dnsmasq 会下发一个它再熟悉不过的地址。' },
    { en: 'The MTU and the lease come from the dnsmasq command line, not from the opts file.', zh: 'MTU 和租期来自 dnsmasq 的命令行，而不是 opts 文件。' },
  ],
  explain: (w) => {
    const x = exchangeOf(w);
    const rows = w.facts.codes.map((c) => ({ c, v: optionValue(x.offer, c)!, why: whyText(c, w) }));
    return paragraphs(
      {
        en: `The OFFER to ${x.port.macAddress} (${names.dhcpDeviceName(x.dhcpPort.id)} answering from ${x.offer.ipSrc}) carries, in dnsmasq's order: ${x.offer.options.join('; ')}.\n${rows.map((r) => `- ${r.c} = ${r.v}: ${r.why.en}.`).join('\n')}`,
        zh: `发给 ${x.port.macAddress} 的 OFFER（由 ${names.dhcpDeviceName(x.dhcpPort.id)} 从 ${x.offer.ipSrc} 发出）按 dnsmasq 的顺序带有：${x.offer.options.join('；')}。\n${rows.map((r) => `- ${r.c} = ${r.v}：${r.why.zh}。`).join('\n')}`,
      },
      FLOW5_NOTES['options'],
      SEED_SIMPLIFIES['offerBroadcast'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
