/** Flow 3: write the FDB entries l2population programmed on one node's vxlan device. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, Text, World } from '../../types.js';
import { answerText, asAdmin, portHost, portsOn, rewritingAnswer, tenantNetwork, withMessages } from './_helpers.js';

interface Facts { host: string; network: string; networkId: string; vxlan: string }

/** The remote (self) entries, as `bridge fdb show dev vxlan-N` prints them. */
function remoteEntries(w: World<Facts>): string[] {
  return w.run(w.facts.host, `bridge fdb show dev ${w.facts.vxlan}`).split('\n').filter((l) => / dst /.test(l));
}

/** Nodes with this network's vxlan device, i.e. with at least one of its ports wired. */
function vtepHosts(world: World<unknown>, vxlan: string): string[] {
  return Object.values(world.cloud.hosts).filter((h) => h.root.links.some((l) => l.name === vxlan)).map((h) => h.name);
}

const family = linesFamily<Facts>({
  id: 'f3-l2pop-fdb',
  flow: 3,
  difficulty: 3,
  compare: 'text',
  label: { en: 'One entry per line: MAC dst VTEP (as `bridge fdb show` prints it, or as the agent\'s `bridge fdb append|replace` command)', zh: '每行一条：MAC dst VTEP（按 `bridge fdb show` 的格式，或写成 agent 执行的 `bridge fdb append|replace` 命令）' },
  placeholder: 'xx:xx:xx:xx:xx:xx dst a.b.c.d self permanent',
  title: { en: 'The l2population FDB entries on a node\'s vxlan device', zh: '节点 vxlan 设备上 l2population 写入的 FDB 条目' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(2, 3), router: pick.bool(), computes: [2, 3] });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const vxlan = names.vxlanName(net.segmentationId!);
    return { host: pick.one(vtepHosts(world, vxlan)), network: net.name, networkId: net.id, vxlan };
  },
  prompt: (w) => ({
    en: `With l2_population enabled, write every remote entry (the ones with a dst) that the Linux bridge agent on ${w.facts.host} has programmed on ${w.facts.vxlan}, the VXLAN device of "${w.facts.network}". Leave out the bridge's own "master … permanent" entry.`,
    zh: `开启了 l2_population。请写出 ${w.facts.host} 上的 linuxbridge agent 在 ${w.facts.vxlan}（“${w.facts.network}” 的 VXLAN 设备）上写入的所有远端条目（带 dst 的那些），网桥自己的 “master … permanent” 条目不用写。`,
  }),
  context: (w) => {
    const out: Shown[] = [
      shown(w, 'controller', 'openstack server list --long -c Name -c Networks -c Host'),
      shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
    ];
    for (const h of Object.keys(w.cloud.hosts)) out.push(shown(w, h, `ip -4 -br addr show dev ${w.cloud.config.managementInterface}`));
    return out;
  },
  expected: remoteEntries,
  source: (w) => ({ host: w.facts.host, command: `bridge fdb show dev ${w.facts.vxlan}` }),
  hints: (w) => [
    { en: 'Each port of the network that lives on another node gets one unicast entry pointing at that node\'s VTEP (its management address here). Ports on this node get none.', zh: '这个网络里每个在别的节点上的端口，都有一条指向那个节点 VTEP（这里就是管理网地址）的单播条目；本节点上的端口没有。' },
    { en: 'The DHCP port and router interfaces live on the network node (controller); instances live where nova scheduled them.', zh: 'DHCP 端口和路由器接口在网络节点（controller）上；实例在 nova 调度到的节点上。' },
    { en: `Broadcasts (ARP, DHCPDISCOVER) need one more entry per remote VTEP, with the all-zero MAC; ${w.facts.host} itself is never a dst.`, zh: `广播（ARP、DHCPDISCOVER）还需要每个远端 VTEP 一条全零 MAC 的条目；${w.facts.host} 自己不会出现在 dst 里。` },
  ],
  explain: (w) => {
    const entries = remoteEntries(w);
    return paragraphs(
      {
        en: `${w.facts.host} has on ${w.facts.vxlan}:\n${entries.join('\n')}\nWhen a port of ${w.facts.network} goes ACTIVE, neutron-server's l2population driver casts fdb_add: the agents on other nodes run \`bridge fdb replace <port MAC> dev ${w.facts.vxlan} dst <VTEP>\` for the unicast entry and \`bridge fdb append 00:00:00:00:00:00 dev ${w.facts.vxlan} dst <VTEP>\` for flooding (BUM traffic is head-end replicated to every VTEP in the list). The first active port of a network on a node also makes the server send that node the full FDB of the network (add_fdb_entries). Local ports need no entry: the bridge learns them. Without l2population the device would use the multicast group vxlan_group (224.0.0.1) instead. The VXLAN UDP port is the kernel's 8472 unless udp_dstport = 4789 is set.`,
        zh: `${w.facts.host} 的 ${w.facts.vxlan} 上有：\n${entries.join('\n')}\n${w.facts.network} 的端口变成 ACTIVE 时，neutron-server 的 l2population 驱动会 cast fdb_add：其他节点上的 agent 执行 \`bridge fdb replace <端口MAC> dev ${w.facts.vxlan} dst <VTEP>\` 写单播条目，执行 \`bridge fdb append 00:00:00:00:00:00 dev ${w.facts.vxlan} dst <VTEP>\` 写泛洪条目（BUM 流量在源端复制给列表里每个 VTEP）。某个网络在一个节点上的第一个端口 ACTIVE 时，server 还会把整个网络的 FDB 一次性下发给这个节点（add_fdb_entries）。本地端口不需要条目，网桥自己会学习。不开 l2population 的话，vxlan 设备用组播组 vxlan_group（224.0.0.1）。VXLAN 的 UDP 端口用内核默认的 8472，除非配置了 udp_dstport = 4789。`,
      },
      THEN_VS_NOW['overlay'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});

/** `MAC dst IP`, with or without "self permanent", or written as the agent's bridge fdb command. */
const lenient = rewritingAnswer(family, (answer) =>
  answerText(answer)
    .split('\n')
    .map((l) => {
      const m = /([0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}).*?\bdst\s+(\d{1,3}(?:\.\d{1,3}){3})/i.exec(l);
      return m ? `${m[1]!.toLowerCase().replace(/-/g, ':')} dst ${m[2]} self permanent` : l;
    })
    .join('\n'));

/** An extra line gets told why: a local port, this node's own VTEP, or the port's real node. */
export default withMessages(lenient, (item, w): Text | undefined => {
  if (item.verdict !== 'extra') return undefined;
  const m = /^(\S+) dst (\S+)/.exec(item.given);
  if (!m) return undefined;
  const [, mac, dst] = m as unknown as [string, string, string];
  const vtep = (h: string) => w.cloud.hosts[h]?.managementIp;
  if (dst === vtep(w.facts.host)) {
    return { en: `\`${item.given}\`: ${dst} is ${w.facts.host}'s own VTEP; an FDB entry never points a node at itself.`, zh: `\`${item.given}\`：${dst} 是 ${w.facts.host} 自己的 VTEP，FDB 条目不会指向本节点。` };
  }
  const port = portsOn(w, w.facts.networkId).find((p) => p.macAddress === mac);
  if (port && portHost(w, port) === w.facts.host) {
    return { en: `\`${item.given}\`: ${mac} is on ${w.facts.host} itself; local ports get no FDB entry, the bridge learns them from the tap.`, zh: `\`${item.given}\`：${mac} 就在 ${w.facts.host} 本机上；本地端口没有 FDB 条目，网桥从 tap 上自己学习。` };
  }
  if (port) {
    const h = portHost(w, port);
    return { en: `\`${item.given}\`: ${mac} (${port.deviceOwner}) lives on ${h}, whose VTEP is ${vtep(h)}.`, zh: `\`${item.given}\`：${mac}（${port.deviceOwner}）在 ${h} 上，它的 VTEP 是 ${vtep(h)}。` };
  }
  if (mac !== '00:00:00:00:00:00') {
    return { en: `\`${item.given}\`: no port of ${w.facts.network} has MAC ${mac}.`, zh: `\`${item.given}\`：${w.facts.network} 上没有 MAC 为 ${mac} 的端口。` };
  }
  return undefined;
});
