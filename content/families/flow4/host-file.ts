/** Flow 4: write the dnsmasq host file (--dhcp-hostsfile) the DHCP agent keeps for a network. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { DHCP_HOST, dhcpFile, hostnameOf, lines, portsOn, readDhcpFile, tenantNetwork, withMessages } from './_helpers.js';

interface Facts { network: string; networkId: string }

const PORT_NAMES = ['spare', 'vip-port', 'reserved', 'lb-vip', 'keepalived-vip'];

const family = linesFamily<Facts>({
  id: 'f4-host-file',
  flow: 4,
  difficulty: 2,
  compare: 'text',
  label: { en: 'The host file, one line per entry', zh: 'host 文件内容，每行一条' },
  placeholder: 'mac,name,ip',
  title: { en: 'Write the DHCP agent\'s host file', zh: '写出 DHCP agent 的 host 文件' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 3), router: pick.bool() });
    const extra = pick.int(3) === 0 ? [`openstack port create --network ${t.tenants[0]!.network} ${pick.one(PORT_NAMES)}`] : [];
    return { scenario: [...t.lines, ...extra], computes: t.computes };
  },
  facts: (world) => {
    const net = tenantNetwork(world);
    return { network: net.name, networkId: net.id };
  },
  prompt: (w) => ({
    en: `Write the file ${dhcpFile(w.facts.networkId, 'host')} that neutron-dhcp-agent on ${DHCP_HOST} keeps for "${w.facts.network}" (the ML2 dns extension is not enabled).`,
    zh: `请写出 ${DHCP_HOST} 上 neutron-dhcp-agent 为 “${w.facts.network}” 维护的 ${dhcpFile(w.facts.networkId, 'host')} 文件内容（没有启用 ML2 的 dns 扩展）。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c ID -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
    shown(w, DHCP_HOST, `ls ${dhcpFile(w.facts.networkId, 'host').replace(/\/host$/, '')}`),
  ],
  expected: (w) => lines(readDhcpFile(w, w.facts.networkId, 'host')),
  source: (w) => ({ host: DHCP_HOST, command: `cat ${dhcpFile(w.facts.networkId, 'host')}` }),
  hints: () => [
    { en: 'One line per port and fixed IP: three comma-separated fields, MAC first.', zh: '每个端口的每个固定 IP 一行：三个逗号分隔的字段，MAC 在最前面。' },
    { en: 'The name is built from the IP address and the default dns_domain; no trailing dot without the dns extension.', zh: '名字由 IP 地址和默认 dns_domain 拼成；没启用 dns 扩展时末尾没有点。' },
    { en: 'Some device owners never get a DHCP reservation — think about which port answers DHCP itself.', zh: '有些 device_owner 的端口从来不需要 DHCP 预留——想想哪个端口自己就是 DHCP 服务端。' },
  ],
  explain: (w) => {
    const got = lines(readDhcpFile(w, w.facts.networkId, 'host'));
    const ports = portsOn(w, w.facts.networkId);
    const dhcp = ports.find((p) => p.deviceOwner === 'network:dhcp');
    const rif = ports.find((p) => p.deviceOwner === 'network:router_interface');
    const bare = ports.find((p) => p.deviceOwner === '');
    const addn = lines(readDhcpFile(w, w.facts.networkId, 'addn_hosts'))[0] ?? '';
    return paragraphs(
      {
        en: `${dhcpFile(w.facts.networkId, 'host')} holds:\n${got.join('\n')}\nEach line is <mac>,<fqdn>,<ip> (_output_hosts_file): the name is "host-" + the IP with dots as dashes, plus "." + dns_domain (default openstacklocal). ${dhcp ? `The DHCP port ${dhcp.macAddress} is left out: owners network:dhcp, network:floatingip, network:router_ha_interface and network:distributed never need a lease. ` : ''}${rif ? `The router interface ${rif.macAddress} is included like any other port. ` : ''}${bare ? `The port created by hand (${bare.macAddress}, no device owner) gets a line too. ` : ''}dnsmasq reads this file as --dhcp-hostsfile; with "static" ranges only these MAC/IP pairs get leases. With the ML2 dns extension the FQDN comes from the server's dns_assignment and ends with a dot (host-a-b-c-d.openstacklocal.); per-port extra DHCP options append ",set:port-<port id>". The same entries go to addn_hosts as "<ip>\\t<fqdn> <hostname>" (a TAB after the IP, FQDN first so PTR answers carry it), e.g. \`${addn}\`.`,
        zh: `${dhcpFile(w.facts.networkId, 'host')} 的内容：\n${got.join('\n')}\n每行格式是 <mac>,<fqdn>,<ip>（_output_hosts_file）：名字是 “host-” + 把点换成横线的 IP，再加 “.” + dns_domain（默认 openstacklocal）。${dhcp ? `DHCP 端口 ${dhcp.macAddress} 不在里面：owner 为 network:dhcp、network:floatingip、network:router_ha_interface、network:distributed 的端口都不需要租约。` : ''}${rif ? `路由器接口 ${rif.macAddress} 和普通端口一样会写进去。` : ''}${bare ? `手工创建、没有 device_owner 的端口（${bare.macAddress}）也有一行。` : ''}dnsmasq 通过 --dhcp-hostsfile 读这个文件；range 是 static 模式，只有这里列出的 MAC/IP 对才能拿到租约。启用 ML2 dns 扩展后，FQDN 来自 server 下发的 dns_assignment，末尾带点（host-a-b-c-d.openstacklocal.）；端口有额外 DHCP 选项时行尾会加 “,set:port-<端口ID>”。同样的条目也写进 addn_hosts，格式是 “<ip>\\t<fqdn> <hostname>”（IP 后面是 TAB，FQDN 在前，这样 PTR 反查返回 FQDN），例如 \`${addn}\`。`,
      },
      {
        en: 'The seed calls it the file where dnsmasq gets the host IP-MAC mapping: right, but it also carries the hostname, and the agent rewrites it on every port change and sends dnsmasq SIGHUP instead of restarting it.',
        zh: '资料说 dnsmasq 从这个文件获取主机 IP 和 MAC 的对应关系：没错，但文件里还有主机名；而且每次端口变化 agent 都会重写它，并给 dnsmasq 发 SIGHUP，而不是重启 dnsmasq。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});

/** Lines that are not in the file get a reason when there is one to give. */
export default withMessages(family, (item, w): Text | undefined => {
  if (item.verdict !== 'extra') return undefined;
  const [mac, fqdn, ip] = item.given.split(',').map((s) => s.trim().toLowerCase());
  const port = portsOn(w, w.facts.networkId).find((p) => p.macAddress === mac);
  if (port && ['network:dhcp', 'network:floatingip'].includes(port.deviceOwner)) {
    return { en: `\`${item.given}\`: ${mac} is the ${port.deviceOwner} port; the agent never writes a host line for that owner.`, zh: `\`${item.given}\`：${mac} 是 ${port.deviceOwner} 端口，agent 从不给这种 owner 写 host 条目。` };
  }
  if (port && ip && fqdn && fqdn !== `${hostnameOf(ip)}.${w.cloud.config.dnsDomain}`) {
    return { en: `\`${item.given}\`: the name is wrong; the agent writes ${hostnameOf(ip)}.${w.cloud.config.dnsDomain} (no trailing dot without the dns extension).`, zh: `\`${item.given}\`：名字不对，agent 写的是 ${hostnameOf(ip)}.${w.cloud.config.dnsDomain}（没启用 dns 扩展时末尾不带点）。` };
  }
  return undefined;
});
