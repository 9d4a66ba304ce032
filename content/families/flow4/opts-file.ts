/** Flow 4: write a subnet's lines of the dnsmasq opts file (dns-server, classless routes 121/249, router). */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, Text, World } from '../../types.js';
import { broadcastOf, cidrParts, formatIp } from '../../../engine/core/ip.js';
import { isIsolated } from '../../../engine/agents/dnsmasq.js';
import { DHCP_HOST, dhcpFile, lines, readDhcpFile, subnetsOfNet, tenantNetwork, withMessages } from './_helpers.js';

interface Facts { network: string; networkId: string; subnet: string; subnetId: string; subnets: number }

function expected(w: World<Facts>): string[] {
  return lines(readDhcpFile(w, w.facts.networkId, 'opts')).filter((l) => l.startsWith(`tag:subnet-${w.facts.subnetId},`));
}

const family = linesFamily<Facts>({
  id: 'f4-opts-file',
  flow: 4,
  difficulty: 3,
  compare: 'text',
  label: { en: 'The opts lines for this subnet, one per line, in dnsmasq\'s tag:…,option:…,value form', zh: '这个子网在 opts 里的行，每行一条，格式 tag:…,option:…,值' },
  placeholder: 'tag:subnet-<id>,option:…',
  title: { en: 'Write a subnet\'s lines in the DHCP opts file', zh: '写出子网在 DHCP opts 文件里的行' },
  setup: (pick) => {
    const router = pick.bool();
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(0, 1), router, secondSubnet: pick.int(3) === 0 });
    const first = t.tenants[0]!;
    const { network, prefix } = cidrParts(first.cidr);
    const extra: string[] = [];
    // A third of the seeds add a host route through an appliance near the top of the subnet.
    if (pick.int(3) === 0) extra.push(`--host-route destination=10.${pick.between(100, 199)}.0.0/16,gateway=${formatIp(broadcastOf(network, prefix) - 1)}`);
    // Without a router, some subnets have no gateway at all.
    const noGateway = !router && pick.int(3) === 0;
    const scenario = t.lines.map((l) => {
      if (!l.startsWith(`openstack subnet create --network ${first.network} `) || !l.endsWith(` ${first.subnet}`)) return l;
      let out = l;
      if (noGateway) out = out.replace(`--gateway ${first.gateway}`, '--gateway none');
      if (extra.length) out = out.replace(' --subnet-range', ` ${extra.join(' ')} --subnet-range`);
      return out;
    });
    return { scenario, computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const subnets = subnetsOfNet(world, net.id).filter((s) => s.enableDhcp);
    // Mostly the first subnet (the one that may have a router, routes, no gateway); sometimes the second.
    const subnet = subnets.length > 1 && pick.int(3) === 0 ? subnets[1]! : subnets[0]!;
    return { network: net.name, networkId: net.id, subnet: subnet.name, subnetId: subnet.id, subnets: subnets.length };
  },
  prompt: (w) => ({
    en: `Write the lines that neutron-dhcp-agent puts in ${dhcpFile(w.facts.networkId, 'opts')} for subnet "${w.facts.subnet}" (defaults: enable_isolated_metadata = False, force_metadata = False).`,
    zh: `请写出 neutron-dhcp-agent 在 ${dhcpFile(w.facts.networkId, 'opts')} 里为子网 “${w.facts.subnet}” 写的那几行（默认配置：enable_isolated_metadata = False，force_metadata = False）。`,
  }),
  context: (w) => {
    const out: Shown[] = [
      shown(w, 'controller', `openstack subnet show ${w.facts.subnet} -c id -c cidr -c gateway_ip -c dns_nameservers -c host_routes`),
    ];
    if (w.facts.subnets > 1) out.push(shown(w, 'controller', `openstack subnet list --network ${w.facts.network} -c ID -c Name -c Subnet`));
    out.push(shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c "Fixed IP Addresses" -c "Device Owner"`));
    return out;
  },
  expected,
  source: (w) => ({ host: DHCP_HOST, command: `cat ${dhcpFile(w.facts.networkId, 'opts')}` }),
  hints: () => [
    { en: 'Every line starts with the subnet\'s tag, tag:subnet-<subnet id>; options are named (option:dns-server, option:router…) except one that only has a number.', zh: '每行以子网的 tag 开头：tag:subnet-<子网ID>；选项都用名字（option:dns-server、option:router…），只有一个只写编号。' },
    { en: 'Order per subnet: DNS servers (only if the subnet has some), classless static routes twice (121 by name, then as 249), then the router.', zh: '每个子网的顺序：DNS 服务器（子网配了才有）、无类静态路由写两遍（先用名字写 121，再用编号 249）、最后是 router。' },
    { en: 'Routes come from host_routes, other subnets of the network (on-link, next hop 0.0.0.0) and 169.254.169.254/32 via the gateway only when a router port owns that gateway; if any route exists, 0.0.0.0/0 via the gateway closes the list.', zh: '路由来自 host_routes、同网络的其他子网（直连，下一跳 0.0.0.0），以及只有当路由器端口占有网关地址时才加的 169.254.169.254/32 经网关；只要有路由，最后再补一条 0.0.0.0/0 经网关。' },
  ],
  explain: (w) => {
    const subnet = w.cloud.db.subnets[w.facts.subnetId]!;
    const isolated = isIsolated(w.cloud.db, subnet);
    const got = expected(w);
    const whole = readDhcpFile(w, w.facts.networkId, 'opts');
    return paragraphs(
      {
        en: `For ${w.facts.subnet} (${subnet.cidr}) the agent wrote:\n${got.join('\n')}\n${subnet.dnsNameservers.length ? `dns-server comes from dns_nameservers (${subnet.dnsNameservers.join(', ')}).` : 'The subnet has no dns_nameservers, so there is no dns-server line and dnsmasq offers its own address (the DHCP port) as DNS server.'} ${isolated ? `No router interface owns ${subnet.gatewayIp ?? 'a gateway'}: the subnet is "isolated", so there is no metadata route (it would go via the DHCP port only with enable_isolated_metadata or force_metadata).` : `A router interface owns the gateway ${subnet.gatewayIp}, so the agent adds 169.254.169.254/32 via it: cloud-init's metadata requests go to the router, where the metadata proxy listens (9697).`} Routes are written twice — option:classless-static-route (121) and 249 for old Microsoft clients — and when there is any, 0.0.0.0/0 via the gateway is appended because RFC 3442 clients ignore option 3 when 121 is present. ${subnet.gatewayIp ? `option:router,${subnet.gatewayIp} comes last.` : 'With no gateway the agent writes a bare option:router, which tells dnsmasq to send no router option at all.'} The agent joins the lines with \\n and writes no final newline${whole.endsWith('\\n') ? '' : ' (cat shows the shell prompt right after the last line)'}. The MTU is not in opts: it is --dhcp-option-force=option:mtu on the dnsmasq command line.`,
        zh: `子网 ${w.facts.subnet}（${subnet.cidr}）的内容：\n${got.join('\n')}\n${subnet.dnsNameservers.length ? `dns-server 来自子网的 dns_nameservers（${subnet.dnsNameservers.join('、')}）。` : '子网没有配置 dns_nameservers，所以没有 dns-server 这一行，dnsmasq 会把自己的地址（DHCP 端口）作为 DNS 服务器发给虚拟机。'}${isolated ? `没有路由器接口占有${subnet.gatewayIp ? `网关 ${subnet.gatewayIp}` : '网关'}，子网属于“隔离子网”，所以没有元数据路由（只有开了 enable_isolated_metadata 或 force_metadata 才会加，下一跳是 DHCP 端口）。` : `路由器接口占有网关 ${subnet.gatewayIp}，所以 agent 加了经它到 169.254.169.254/32 的路由：cloud-init 的元数据请求发给路由器，由那里的 metadata proxy（9697）处理。`}路由写两遍——option:classless-static-route（121）和给老 Windows 客户端的 249——只要有路由，最后都要补 0.0.0.0/0 经网关，因为按 RFC 3442，带了 121 的客户端会忽略选项 3。${subnet.gatewayIp ? `最后一行是 option:router,${subnet.gatewayIp}。` : '没有网关时写的是不带值的 option:router，意思是让 dnsmasq 根本不发 router 选项。'}agent 用 \\n 连接各行，最后一行后面没有换行${whole.endsWith('\\n') ? '' : '（cat 之后 shell 提示符会紧跟在最后一行后面）'}。MTU 不在 opts 里，而是在 dnsmasq 命令行的 --dhcp-option-force=option:mtu。`,
      },
      {
        en: 'Then vs now: before Ussuri the tag was the subnet\'s position (tag0, tag1…), which broke when subnets were added or removed; since Ussuri it is subnet-<uuid>. The metadata route for router-attached subnets exists since Liberty.',
        zh: '当年与现在：Ussuri 之前 tag 是子网的序号（tag0、tag1…），子网增删时会对不上；Ussuri 起改成 subnet-<uuid>。路由器子网的元数据路由从 Liberty 开始就有。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});

/** Common slips on opts lines, explained. */
export default withMessages(family, (item, w): Text | undefined => {
  if (item.verdict !== 'extra') return undefined;
  const g = item.given.toLowerCase();
  const subnet = w.cloud.db.subnets[w.facts.subnetId]!;
  if (/mtu|,26,/.test(g)) return { en: `\`${item.given}\`: the MTU is not in opts; neutron passes it as --dhcp-option-force=option:mtu,<mtu> on dnsmasq's command line.`, zh: `\`${item.given}\`：MTU 不在 opts 里，neutron 是在 dnsmasq 命令行上用 --dhcp-option-force=option:mtu,<mtu> 传的。` };
  if (/tag:?\d|set:tag|tag0/.test(g)) return { en: `\`${item.given}\`: tag0/tag1 are the pre-Ussuri tags; 2024.1 writes tag:subnet-${w.facts.subnetId}.`, zh: `\`${item.given}\`：tag0/tag1 是 Ussuri 之前的写法，2024.1 写的是 tag:subnet-${w.facts.subnetId}。` };
  if (g.includes('169.254.169.254') && isIsolated(w.cloud.db, subnet)) return { en: `\`${item.given}\`: no router port owns this subnet's gateway, so with the defaults there is no metadata route.`, zh: `\`${item.given}\`：这个子网的网关没有被路由器端口占用，默认配置下没有元数据路由。` };
  if (g.includes('dns-server') && !subnet.dnsNameservers.length) return { en: `\`${item.given}\`: the subnet has no dns_nameservers, so there is no dns-server line (dnsmasq then offers itself).`, zh: `\`${item.given}\`：子网没有 dns_nameservers，所以没有 dns-server 这一行（dnsmasq 会把自己作为 DNS）。` };
  if (!g.startsWith(`tag:subnet-${w.facts.subnetId}`)) return { en: `\`${item.given}\`: every line for this subnet starts with tag:subnet-${w.facts.subnetId},`, zh: `\`${item.given}\`：这个子网的每一行都以 tag:subnet-${w.facts.subnetId}, 开头。` };
  return undefined;
});
