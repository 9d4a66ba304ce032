/** Flow 5 drill: an instance gets no address; find the broken link of the DHCP path and mend it. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultContext } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text } from '../../types.js';
import { DHCP_FIX_FAULTS } from './_faults.js';
import { FLOW5_NOTES } from './_helpers.js';

interface Facts extends TroubleFacts { server: string }

/** What a good operator concludes from each fault's evidence. */
const READING: Record<string, Text> = {
  'host-entry-missing': {
    en: 'The port is ACTIVE and every device is wired, but its MAC is not in the host file: dnsmasq runs every range in static mode, so it logs "no address available" and stays silent. Normally the agent rewrites the file on port_create_end and SIGHUPs dnsmasq; appending the exact `<mac>,host-<ip>.<domain>,<ip>` line (and a SIGHUP) is the manual equivalent, and restarting neutron-dhcp-agent (or `openstack port set` on the port) would make the agent rewrite it.',
    zh: '端口是 ACTIVE，设备也都接好了，但 host 文件里没有它的 MAC：dnsmasq 的每个 range 都是 static 模式，于是日志里报 "no address available"，不应答。正常情况下 agent 收到 port_create_end 会重写文件并给 dnsmasq 发 SIGHUP；手工补一行完全一致的 `<mac>,host-<ip>.<domain>,<ip>`（再 SIGHUP）是等价做法，重启 neutron-dhcp-agent（或对端口做一次 `openstack port set`）也会让 agent 重写。',
  },
  'tap-not-in-bridge': {
    en: 'On the compute node the instance\'s tap is missing from `brctl show`: its frames go nowhere. libvirt enslaves the tap when it creates the domain (os-vif only makes sure the bridge exists); putting it back with brctl addif mends it.',
    zh: '计算节点的 `brctl show` 里少了实例的 tap，它发出的帧哪儿也去不了。tap 是 libvirt 创建虚拟机时挂上网桥的（os-vif 只负责确保网桥存在）；用 brctl addif 挂回去即可。',
  },
  'fdb-flood-missing': {
    en: 'The compute node\'s vxlan device has no 00:00:00:00:00:00 entry towards the controller\'s VTEP, so the broadcast DISCOVER is never replicated to the network node. l2population programs these entries (fdb_add); `bridge fdb append 00:00:00:00:00:00 dev vxlan-N dst <VTEP>` restores it, and restarting the linuxbridge agent makes it resync.',
    zh: '计算节点的 vxlan 设备上没有指向控制节点 VTEP 的 00:00:00:00:00:00 条目，广播的 DISCOVER 就不会被复制到网络节点。这些条目由 l2population（fdb_add）下发；`bridge fdb append 00:00:00:00:00:00 dev vxlan-N dst <VTEP>` 可以补回，重启 linuxbridge agent 也会重新同步。',
  },
  'dhcp-tap-down': {
    en: 'On the controller the DHCP port\'s tap is still in the bridge but DOWN (`bridge link` shows it without UP/LOWER_UP): the bridge does not forward to a down port, so the DISCOVER dies in front of the qdhcp namespace. Bring it up.',
    zh: '控制节点上 DHCP 端口的 tap 还在网桥里，但状态是 DOWN（`bridge link` 里没有 UP/LOWER_UP）：网桥不会往 down 的端口转发，DISCOVER 到了 qdhcp 命名空间门口就丢了。把它 up 起来即可。',
  },
  'dhcp-tap-not-in-bridge': {
    en: 'On the controller the DHCP port\'s tap (the root-namespace peer of ns-…) is missing from the network\'s bridge: dnsmasq is running in qdhcp, but nothing reaches it. The DHCP agent\'s interface driver plugs it with the bridge\'s addif; brctl addif puts it back.',
    zh: '控制节点上 DHCP 端口的 tap（ns-… 在根命名空间里的对端）不在网络的网桥上：dnsmasq 在 qdhcp 里跑着，但什么也收不到。这个 tap 本来是 DHCP agent 的接口驱动 addif 进网桥的；用 brctl addif 挂回去即可。',
  },
};

export default troubleshootFamily<Facts>({
  id: 'f5-fix-no-address',
  flow: 5,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: the instance gets no IP — fix it', zh: '排障：实例拿不到 IP，把它修好' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 2), router: pick.bool(), computes: [2, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const target = faultContext(world.cloud, server);
    const fault = pick.one(DHCP_FIX_FAULTS.filter((f) => f.applies(target)));
    fault.inject(target);
    return { fault, target, server: server.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" on ${w.facts.target.server.host} was rebooted and has no IPv4 address any more. Below is what the operator collected. Find the broken link of the DHCP path and give the command(s) that mend it, one per line, as \`HOST$ COMMAND\`.`,
    zh: `${w.facts.target.server.host} 上的 “${w.facts.server}” 重启后拿不到 IPv4 地址了。下面是运维收集到的信息。请找出 DHCP 路径上断掉的那一环，给出修复命令，每行一条，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => {
    const port = w.facts.target.port;
    const net = w.cloud.db.networks[port.networkId]!;
    const host = w.facts.target.server.host!;
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses" -c Status`),
      shown(w, 'controller', `cat ${names.dhcpConfDir(net.id)}/host`),
      shown(w, host, 'brctl show'),
      shown(w, host, `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}`),
      shown(w, 'controller', 'brctl show'),
      shown(w, 'controller', 'bridge link'),
    ];
  },
  hints: () => [
    { en: 'Walk the DISCOVER: guest tap -> bridge -> vxlan FDB -> controller bridge -> DHCP tap -> ns- -> dnsmasq -> host file.', zh: '顺着 DISCOVER 走：虚拟机 tap -> 网桥 -> vxlan FDB -> 控制节点网桥 -> DHCP tap -> ns- -> dnsmasq -> host 文件。' },
    { en: 'Check each link of that chain against the outputs: membership in a bridge, link state, FDB entries, the MAC in the host file.', zh: '对照输出逐环检查：是否在网桥里、链路状态、FDB 条目、host 文件里有没有这个 MAC。' },
    { en: 'The repair shell understands brctl addif, ip link set … up, bridge fdb append and echo … >> FILE.', zh: '修复用的 shell 支持 brctl addif、ip link set … up、bridge fdb append 和 echo … >> 文件。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const reading = READING[w.facts.fault.id] ?? { en: '', zh: '' };
    return paragraphs(
      {
        en: `The fault: ${w.facts.fault.name.en}. ${reading.en}\nOne fix: \`${fix.host}$ ${fix.command}\`.`,
        zh: `故障：${w.facts.fault.name.zh}。${reading.zh}\n一种修法：\`${fix.host}$ ${fix.command}\`。`,
      },
      {
        en: 'The reference\'s checklist for "a VM gets no IP": port status and binding; the MAC in the host file; dnsmasq running in qdhcp (pid file); tcpdump on ns-…, on the compute tap and on vxlan-N; security-group rules; the l2pop FDB; MTU; the dnsmasq log.',
        zh: '参考资料里“虚拟机拿不到 IP”的排查清单：端口状态和绑定；host 文件里有没有这个 MAC；qdhcp 里 dnsmasq 是否在跑（pid 文件）；在 ns-…、计算节点 tap 和 vxlan-N 上抓包；安全组规则；l2pop FDB；MTU；dnsmasq 日志。',
      },
      FLOW5_NOTES['static'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
