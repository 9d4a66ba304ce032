/** Flow 5: after the ACK, the line dnsmasq keeps in its lease database for the instance. */
import { bilingualFieldsFamily } from './_fields.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { exchangeOf, FLOW5_NOTES, type InstanceFacts, leaseLine, leaseSeconds, optionValue } from './_helpers.js';

function lease(w: World<InstanceFacts>) {
  const x = exchangeOf(w);
  const line = leaseLine(w, x.port.networkId, x.port.macAddress);
  if (!line) throw new Error(`no lease line for ${x.port.macAddress}`);
  return { x, line, seconds: leaseSeconds(w, x.port.networkId), path: `${names.dhcpConfDir(x.port.networkId)}/leases` };
}

export default bilingualFieldsFamily<InstanceFacts>({
  id: 'f5-lease-entry',
  flow: 5,
  difficulty: 2,
  title: { en: 'The lease dnsmasq records after the ACK', zh: 'ACK 之后 dnsmasq 记下的租约' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => ({
    en: `"${w.facts.server}" has just received its DHCPACK. dnsmasq records the lease as one line "<expiry> <mac> <ip> <hostname> <client-id>". Where is that file, how far in the future is the expiry (seconds after the ACK), and what are the hostname and client-id fields of the instance's line?`,
    zh: `“${w.facts.server}” 刚收到 DHCPACK。dnsmasq 会把租约记成一行 “<到期时间> <mac> <ip> <主机名> <client-id>”。这个文件在哪里？到期时间比 ACK 晚多少秒？这台实例那一行的主机名和 client-id 两个字段分别是什么？`,
  }),
  context: (w) => {
    const x = exchangeOf(w);
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
      shown(w, 'controller', `ls ${names.dhcpConfDir(x.port.networkId)}`),
      shown(w, 'controller', `cat ${names.dhcpConfDir(x.port.networkId)}/host`),
      { host: w.facts.server, command: 'tcpdump -ni eth0 -vv -c 1 udp port 67', output: `${x.discover.ethSrc} > ${x.discover.ethDst}, ${x.discover.ipSrc}.68 > ${x.discover.ipDst}.67: BOOTP/DHCP, Request from ${x.discover.ethSrc}, Flags [none]\n${x.discover.options.map((o) => `    ${o}`).join('\n')}\n` },
    ];
  },
  blanks: (w) => {
    const { line, seconds, path } = lease(w);
    const src = { host: 'controller', command: `cat ${path}` };
    return [
      { id: 'path', label: { en: 'Lease file (full path)', zh: '租约文件（完整路径）' }, type: 'path', expected: path, placeholder: '/var/lib/neutron/dhcp/…', source: { host: 'controller', command: 'ps -eo user,args' } },
      { id: 'seconds', label: { en: 'Expiry minus the time of the ACK (s)', zh: '到期时间减去 ACK 的时间（秒）' }, type: 'number', expected: String(seconds), placeholder: 'seconds', source: { host: 'controller', command: 'ps -eo user,args' } },
      { id: 'hostname', label: { en: 'Hostname field', zh: '主机名字段' }, type: 'text', expected: line.hostname, placeholder: 'host-…', source: src },
      { id: 'clientid', label: { en: 'Client-id field', zh: 'client-id 字段' }, type: 'mac', expected: line.clientId, placeholder: '…', source: src },
    ];
  },
  whyWrong: (w, blank, given) => {
    const { line } = lease(w);
    const g = given.toLowerCase();
    if (blank.id === 'clientid' && g === line.mac) return { en: 'dnsmasq stores option 61 exactly as udhcpc sent it: the hardware type 01 (Ethernet) first, then the MAC.', zh: 'dnsmasq 按 udhcpc 发来的原样保存选项 61：先是硬件类型 01（以太网），再跟 MAC。' };
    if (blank.id === 'clientid' && g === '*') return { en: '"*" is what the agent seeds before any DHCP exchange; after the ACK dnsmasq writes the client-id it received.', zh: '“*” 是 agent 在还没有任何 DHCP 交互时写的种子值；ACK 之后 dnsmasq 会写上收到的 client-id。' };
    if (blank.id === 'hostname' && g.startsWith(`${line.hostname}.`)) return { en: 'The lease keeps only the hostname, not the FQDN with the domain.', zh: '租约里只记主机名，不带域名。' };
    if (blank.id === 'seconds' && g === String(leaseSeconds(w, exchangeOf(w).port.networkId) / 2)) return { en: 'That is T1, when the client starts renewing; the expiry is the full lease.', zh: '那是 T1，客户端开始续租的时间；到期时间是完整的租期。' };
    return undefined;
  },
  hints: () => [
    { en: 'dnsmasq is started with --dhcp-leasefile pointing into the network\'s DHCP directory.', zh: 'dnsmasq 启动参数里的 --dhcp-leasefile 指向这个网络的 DHCP 目录。' },
    { en: 'The expiry is the ACK time plus the lease time of the subnet\'s --dhcp-range.', zh: '到期时间就是 ACK 时间加上该子网 --dhcp-range 上的租期。' },
    { en: 'udhcpc sends option 61 as hardware type + MAC; dnsmasq writes it in hex with colons.', zh: 'udhcpc 的选项 61 是“硬件类型 + MAC”，dnsmasq 会用带冒号的十六进制写出来。' },
  ],
  explain: (w) => {
    const { x, line, seconds, path } = lease(w);
    return paragraphs(
      {
        en: `${path} now holds \`${line.expiry} ${line.mac} ${line.ip} ${line.hostname} ${line.clientId}\`. The expiry is the ACK time + ${seconds} s (the lease on --dhcp-range, option 51 = ${optionValue(x.ack, 51)}); the hostname is the first label of the host-file name; the client-id is option 61 as udhcpc sent it, "01" (ARP hardware type 1, Ethernet) followed by the MAC. When the DHCP agent first started dnsmasq it seeded this file with "<expiry> <mac> <ip> * *" lines for the ports it already knew, so that a restarted dnsmasq does not NAK clients that still hold a lease; from then on the file belongs to dnsmasq, which keeps it across the SIGHUPs the agent sends on every port change.`,
        zh: `${path} 里现在有 \`${line.expiry} ${line.mac} ${line.ip} ${line.hostname} ${line.clientId}\`。到期时间 = ACK 时间 + ${seconds} 秒（--dhcp-range 上的租期，选项 51 = ${optionValue(x.ack, 51)}）；主机名是 host 文件里名字的第一段；client-id 就是 udhcpc 发来的选项 61：“01”（ARP 硬件类型 1，以太网）后面跟 MAC。DHCP agent 第一次拉起 dnsmasq 时，会先给已知端口写入 “<到期> <mac> <ip> * *” 这样的种子行，免得 dnsmasq 重启后给仍持有租约的客户端回 NAK；之后这个文件就归 dnsmasq 管，agent 每次端口变更发 SIGHUP，它也不会丢。`,
      },
      FLOW5_NOTES['static'],
      {
        en: 'The seed ends the exchange at the ACK and never mentions the lease database; interviewers who ask "how do you check which address a VM really got" expect this file (and `openstack port show` for what neutron intended).',
        zh: '资料里流程到 ACK 就结束了，没提租约库；面试官问“怎么确认虚拟机实际拿到了哪个地址”时，想听的就是这个文件（以及用 `openstack port show` 看 neutron 分配的地址）。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
