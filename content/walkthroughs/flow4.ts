/** Flow 4, the DHCP agent's files: /var/lib/neutron/dhcp/<network>/ and the dnsmasq command line that reads them. */
import { names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { dhcpPort, firstSubnet, type FlowGuide, sh, subjectOf, text } from './guide.js';
import { flowTrace } from '../../engine/flows/trace.js';

const guide: FlowGuide = {
  summary: text(
    'The DHCP agent keeps one directory per network, /var/lib/neutron/dhcp/<network UUID>/, and runs one dnsmasq per network inside qdhcp-<network UUID>. host, addn_hosts and opts are rewritten on every port change and dnsmasq is sent SIGHUP; leases belongs to dnsmasq once it runs, and interface only records the ns- device name.',
    'DHCP agent 为每个网络维护一个目录 /var/lib/neutron/dhcp/<网络UUID>/，并在 qdhcp-<网络UUID> 里为每个网络跑一个 dnsmasq。端口一有变化，host、addn_hosts、opts 就会被重写，然后给 dnsmasq 发 SIGHUP；dnsmasq 运行起来以后 leases 就归它自己管，interface 只是记录 ns- 设备名。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const net = cloud.db.networks[subjectOf(cloud, 4)]!;
    const subnet = firstSubnet(cloud, net);
    const port = dhcpPort(cloud, net);
    const dir = names.dhcpConfDir(net.id);
    const cat = (file: string) => sh(cloud, 'controller', `cat ${dir}/${file}`);
    const hostLines = cat('host').split('\n').filter(Boolean);
    const opts = cat('opts').split('\n').filter(Boolean);
    const leases = cat('leases').split('\n').filter(Boolean);
    const pid = cat('pid').trim();
    const iface = cat('interface');
    const routed = Object.values(cloud.db.ports).some((p) => p.deviceOwner === 'network:router_interface' && p.fixedIps.some((f) => f.subnetId === subnet.id));
    const args = sh(cloud, 'controller', 'ps -eo user,args').split('\n').find((l) => l.includes(`--pid-file=${dir}/pid`))!.split(' ');
    const arg = (prefix: string) => args.find((a) => a.startsWith(prefix))!;
    const reloads = flowTrace(cloud, 4).filter((s) => s.message === 'reload_allocations').length;
    const optsNote = routed
      ? text(
          `A router port owns the gateway ${subnet.gatewayIp}, so the agent adds the metadata route 169.254.169.254/32 via the gateway, then 0.0.0.0/0 via the gateway, in option 121 (classless-static-route) and again as 249.`,
          `路由器端口占着网关 ${subnet.gatewayIp}，所以 agent 在选项 121（classless-static-route）里写入经网关到 169.254.169.254/32 的元数据路由，再加一条经网关的 0.0.0.0/0，并用 249 再写一遍。`,
        )
      : text(
          'No router port owns the gateway and there are no host routes, so there is no classless-static-route line (and no 249).',
          '网关地址没有被路由器端口占用，也没有主机路由，所以没有 classless-static-route 这一行（也没有 249）。',
        );
    const dnsNote = subnet.dnsNameservers.length
      ? text(`The dns-server line comes from the subnet's dns_nameservers (${subnet.dnsNameservers.join(', ')}).`, `dns-server 这一行来自子网的 dns_nameservers（${subnet.dnsNameservers.join(', ')}）。`)
      : text('The subnet has no dns_nameservers, so there is no dns-server line and dnsmasq offers itself as the DNS server.', '子网没有配 dns_nameservers，所以没有 dns-server 这一行，dnsmasq 会把自己作为 DNS 服务器下发。');
    return [
      text(
        `One directory per network this agent serves: ${dir}/ ($state_path/dhcp/<network UUID>). It holds host, addn_hosts, opts, leases, interface and pid, and nothing else: there is no dnsmasq.conf, the command line says --conf-file=/dev/null.`,
        `这个 agent 服务的每个网络各有一个目录：${dir}/（$state_path/dhcp/<网络UUID>）。里面有 host、addn_hosts、opts、leases、interface 和 pid，没有别的：没有 dnsmasq.conf，命令行里是 --conf-file=/dev/null。`,
      ),
      text(
        `host: one \`<mac>,<fqdn>,<ip>\` line per port address, here ${hostLines.map((l) => `\`${l}\``).join(', ')}. The name is host-<IP with dashes>.openstacklocal. Router interface ports are listed; the DHCP port itself and floating-IP ports never are.`,
        `host：每个端口地址一行 \`<mac>,<fqdn>,<ip>\`，本例是 ${hostLines.map((l) => `\`${l}\``).join('、')}。主机名是 host-<用短横线连接的IP>.openstacklocal。路由器接口端口会列进来，DHCP 端口自己和浮动 IP 端口永远不会。`,
      ),
      text(
        'addn_hosts: the same addresses for DNS, one line each: the IP, a TAB, the FQDN and then the short host-… name (FQDN first, so reverse lookups answer with it).',
        'addn_hosts：同样这些地址，给 DNS 用，每行是 IP、一个 TAB、FQDN，再跟短名 host-…（FQDN 放前面，反向解析时返回的就是它）。',
      ),
      text(
        `opts: DHCP options per subnet, keyed by tag:subnet-<subnet UUID> (the tag that --dhcp-range sets), with no newline after the last line. Here: ${opts.map((l) => `\`${l}\``).join(', ')}. ${dnsNote.en} ${optsNote.en}`,
        `opts：按子网区分的 DHCP 选项，用 tag:subnet-<子网UUID> 来匹配（就是 --dhcp-range 设置的那个 tag），最后一行后面没有换行。本例：${opts.map((l) => `\`${l}\``).join('、')}。${dnsNote.zh}${optsNote.zh}`,
      ),
      text(
        `leases: the agent writes it once before starting dnsmasq (\`<expiry> <mac> <ip> * *\` per known host); after that dnsmasq owns it${leases[0] ? `; here, after the guest's DHCP exchange, it holds \`${leases[0]}\`` : ''}. interface holds \`${iface}\` with no trailing newline: only the agent reads it back after a restart. pid holds dnsmasq's pid, ${pid}.`,
        `leases：agent 在启动 dnsmasq 之前写一次（每个已知主机一行 \`<到期时间> <mac> <ip> * *\`），之后就归 dnsmasq 管${leases[0] ? `；本例中虚拟机完成 DHCP 之后，里面是 \`${leases[0]}\`` : ''}。interface 里是 \`${iface}\`，末尾没有换行，只有 agent 重启后自己会读它。pid 里是 dnsmasq 的进程号 ${pid}。`,
      ),
      text(
        `dnsmasq runs as nobody inside ${names.dhcpNamespace(net.id)} and gets everything on its command line (\`ps -eo user,args\`): \`${arg('--dhcp-range=')}\`, \`${arg('--dhcp-option-force=option:mtu,')}\` (option 26), \`${arg('--dhcp-lease-max=')}\`, \`--local-service --bind-dynamic\`, \`--conf-file=/dev/null\`, \`--domain=openstacklocal\`, plus --dhcp-hostsfile, --addn-hosts, --dhcp-optsfile and --dhcp-leasefile pointing into ${dir}/.`,
        `dnsmasq 以 nobody 身份跑在 ${names.dhcpNamespace(net.id)} 里，参数全在命令行上（\`ps -eo user,args\`）：\`${arg('--dhcp-range=')}\`、\`${arg('--dhcp-option-force=option:mtu,')}\`（选项 26）、\`${arg('--dhcp-lease-max=')}\`、\`--local-service --bind-dynamic\`、\`--conf-file=/dev/null\`、\`--domain=openstacklocal\`，再加上指向 ${dir}/ 的 --dhcp-hostsfile、--addn-hosts、--dhcp-optsfile 和 --dhcp-leasefile。`,
      ),
      text(
        `Every range is in static mode: dnsmasq answers only MACs listed in host, with the address neutron IPAM already chose. A MAC that is not in the file gets "no address available". The DHCP port ${port.fixedIps[0]!.ipAddress} answers on ${iface}.`,
        `所有 range 都是 static 模式：dnsmasq 只应答 host 文件里列出的 MAC，给的是 neutron IPAM 早就定好的地址；文件里没有的 MAC 只会得到 "no address available"。应答的是 ${iface} 上的 DHCP 端口地址 ${port.fixedIps[0]!.ipAddress}。`,
      ),
      text(
        `Updates: neutron-server casts port_create_end, port_update_end or port_delete_end; the agent rewrites host, addn_hosts and opts and sends dnsmasq SIGHUP (kill -HUP ${pid}) instead of restarting it, so the leases survive. Then dhcp_ready_on_ports lifts the port's DHCP provisioning block. This cloud's trace shows ${reloads} such reload${reloads === 1 ? '' : 's'}.`,
        `更新：neutron-server cast port_create_end、port_update_end 或 port_delete_end，agent 重写 host、addn_hosts 和 opts，然后给 dnsmasq 发 SIGHUP（kill -HUP ${pid}），而不是重启它，所以租约都还在。随后 dhcp_ready_on_ports 解除该端口的 DHCP provisioning block。这个环境的 trace 里一共有 ${reloads} 次这样的重载。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'The interface file names the interface dnsmasq listens on (--interface=…).',
        'interface 文件指定了 dnsmasq 监听的接口（--interface=…）。',
      ),
      actually: text(
        'There has been no --interface= since Stein: dnsmasq runs with --local-service and, since Train, --bind-dynamic. The interface file is only the agent\'s record of the ns- device name.',
        '从 Stein 起命令行里就没有 --interface= 了：dnsmasq 用的是 --local-service，Train 起再加上 --bind-dynamic。interface 文件只是 agent 自己记下的 ns- 设备名。',
      ),
    },
    {
      expected: text('dnsmasq hands out addresses from a dynamic range.', 'dnsmasq 从一个动态地址池里分配地址。'),
      actually: text(
        'Every --dhcp-range is in static mode: only MACs in the host file get an answer, with the address neutron IPAM chose when the port was created.',
        '每个 --dhcp-range 都是 static 模式：只有 host 文件里的 MAC 才会得到应答，给的是端口创建时 neutron IPAM 定好的地址。',
      ),
    },
    {
      expected: text('Options are tagged tag0, tag1, … and the MTU (option 26) is in opts.', '选项用 tag0、tag1…… 区分，MTU（选项 26）写在 opts 里。'),
      actually: text(
        'Since Ussuri the tags are subnet-<subnet UUID> (and port-<port UUID> for per-port options). The MTU is not in opts but on the command line, as --dhcp-option-force=option:mtu,<network MTU>.',
        '从 Ussuri 起 tag 是 subnet-<子网UUID>（端口级选项用 port-<端口UUID>）。MTU 不在 opts 里，而是在命令行上：--dhcp-option-force=option:mtu,<网络MTU>。',
      ),
    },
    {
      expected: text('After a port change the agent restarts dnsmasq.', '端口变化后 agent 会重启 dnsmasq。'),
      actually: text(
        'It rewrites host, addn_hosts and opts and sends SIGHUP; dnsmasq rereads them and keeps its leases. Only a change in the subnets (the --dhcp-range list) restarts it.',
        '它只重写 host、addn_hosts 和 opts，然后发 SIGHUP；dnsmasq 重新读取文件，租约保留。只有子网变化（--dhcp-range 列表变了）才会重启 dnsmasq。',
      ),
    },
  ],
};

export default guide;
