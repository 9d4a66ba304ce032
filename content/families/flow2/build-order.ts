/**
 * Flow 2: order what happens after `network create` + `subnet create`, read from the
 * bus and the host changes each step recorded. Two chains are guaranteed in order in a
 * real cloud — inside the DHCP agent's setup, and inside the L2 agent's reaction to the
 * new tap — but they run concurrently, so each question asks one of them.
 */
import { orderingFamily } from '../../kinds/ordering.js';
import { shown } from '../../kinds/common.js';
import { flowTrace, names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { bilingual } from '../flow1/_helpers.js';
import { dhcpPort } from './_helpers.js';

interface Facts { network: string; chain: 'dhcp' | 'l2' }

type Key = 'net' | 'subnet' | 'notify' | 'port' | 'nsadd' | 'veth' | 'ipaddr' | 'route' | 'checksum' | 'dnsmasq' | 'vxlan' | 'bridge' | 'addif' | 'active' | 'fdb';

const CHAINS: Record<Facts['chain'], Key[]> = {
  dhcp: ['net', 'subnet', 'port', 'nsadd', 'veth', 'ipaddr', 'route', 'checksum', 'dnsmasq'],
  l2: ['net', 'notify', 'port', 'veth', 'vxlan', 'bridge', 'addif', 'active', 'fdb'],
};

/** Each recorded step (bus message or host change) of flow 2 that maps to a key, in bus order. */
function recorded(w: World<Facts>): Array<{ key: Key; text: Text }> {
  const net = networkNamed(w.cloud, w.facts.network);
  const port = dhcpPort(w.cloud, net);
  const ns = names.dhcpNamespace(net.id);
  const tap = names.tapName(port.id);
  const nsdev = names.dhcpDeviceName(port.id);
  const br = names.bridgeName(net.id);
  const vx = names.vxlanName(net.segmentationId!);
  const subnet = w.cloud.db.subnets[port.fixedIps[0]!.subnetId]!;
  const ip = port.fixedIps[0]!.ipAddress;
  const vtep = w.cloud.hosts['controller']!.managementIp;
  const out: Array<{ key: Key; text: Text }> = [];
  const add = (key: Key, en: string, zh: string) => {
    if (!out.some((o) => o.key === key)) out.push({ key, text: { en, zh } });
  };
  for (const step of flowTrace(w.cloud, 2)) {
    if (step.message.startsWith('INSERT networks')) add('net', `neutron-server: ML2 allocates VNI ${net.segmentationId} for ${net.name} and stores the network (nothing on any host yet)`, `neutron-server：ML2 给 ${net.name} 分配 VNI ${net.segmentationId} 并写库（此时任何主机上都还没有设备）`);
    else if (step.message.startsWith('INSERT subnets')) add('subnet', `neutron-server: subnet ${subnet.name} ${subnet.cidr} and its allocation pool are stored`, `neutron-server：子网 ${subnet.name} ${subnet.cidr} 及其地址池写库`);
    else if (step.message === 'subnet_create_end') add('notify', `neutron-server → neutron-dhcp-agent@controller: subnet_create_end (the network is scheduled to this DHCP agent)`, `neutron-server → neutron-dhcp-agent@controller：subnet_create_end（网络被调度到这个 DHCP agent）`);
    else if (step.message === 'POST /v2.0/ports' && step.actor.startsWith('neutron-dhcp-agent')) add('port', `neutron-dhcp-agent → neutron-server: create the DHCP port; IPAM gives it ${ip}`, `neutron-dhcp-agent → neutron-server：创建 DHCP 端口，IPAM 分给它 ${ip}`);
    else if (step.message === 'UPDATE ports SET status=ACTIVE') add('active', 'neutron-server: the DHCP port goes DOWN → ACTIVE', 'neutron-server：DHCP 端口 DOWN → ACTIVE');
    else if (step.message === 'fdb_add') add('fdb', `neutron-server → L2 agents (fanout): l2population fdb_add, ${port.macAddress} behind VTEP ${vtep}`, `neutron-server → 各 L2 agent（fanout）：l2population fdb_add，${port.macAddress} 在 VTEP ${vtep} 后面`);
    for (const c of step.changes) {
      if (/ip netns add/.test(c)) add('nsadd', `DHCP agent: ip netns add ${ns}`, `DHCP agent：ip netns add ${ns}`);
      else if (/type veth/.test(c)) add('veth', `DHCP agent: veth pair ${tap} <-> ${nsdev}, ${nsdev} moved into the namespace`, `DHCP agent：创建 veth 对 ${tap} <-> ${nsdev}，把 ${nsdev} 移进命名空间`);
      else if (/ ip addr add /.test(c)) add('ipaddr', `DHCP agent: ${ip} added on ${nsdev}`, `DHCP agent：在 ${nsdev} 上配置 ${ip}`);
      else if (/ip route replace default/.test(c)) add('route', `DHCP agent: default route via ${subnet.gatewayIp} dev ${nsdev} proto static`, `DHCP agent：加默认路由 via ${subnet.gatewayIp} dev ${nsdev} proto static`);
      else if (/CHECKSUM/.test(c)) add('checksum', 'DHCP agent: mangle rule -p udp --dport 68 -j CHECKSUM --checksum-fill', 'DHCP agent：mangle 表加规则 -p udp --dport 68 -j CHECKSUM --checksum-fill');
      else if (/ dnsmasq /.test(c)) add('dnsmasq', `DHCP agent: dnsmasq started inside ${ns}`, `DHCP agent：在 ${ns} 里启动 dnsmasq`);
      else if (/ip link add vxlan-/.test(c)) add('vxlan', `L2 agent: ${vx} created (local ${vtep}, dstport ${w.cloud.config.vxlanUdpPort})`, `L2 agent：创建 ${vx}（local ${vtep}，dstport ${w.cloud.config.vxlanUdpPort}）`);
      else if (/brctl addbr/.test(c)) add('bridge', `L2 agent: ${br} created (forward delay 0, STP off) with ${vx} in it`, `L2 agent：创建 ${br}（forward delay 0，关闭 STP），把 ${vx} 加进去`);
      else if (new RegExp(`brctl addif ${br} ${tap}`).test(c)) add('addif', `L2 agent: ${tap} added to ${br}`, `L2 agent：把 ${tap} 加进 ${br}`);
    }
  }
  return out;
}

function stepTexts(w: World<Facts>): Text[] {
  const wanted = new Set(CHAINS[w.facts.chain]);
  return recorded(w).filter((r) => wanted.has(r.key)).map((r) => r.text);
}

const steps = (w: World<Facts>): string[] => stepTexts(w).map(bilingual);

/** What runs concurrently with each chain (and so is not asked). */
const PARALLEL: Record<Facts['chain'], Key[]> = {
  dhcp: ['vxlan', 'bridge', 'addif', 'active', 'fdb'],
  l2: ['ipaddr', 'route', 'checksum', 'dnsmasq'],
};

export default orderingFamily<Facts>({
  id: 'f2-build-order',
  flow: 2,
  difficulty: 2,
  traces: true,
  title: { en: 'What happens after network create + subnet create, in order', zh: '创建网络和子网之后发生了什么：排出顺序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, computes: [1, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({ network: Object.values(world.cloud.db.networks).filter((n) => !n.external).at(-1)!.name, chain: pick.one(['dhcp', 'l2'] as const) }),
  prompt: (w) => ({
    en: `The demo user ran \`openstack network create ${w.facts.network}\` and then created a DHCP-enabled subnet on it. Put these steps in the order they happened. ${w.facts.chain === 'dhcp' ? 'The steps follow the DHCP agent as it sets the network up.' : 'The steps follow the Linux bridge agent on the network node as it reacts to the new port.'}`,
    zh: `demo 用户执行了 \`openstack network create ${w.facts.network}\`，然后在上面建了一个开启 DHCP 的子网。请把下面的步骤按实际发生的先后排好。${w.facts.chain === 'dhcp' ? '这些步骤跟着 DHCP agent 配置这个网络的过程走。' : '这些步骤跟着网络节点上的 linuxbridge agent 对新端口的反应走。'}`,
  }),
  context: (w) => [shown(w, 'controller', `openstack network show ${w.facts.network} -c id -c provider:segmentation_id -c subnets`)],
  steps,
  hints: (w) => w.facts.chain === 'dhcp'
    ? [
      { en: 'The agent needs its port (and so its address) from neutron-server before it can plug anything.', zh: 'agent 得先从 neutron-server 拿到端口（也就拿到了地址），才能插任何设备。' },
      { en: 'A veth end can only be moved into a namespace that exists; an address can only go on a device that exists.', zh: 'veth 的一端只能移进已经存在的命名空间；地址也只能配在已经存在的设备上。' },
      { en: 'dnsmasq is spawned last, once the device is fully configured.', zh: 'dnsmasq 最后才启动，要等设备全部配置好。' },
    ]
    : [
      { en: 'The L2 agent only reacts to a tap that already exists on the host.', zh: 'L2 agent 只会对主机上已经存在的 tap 做出反应。' },
      { en: 'ensure_vxlan_bridge creates the uplink first, then the bridge with the uplink in it, then adds the tap.', zh: 'ensure_vxlan_bridge 先建上联口，再建网桥并把上联口加进去，最后加 tap。' },
      { en: 'l2population only announces ports that are ACTIVE.', zh: 'l2population 只通告 ACTIVE 的端口。' },
    ],
  explain: (w) => {
    const all = recorded(w);
    const list = (lang: keyof Text) => stepTexts(w).map((s, i) => `${i + 1}. ${s[lang]}`).join('\n');
    const other = w.facts.chain === 'dhcp' ? 'l2' : 'dhcp';
    const otherList = (lang: keyof Text) => all.filter((r) => PARALLEL[w.facts.chain].includes(r.key)).map((r) => `- ${r.text[lang]}`).join('\n');
    return paragraphs(
      {
        en: `${list('en')}\nIn parallel (${other === 'l2' ? 'the Linux bridge agent polls for new taps every 2 s' : 'the DHCP agent keeps configuring its namespace'}):\n${otherList('en')}\nThe DHCP agent owns the namespace, the veth pair, the address, the default route, the CHECKSUM rule, the files and dnsmasq. The Linux bridge agent owns vxlan-<VNI> and brq<net[:11]>: it creates them when the first port of the network appears on its host — here the DHCP port's tap — and addifs that tap because its owner is network:dhcp. The port goes ACTIVE once the L2 agent reports it, and only then does l2population tell the other agents where its MAC lives.`,
        zh: `${list('zh')}\n与此同时（${other === 'l2' ? 'linuxbridge agent 每 2 秒轮询一次新的 tap' : 'DHCP agent 继续配置它的命名空间'}）：\n${otherList('zh')}\n命名空间、veth 对、地址、默认路由、CHECKSUM 规则、配置文件和 dnsmasq 都归 DHCP agent 管。vxlan-<VNI> 和 brq<网络 ID 前 11 位> 归 linuxbridge agent 管：网络的第一个端口出现在本机时它才创建——这里就是 DHCP 端口的 tap——而且因为这个 tap 的属主是 network:dhcp，agent 会把它 addif 进网桥。L2 agent 上报之后端口才变 ACTIVE，然后 l2population 才告诉其他 agent 这个 MAC 在哪台主机上。`,
      },
      {
        en: 'Where the seed differs: it says that after creation "new devices (tap, vxlan, brq) appear on the network node" and that "the tap is automatically connected to the bridge", which is right in outcome but hides who does what: the bridge and the vxlan device come from the L2 agent, not the DHCP agent, and nothing at all appears when only the network is created.',
        zh: '资料里的差别：资料说创建完成后“网络节点上出现了新设备（tap、vxlan、brq）”、“tap 设备创建后自动连接到桥上”，结果没错，但没说清谁做的：网桥和 vxlan 设备是 L2 agent 建的，不是 DHCP agent；而且只创建网络的时候什么设备都不会出现。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
