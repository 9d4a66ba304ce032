/** Flow 4 drill: an instance gets no address; the DHCP agent's side on the network node is broken. Find and fix it. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultById, faultContext, type Fault } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text } from '../../types.js';
import { DHCP_HOST, DHCP_TAP_NOT_IN_BRIDGE, dhcpFile, serversOn, tenantNetwork } from './_helpers.js';

interface Facts extends TroubleFacts { server: string; network: string }

/** The same report for both faults, so the symptom does not name the culprit. */
const NO_ADDRESS: Text = {
  en: 'After a reboot the instance has no IPv4 address: udhcpc keeps sending DHCPDISCOVER and gets no answer.',
  zh: '实例重启后没有 IPv4 地址：udhcpc 一直在发 DHCPDISCOVER，收不到任何应答。',
};

const REAL_FIX: Record<string, Text> = {
  'host-entry-missing': {
    en: 'In a real cloud the line comes back on the agent\'s next write for this network: any port update (e.g. `openstack port set --description x <port>`) or `systemctl restart neutron-dhcp-agent`, which rewrites the files and restarts dnsmasq. A hand edit also needs `kill -HUP $(cat pid)` so dnsmasq rereads the file, and it is overwritten at the next reload anyway.',
    zh: '真实环境里，下一次 agent 为这个网络写文件时这一行就会回来：随便一次端口更新（比如 `openstack port set --description x <端口>`），或者 `systemctl restart neutron-dhcp-agent`（会重写文件并重启 dnsmasq）。手工改文件还得 `kill -HUP $(cat pid)` 让 dnsmasq 重读，而且下次 reload 时也会被覆盖。',
  },
  'dhcp-tap-not-in-bridge': {
    en: 'The Linux bridge agent on the network node owns this: the DHCP port\'s owner is network:dhcp, not compute:, so add_tap_interface does brctl addif for it; restarting neutron-linuxbridge-agent re-adds it. dnsmasq and its files were fine all along.',
    zh: '这件事归网络节点上的 linuxbridge agent 管：DHCP 端口的 owner 是 network:dhcp 而不是 compute:，所以 add_tap_interface 会对它做 brctl addif；重启 neutron-linuxbridge-agent 就会重新加回去。dnsmasq 和它的文件一直都是好的。',
  },
};

export default troubleshootFamily<Facts>({
  id: 'f4-fix-dhcp',
  flow: 4,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: an instance gets no address — fix the network node', zh: '排障：实例拿不到地址——修好网络节点' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(serversOn(world, tenantNetwork(world).id));
    const target = faultContext(world.cloud, server);
    const candidates: Fault[] = [faultById('host-entry-missing'), DHCP_TAP_NOT_IN_BRIDGE].filter((f) => f.applies(target));
    const chosen = pick.one(candidates);
    chosen.inject(target);
    return { fault: { ...chosen, symptom: NO_ADDRESS }, target, server: server.name, network: world.cloud.db.networks[target.port.networkId]!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" on "${w.facts.network}" gets no address. Its compute node checks out fine (tap and vxlan in the bridge, FDB entries present). Look at what the network node (${DHCP_HOST}) shows for this network and give the command(s) that fix it, as \`HOST$ COMMAND\`.`,
    zh: `“${w.facts.network}” 上的 “${w.facts.server}” 拿不到地址。它所在的计算节点已经查过，没问题（tap 和 vxlan 都在网桥里，FDB 条目也在）。请看网络节点（${DHCP_HOST}）上这个网络的情况，给出修复命令，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => {
    const net = w.cloud.db.networks[w.facts.target.port.networkId]!;
    return [
      shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c ID -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
      shown(w, DHCP_HOST, 'brctl show'),
      shown(w, DHCP_HOST, `ip netns exec ${names.dhcpNamespace(net.id)} ip -br addr`),
      shown(w, DHCP_HOST, `cat ${dhcpFile(net.id, 'host')}`),
      shown(w, DHCP_HOST, 'ps -eo user,args'),
    ];
  },
  hints: () => [
    { en: 'Follow the DISCOVER on the network node: vxlan → bridge → tap of the DHCP port → ns- in qdhcp → dnsmasq → host file.', zh: '在网络节点上顺着 DISCOVER 走：vxlan → 网桥 → DHCP 端口的 tap → qdhcp 里的 ns- → dnsmasq → host 文件。' },
    { en: 'Compare the bridge members and the host file with the port list above.', zh: '把网桥成员和 host 文件跟上面的端口列表对一对。' },
    { en: 'The fix is either `brctl addif <bridge> <device>` or appending the missing `mac,host-a-b-c-d.openstacklocal,ip` line to the host file (then SIGHUP dnsmasq).', zh: '修法要么是 `brctl addif <网桥> <设备>`，要么是把缺的 `mac,host-a-b-c-d.openstacklocal,ip` 行追加进 host 文件（再给 dnsmasq 发 SIGHUP）。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const real = REAL_FIX[w.facts.fault.id]!;
    return paragraphs(
      {
        en: `The fault: ${w.facts.fault.name.en}. \`${fix.host}$ ${fix.command}\` repairs it. ${real.en}`,
        zh: `故障是：${w.facts.fault.name.zh}。\`${fix.host}$ ${fix.command}\` 可以修好。${real.zh}`,
      },
      {
        en: 'The seed\'s picture — broadcast reaches the veth tap, crosses to ns-, dnsmasq checks its host file — is the right path to walk; it just leaves out that dnsmasq only answers MACs listed in host ("static" ranges) and that the tap must be a bridge port.',
        zh: '资料里的描述——广播到达 veth 的 tap 端，传到 ns- 端，dnsmasq 查 host 文件——正好是排查要走的路径；只是没说 dnsmasq 只应答 host 里列出的 MAC（range 是 static 模式），也没说这个 tap 必须是网桥的端口。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
