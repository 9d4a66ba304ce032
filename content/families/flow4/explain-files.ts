/** Flow 4: explain the DHCP agent's directory and how a port change reaches dnsmasq. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { DHCP_HOST, dhcpFile, readDhcpFile, tenantNetwork } from './_helpers.js';

interface Facts { network: string; networkId: string }

function dir(w: World<Facts>): string {
  return names.dhcpConfDir(w.facts.networkId);
}

export default explainFamily<Facts>({
  id: 'f4-explain-files',
  flow: 4,
  difficulty: 2,
  title: { en: 'Explain the files under /var/lib/neutron/dhcp/<network>/', zh: '解释 /var/lib/neutron/dhcp/<网络>/ 下的文件' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const net = tenantNetwork(world);
    return { network: net.name, networkId: net.id };
  },
  prompt: (w) => ({
    en: `The interviewer runs \`ls ${dir(w)}\` on the network node and asks: what is each of these files for, who writes it, and what happens to them when a new instance port is created on "${w.facts.network}"?`,
    zh: `面试官在网络节点上执行 \`ls ${dir(w)}\`，然后问：这几个文件分别是干什么的、由谁写的？“${w.facts.network}” 上新建一个实例端口时，这些文件会发生什么？`,
  }),
  context: (w) => [
    shown(w, DHCP_HOST, `ls ${dir(w)}`),
    shown(w, DHCP_HOST, `cat ${dhcpFile(w.facts.networkId, 'interface')}`),
  ],
  points: () => [
    { id: 'host', label: { en: 'host: MAC → hostname → IP reservations (dnsmasq --dhcp-hostsfile)', zh: 'host：MAC → 主机名 → IP 的预留（dnsmasq 的 --dhcp-hostsfile）' }, patterns: [/\bhost\b[^.。]*(mac|预留|reserv|对应)|(mac)[^.。]*\bhost\b/] },
    { id: 'opts', label: { en: 'opts: DHCP options per subnet tag (router, DNS, static routes)', zh: 'opts：按子网 tag 的 DHCP 选项（网关、DNS、静态路由）' }, patterns: [/opts[^.。]*(option|选项|router|dns|route|路由|网关)/] },
    { id: 'addn', label: { en: 'addn_hosts: DNS names (A/PTR) for the addresses', zh: 'addn_hosts：地址对应的 DNS 记录（A/PTR）' }, severity: 'minor', patterns: [/addn_hosts?[^.。]*(dns|域名|解析|name|ptr)/] },
    { id: 'leases', label: { en: 'leases: dnsmasq\'s lease database, seeded by the agent at start', zh: 'leases：dnsmasq 的租约库，启动时由 agent 预写' }, patterns: [/leases?[^.。]*(租约|lease|dnsmasq|seed|预写|初始)/] },
    { id: 'interface', label: { en: 'interface: the DHCP device name (ns-…) in the qdhcp namespace', zh: 'interface：qdhcp 命名空间里 DHCP 设备的名字（ns-…）' }, severity: 'minor', patterns: [/interface[^.。]*(ns-|设备|device|名)/] },
    { id: 'pid', label: { en: 'pid: dnsmasq\'s process ID', zh: 'pid：dnsmasq 的进程号' }, severity: 'minor', patterns: [/pid[^.。]*(process|进程|dnsmasq)/] },
    { id: 'agent', label: { en: 'written by neutron-dhcp-agent from the port data neutron-server sends (port_create_end)', zh: '由 neutron-dhcp-agent 根据 neutron-server 发来的端口数据（port_create_end）写的' }, patterns: [/dhcp[- _]agent|port_create_end|rpc/] },
    { id: 'sighup', label: { en: 'on a port change the agent rewrites the files and sends dnsmasq SIGHUP (no restart, leases kept)', zh: '端口变化时 agent 重写文件并给 dnsmasq 发 SIGHUP（不重启，租约保留）' }, patterns: [/sighup|hup|reload|重新加载|重载/] },
  ],
  model: (w) => ({
    en: `They are written by neutron-dhcp-agent for ${w.facts.network}. host is dnsmasq's --dhcp-hostsfile: one MAC,host-a-b-c-d.openstacklocal,IP reservation per port (not the DHCP port). addn_hosts gives the DNS names (A and PTR records) for those addresses. opts holds the DHCP options per subnet tag: dns-server, classless static routes (121/249, including the metadata route), router. leases is dnsmasq's lease database; the agent seeds it with "* *" lines when it starts dnsmasq. interface holds the DHCP device name (ns-…) in the qdhcp namespace, and pid is dnsmasq's process ID. When a port is created, neutron-server casts port_create_end to the agent, which rewrites host, addn_hosts and opts and sends SIGHUP to dnsmasq, so it rereads them without a restart and keeps its leases.`,
    zh: `这些文件都是 neutron-dhcp-agent 为 ${w.facts.network} 写的。host 是 dnsmasq 的 --dhcp-hostsfile：每个端口（不含 DHCP 端口）一行 MAC,host-a-b-c-d.openstacklocal,IP 的预留。addn_hosts 提供这些地址的 DNS 名字（A 和 PTR 记录）。opts 按子网 tag 存 DHCP 选项：dns-server、无类静态路由（121/249，含元数据路由）、router。leases 是 dnsmasq 的租约库，agent 启动 dnsmasq 前先用 “* *” 的行预写。interface 里是 qdhcp 命名空间里 DHCP 设备的名字（ns-…），pid 是 dnsmasq 的进程号。新建端口时 neutron-server 向 agent cast port_create_end，agent 重写 host、addn_hosts 和 opts，再给 dnsmasq 发 SIGHUP，dnsmasq 不重启就重新读取，租约也保留。`,
  }),
  hints: () => [
    { en: 'Three of the files are dnsmasq inputs named on its command line; one is its output database; two are bookkeeping.', zh: '其中三个是 dnsmasq 命令行上指定的输入文件，一个是它的输出数据库，还有两个是记录用的。' },
    { en: 'Which process writes them, and from what data?', zh: '是哪个进程写的，依据什么数据？' },
    { en: 'dnsmasq is not restarted for a new port: which signal makes it reread its files?', zh: '新端口不会让 dnsmasq 重启：是哪个信号让它重新读文件？' },
  ],
  explain: (w) => {
    const host = readDhcpFile(w, w.facts.networkId, 'host').trimEnd();
    const opts = readDhcpFile(w, w.facts.networkId, 'opts');
    return paragraphs(
      {
        en: `In ${dir(w)}:\nhost —\n${host}\nopts —\n${opts}\ninterface — ${readDhcpFile(w, w.facts.networkId, 'interface')} (no trailing newline); pid — ${readDhcpFile(w, w.facts.networkId, 'pid').trim()}. There is no dnsmasq.conf: --conf-file=/dev/null. The agent writes host/addn_hosts/opts/interface and the initial leases; dnsmasq writes pid and then owns leases. Port create/update/delete → port_*_end cast → reload_allocations → files rewritten, kill -HUP, then dhcp_ready_on_ports lifts the port's DHCP provisioning block. A subnet change instead restarts dnsmasq, since its --dhcp-range list changes.`,
        zh: `${dir(w)} 里：\nhost ——\n${host}\nopts ——\n${opts}\ninterface —— ${readDhcpFile(w, w.facts.networkId, 'interface')}（末尾没有换行）；pid —— ${readDhcpFile(w, w.facts.networkId, 'pid').trim()}。没有 dnsmasq.conf：--conf-file=/dev/null。host/addn_hosts/opts/interface 和初始 leases 是 agent 写的；pid 由 dnsmasq 写，之后 leases 也归 dnsmasq 管。端口增删改 → cast port_*_end → reload_allocations → 重写文件、kill -HUP，然后 dhcp_ready_on_ports 解除端口的 DHCP provisioning block。子网变化则会重启 dnsmasq，因为 --dhcp-range 列表变了。`,
      },
      {
        en: 'Where the seed is thin: it names the directory, the host file (IP–MAC mapping) and the interface file, and says dnsmasq "listens on that interface" — since Stein there is no --interface= argument; the file is only the agent\'s memory of the device name. opts, addn_hosts, leases and the SIGHUP reload are missing from the seed.',
        zh: '资料的不足：它只提了目录、host 文件（IP 与 MAC 对应）和 interface 文件，并说 dnsmasq “在该接口上监听”——但从 Stein 起命令行上已经没有 --interface= 了，这个文件只是 agent 记住设备名用的。opts、addn_hosts、leases 以及 SIGHUP 重载，资料里都没有提。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
