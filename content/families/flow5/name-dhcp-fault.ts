/** Flow 5 drill: an instance gets no IP; read the evidence and name the fault. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultById, faultContext } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';

interface Facts extends TroubleFacts { server: string }

const DHCP_FAULTS = ['host-entry-missing', 'tap-not-in-bridge', 'fdb-flood-missing'];

export default troubleshootFamily<Facts>({
  id: 'f5-name-dhcp-fault',
  flow: 5,
  difficulty: 3,
  mode: 'name',
  title: { en: 'Drill: the instance gets no IP — what is broken?', zh: '排障：实例拿不到 IP，哪里坏了？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, computes: [2, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = Object.values(world.cloud.db.servers)[0]!;
    const target = faultContext(world.cloud, server);
    const fault = faultById(pick.one(DHCP_FAULTS));
    fault.inject(target);
    return { fault, target, server: server.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" on ${w.facts.target.server.host} rebooted and now has no IPv4 address. Here is what an operator collected. Which fault explains it?`,
    zh: `${w.facts.target.server.host} 上的 “${w.facts.server}” 重启后没有 IPv4 地址了。下面是运维收集到的信息。是哪个故障导致的？`,
  }),
  context: (w) => {
    const port = w.facts.target.port;
    const net = w.cloud.db.networks[port.networkId]!;
    const host = w.facts.target.server.host!;
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c Status`),
      shown(w, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/host`),
      shown(w, host, 'brctl show'),
      shown(w, host, `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}`),
    ];
  },
  hints: () => [
    { en: 'Follow the DISCOVER: guest tap -> bridge -> vxlan FDB -> network node -> dnsmasq -> host file.', zh: '顺着 DISCOVER 走一遍：虚拟机 tap -> 网桥 -> vxlan FDB -> 网络节点 -> dnsmasq -> host 文件。' },
    { en: 'Check that every link of that chain is present in the outputs.', zh: '逐个确认这条链上的每一环在输出里都在。' },
    { en: 'Compare the instance\'s MAC and port ID with what each output shows.', zh: '把实例的 MAC 和端口 ID 与每段输出对照。' },
  ],
  explain: (w) => paragraphs(
    {
      en: `The injected fault: ${w.facts.fault.name.en}. ${w.facts.fault.symptom.en} The fix: \`${w.facts.fault.fix(w.facts.target).host}$ ${w.facts.fault.fix(w.facts.target).command}\`. A DHCP request has to cross the tap, the bridge, the VXLAN flooding entry to the network node, the DHCP tap and ns- veth, and dnsmasq must find the MAC in its host file; any missing link leaves the guest without an address.`,
      zh: `注入的故障是：${w.facts.fault.name.zh}。${w.facts.fault.symptom.zh} 修复：\`${w.facts.fault.fix(w.facts.target).host}$ ${w.facts.fault.fix(w.facts.target).command}\`。DHCP 请求要依次经过 tap、网桥、指向网络节点的 VXLAN 泛洪条目、DHCP 的 tap 和 ns- veth，最后 dnsmasq 还得在 host 文件里找到这个 MAC；任何一环缺失，虚拟机都拿不到地址。`,
    },
    THEN_VS_NOW['dhcp'],
  ),
});
