/** Flow 4: which ports get a reservation in one network's host file (excluded owners, router ports included, one directory per network). */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import type { Port } from '../../../engine/core/types.js';
import { DHCP_HOST, dhcpFile, readDhcpFile } from './_helpers.js';

interface Facts { network: string; networkId: string; other: string; otherId: string }

function optionText(w: World<Facts>, p: Port): string {
  return `${p.fixedIps[0]?.ipAddress ?? '-'} ${p.macAddress} ${p.deviceOwner || '(no owner)'} @ ${w.cloud.db.networks[p.networkId]!.name}`;
}

/** The target network's ports, and the other network's, in creation order. */
function candidates(w: World<Facts>): Port[] {
  const ports = Object.values(w.cloud.db.ports);
  const own = ports.filter((p) => p.networkId === w.facts.networkId);
  const other = ports.filter((p) => p.networkId === w.facts.otherId && p.deviceOwner !== 'network:dhcp').slice(0, 2);
  return [...own, ...other];
}

function inHostFile(w: World<Facts>, p: Port): boolean {
  return readDhcpFile(w, w.facts.networkId, 'host').split('\n').some((l) => l.startsWith(`${p.macAddress},`));
}

function why(w: World<Facts>, p: Port): Text {
  if (p.networkId !== w.facts.networkId) {
    return { en: `${p.macAddress} is a port of ${w.facts.other}; its line (if any) is in ${w.facts.other}'s own directory, /var/lib/neutron/dhcp/${w.facts.otherId}/.`, zh: `${p.macAddress} 是 ${w.facts.other} 上的端口；即使有条目，也在 ${w.facts.other} 自己的目录 /var/lib/neutron/dhcp/${w.facts.otherId}/ 里。` };
  }
  if (p.deviceOwner === 'network:dhcp') return { en: `${p.macAddress} is the DHCP port itself (dnsmasq's own ns- device); network:dhcp is excluded.`, zh: `${p.macAddress} 就是 DHCP 端口本身（dnsmasq 自己的 ns- 设备），network:dhcp 被排除。` };
  if (p.deviceOwner === 'network:floatingip') return { en: `${p.macAddress} only reserves the floating address; no NIC ever asks DHCP for it, so network:floatingip is excluded.`, zh: `${p.macAddress} 只是占住浮动 IP 地址，不会有网卡用它来请求 DHCP，所以 network:floatingip 被排除。` };
  return { en: `${p.macAddress} (${p.deviceOwner || 'no owner'}) does have a line.`, zh: `${p.macAddress}（${p.deviceOwner || '无 owner'}）是有条目的。` };
}

export default choiceFamily<Facts>({
  id: 'f4-host-owners',
  flow: 4,
  difficulty: 2,
  multiple: true,
  title: { en: 'Which ports get a line in the host file', zh: '哪些端口会写进 host 文件' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), fips: 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const nets = Object.values(world.cloud.db.networks);
    const [target, other] = pick.bool() ? [nets.find((n) => n.external)!, nets.find((n) => !n.external)!] : [nets.find((n) => !n.external)!, nets.find((n) => n.external)!];
    return { network: target.name, networkId: target.id, other: other.name, otherId: other.id };
  },
  prompt: (w) => ({
    en: `Below are the ports of this cloud (IP, MAC, device owner @ network). Which of them have a line in ${dhcpFile(w.facts.networkId, 'host')}, the dnsmasq host file of "${w.facts.network}"?`,
    zh: `下面是这个环境里的端口（IP、MAC、device owner @ 网络）。其中哪些在 “${w.facts.network}” 的 dnsmasq host 文件 ${dhcpFile(w.facts.networkId, 'host')} 里有一行？`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack network list -c ID -c Name'),
    shown(w, 'controller', 'openstack floating ip list -c "Floating IP Address" -c "Fixed IP Address"'),
  ],
  options: (w) => {
    const all = candidates(w);
    return { right: all.filter((p) => inHostFile(w, p)).map((p) => optionText(w, p)), wrong: all.filter((p) => !inHostFile(w, p)).map((p) => optionText(w, p)) };
  },
  whyWrong: (w, option) => {
    const p = candidates(w).find((x) => optionText(w, x) === option);
    return p ? why(w, p) : undefined;
  },
  hints: () => [
    { en: 'Each network has its own directory and its own dnsmasq; a port only appears in the files of its own network.', zh: '每个网络有自己的目录和自己的 dnsmasq；端口只会出现在它所属网络的文件里。' },
    { en: 'A port needs a reservation only if some NIC behind it might send DHCPDISCOVER.', zh: '只有背后可能有网卡发 DHCPDISCOVER 的端口才需要预留。' },
    { en: 'Four owners are excluded (port_requires_dhcp_configuration): the DHCP port, the floating IP, HA router and distributed ports. Router ports are not among them.', zh: '被排除的 owner 有四种（port_requires_dhcp_configuration）：DHCP 端口、浮动 IP、HA 路由器端口和 distributed 端口。路由器端口不在其中。' },
  ],
  explain: (w) => {
    const host = readDhcpFile(w, w.facts.networkId, 'host').trimEnd();
    return paragraphs(
      {
        en: `${dhcpFile(w.facts.networkId, 'host')}:\n${host}\nThe agent writes one line per fixed IP of every port of ${w.facts.network}, except network:dhcp, network:floatingip, network:router_ha_interface and network:distributed (port_requires_dhcp_configuration). Router ports — network:router_interface and the gateway port network:router_gateway on an external network — are included, so the router's MAC/IP pair is known to dnsmasq and its name resolves. Ports of ${w.facts.other} live in /var/lib/neutron/dhcp/${w.facts.otherId}/, served by a different dnsmasq in another qdhcp namespace.`,
        zh: `${dhcpFile(w.facts.networkId, 'host')}：\n${host}\nagent 给 ${w.facts.network} 上每个端口的每个固定 IP 写一行，但排除 network:dhcp、network:floatingip、network:router_ha_interface、network:distributed（port_requires_dhcp_configuration）。路由器端口——network:router_interface，以及外部网络上的网关端口 network:router_gateway——都会写进去，所以 dnsmasq 知道路由器的 MAC/IP，主机名也能解析。${w.facts.other} 的端口在 /var/lib/neutron/dhcp/${w.facts.otherId}/ 里，由另一个 qdhcp 命名空间里的另一个 dnsmasq 负责。`,
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
