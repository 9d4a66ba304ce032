/**
 * Flow 1 drill: an instance hangs in BUILD with its guest paused. One of the two
 * agents that must release the port's provisioning blocks never did; the evidence
 * (port status, virsh, brctl, the DHCP host file) tells which.
 */
import { faultContext, type Fault, type FaultContext } from '../../faults.js';
import { shown } from '../../kinds/common.js';
import type { TroubleFacts } from '../../kinds/troubleshoot.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Cloud, Port, Server } from '../../../engine/core/types.js';
import { deleteLink, findLink } from '../../../engine/host/kernel.js';
import { refreshBridge } from '../../../engine/agents/linuxbridge.js';
import type { Text } from '../../types.js';
import { bilingual, nameDrill } from './_helpers.js';

interface Facts extends TroubleFacts { server: string; host: string; others: string[] }

const SYMPTOM: Text = {
  en: 'The instance has been in BUILD for a few minutes; its console shows nothing and it has no address.',
  zh: '实例已经卡在 BUILD 好几分钟了，控制台什么都没有，也没有地址。',
};

/** The boot stopped while nova waits for network-vif-plugged: guest paused, port DOWN, no guest OS running. */
function holdInBuild(cloud: Cloud, server: Server, port: Port, block: 'L2' | 'DHCP'): void {
  server.status = 'BUILD';
  server.powerState = 'NOSTATE';
  server.pendingVifEvents = [port.id];
  const domain = cloud.hosts[server.host!]!.domains.find((d) => d.uuid === server.id);
  if (domain) domain.state = 'paused';
  port.status = 'DOWN';
  port.provisioningBlocks = [block];
  delete cloud.guests[server.id];
  const named = (cloud.guestsByName[server.name] ?? []).filter((g) => g !== server.id);
  if (named.length) cloud.guestsByName[server.name] = named;
  else delete cloud.guestsByName[server.name];
  // The port never went ACTIVE, so l2population never announced it: no host has an FDB entry pointing at this VTEP.
  const vtep = cloud.hosts[server.host!]!.managementIp;
  const vni = cloud.db.networks[port.networkId]!.segmentationId!;
  for (const h of Object.values(cloud.hosts)) {
    const dev = findLink(h.root, names.vxlanName(vni));
    if (dev?.fdb) dev.fdb = h.name === server.host ? [] : dev.fdb.filter((e) => e.dst !== vtep);
  }
  // And no lease was ever handed out.
  const leases = `${names.dhcpConfDir(port.networkId)}/leases`;
  const controller = cloud.hosts['controller']!;
  if (controller.files[leases] !== undefined) controller.files[leases] = controller.files[leases]!.split('\n').filter((l) => !l.includes(port.macAddress)).join('\n');
}

const portActive = (c: FaultContext) => c.port.status === 'ACTIVE' && c.server.status === 'ACTIVE';

export const L2_AGENT_SILENT: Fault = {
  id: 'l2-agent-silent',
  name: { en: 'neutron-linuxbridge-agent on the compute node never processed the new tap: the port\'s L2 provisioning block is still there', zh: '计算节点上的 neutron-linuxbridge-agent 一直没处理新的 tap：端口的 L2 provisioning block 还在' },
  symptom: SYMPTOM,
  applies: (c) => c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan' && c.server.host !== null,
  inject(c) {
    const host = c.cloud.hosts[c.server.host!]!;
    const vx = names.vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!);
    if (findLink(host.root, vx)) deleteLink(host, '', vx);
    refreshBridge(host, names.bridgeName(c.port.networkId));
    holdInBuild(c.cloud, c.server, c.port, 'L2');
  },
  healthy: portActive,
  fix: (c) => ({ host: c.server.host!, command: 'systemctl restart neutron-linuxbridge-agent' }),
};

export const DHCP_AGENT_SILENT: Fault = {
  id: 'dhcp-agent-silent',
  name: { en: 'The DHCP agent never took the new port: no host entry, no dhcp_ready_on_ports, the DHCP provisioning block is still there', zh: 'DHCP agent 一直没处理这个新端口：没有 host 条目，没有调用 dhcp_ready_on_ports，DHCP provisioning block 还在' },
  symptom: SYMPTOM,
  applies: (c) => c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan' && c.server.host !== null,
  inject(c) {
    const controller = c.cloud.hosts['controller']!;
    const dir = names.dhcpConfDir(c.port.networkId);
    const ip = c.port.fixedIps[0]!.ipAddress;
    controller.files[`${dir}/host`] = (controller.files[`${dir}/host`] ?? '').split('\n').filter((l) => !l.startsWith(`${c.port.macAddress},`)).join('\n');
    controller.files[`${dir}/addn_hosts`] = (controller.files[`${dir}/addn_hosts`] ?? '').split('\n').filter((l) => !l.startsWith(`${ip}\t`) && !l.startsWith(`${ip} `)).join('\n');
    holdInBuild(c.cloud, c.server, c.port, 'DHCP');
  },
  healthy: portActive,
  fix: () => ({ host: 'controller', command: 'systemctl restart neutron-dhcp-agent' }),
};

const FAULTS_HERE = [L2_AGENT_SILENT, DHCP_AGENT_SILENT];

/** Causes that look plausible for "stuck in BUILD" but that the evidence rules out. */
const DECOYS: Record<string, { name: Text; why: (f: Facts) => Text }> = {
  noValidHost: {
    name: { en: 'The scheduler found no valid host: Placement returned no allocation candidates', zh: '调度器找不到合适的主机：Placement 没有返回 allocation candidates' },
    why: (f) => ({ en: `The server has a host (${f.host}) and a libvirt domain there; NoValidHost would put it straight into ERROR with no host.`, zh: `实例已经有主机（${f.host}），那里也有 libvirt domain；NoValidHost 会直接变 ERROR，而且没有主机。` }),
  },
  glance: {
    name: { en: 'nova-compute could not download the image from glance', zh: 'nova-compute 从 glance 下载镜像失败' },
    why: (f) => ({ en: `The domain on ${f.host} is already defined (paused): the image was in place before libvirt defined it. A failed download ends the build in ERROR before any domain exists.`, zh: `${f.host} 上的 domain 已经定义好了（paused），说明镜像在 libvirt 定义之前就准备好了。镜像下载失败会在 domain 出现之前就让创建失败变成 ERROR。` }),
  },
  libvirtTap: {
    name: { en: 'libvirt failed to create the instance\'s TAP device', zh: 'libvirt 没能创建实例的 TAP 设备' },
    why: (f) => ({ en: `The tap is there, inside the bridge, in \`brctl show\` on ${f.host}; libvirt did its part.`, zh: `${f.host} 上的 \`brctl show\` 里能看到 tap，而且已经在网桥里了；libvirt 那一步是好的。` }),
  },
  ipam: {
    name: { en: 'neutron IPAM ran out of addresses, so the port has no IP', zh: 'neutron IPAM 地址耗尽，端口没有分到 IP' },
    why: () => ({ en: 'The port has its fixed IP in `openstack port list`; address exhaustion would fail the port creation (IpAddressGenerationFailure) and the build with it.', zh: '`openstack port list` 里端口有固定 IP；地址耗尽的话创建端口就会失败（IpAddressGenerationFailure），创建实例也随之失败。' }),
  },
};

export default nameDrill<Facts>({
  id: 'f1-stuck-in-build',
  flow: 1,
  difficulty: 3,
  title: { en: 'Drill: the instance hangs in BUILD — which agent is silent?', zh: '排障：实例卡在 BUILD——是哪个 agent 没干活？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, computes: [2, 3], router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => {
    const server = Object.values(world.cloud.db.servers)[0]!;
    const target = faultContext(world.cloud, server);
    const fault = pick.one(FAULTS_HERE.filter((f) => f.applies(target)));
    fault.inject(target);
    return { fault, target, server: server.name, host: server.host!, others: pick.some(Object.keys(DECOYS), 3) };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" was created five minutes ago and is still in BUILD; nobody touched the cloud since. Below is what the operator collected on the controller and on ${w.facts.host}. What is holding the boot?`,
    zh: `“${w.facts.server}” 五分钟前创建，到现在还是 BUILD，期间没人动过环境。下面是运维在控制节点和 ${w.facts.host} 上收集到的信息。是什么卡住了这次启动？`,
  }),
  context: (w) => {
    const port = w.facts.target.port;
    return [
      shown(w, 'controller', 'openstack server list --long -c Name -c Status -c "Power State" -c Host'),
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses" -c Status`),
      shown(w, w.facts.host, 'virsh list --all'),
      shown(w, w.facts.host, 'brctl show'),
      shown(w, 'controller', `cat ${names.dhcpConfDir(port.networkId)}/host`),
    ];
  },
  options: (w) => ({
    right: [bilingual(w.facts.fault.name)],
    wrong: [...FAULTS_HERE.filter((f) => f.id !== w.facts.fault.id).map((f) => bilingual(f.name)), ...w.facts.others.map((k) => bilingual(DECOYS[k]!.name))],
  }),
  whyWrong: (w, option) => {
    const decoy = Object.values(DECOYS).find((d) => bilingual(d.name) === option);
    if (decoy) return decoy.why(w.facts);
    const port = w.facts.target.port;
    const net = w.cloud.db.networks[port.networkId]!;
    if (option === bilingual(L2_AGENT_SILENT.name)) {
      return {
        en: `The L2 agent did its part: ${names.vxlanName(net.segmentationId!)} sits in ${names.bridgeName(net.id)} next to ${names.tapName(port.id)} on ${w.facts.host}. What is missing is ${port.macAddress} in the DHCP host file.`,
        zh: `L2 agent 那边是好的：${w.facts.host} 上 ${names.bridgeName(net.id)} 里 ${names.tapName(port.id)} 旁边已经有 ${names.vxlanName(net.segmentationId!)} 了。缺的是 DHCP host 文件里 ${port.macAddress} 那一行。`,
      };
    }
    if (option === bilingual(DHCP_AGENT_SILENT.name)) {
      return {
        en: `The DHCP host file already has ${port.macAddress}. What is missing is on ${w.facts.host}: ${names.bridgeName(net.id)} holds only ${names.tapName(port.id)}, no ${names.vxlanName(net.segmentationId!)} — the L2 agent never handled the tap.`,
        zh: `DHCP host 文件里已经有 ${port.macAddress} 了。缺的是 ${w.facts.host} 上的东西：${names.bridgeName(net.id)} 里只有 ${names.tapName(port.id)}，没有 ${names.vxlanName(net.segmentationId!)}——L2 agent 根本没处理这个 tap。`,
      };
    }
    return undefined;
  },
  hints: () => [
    { en: 'A paused domain means libvirt is waiting for neutron\'s network-vif-plugged; the port must go ACTIVE first.', zh: 'domain 是 paused，说明 libvirt 在等 neutron 的 network-vif-plugged；端口得先变成 ACTIVE。' },
    { en: 'Two agents each hold a provisioning block on a new compute port. Look for the trace each one leaves when it is done.', zh: '新的计算端口上有两个 agent 各自加的 provisioning block。找一找每个 agent 干完活会留下什么痕迹。' },
    { en: 'The L2 agent adds the network\'s vxlan device to the bridge on the compute node; the DHCP agent writes the MAC into its host file.', zh: 'L2 agent 会把网络的 vxlan 设备加进计算节点的网桥；DHCP agent 会把 MAC 写进它的 host 文件。' },
  ],
  explain: (w) => {
    const port = w.facts.target.port;
    const net = w.cloud.db.networks[port.networkId]!;
    const l2 = w.facts.fault.id === L2_AGENT_SILENT.id;
    return paragraphs(
      {
        en: `${w.facts.fault.name.en}. Port ${port.id} is bound to ${w.facts.host} but stays DOWN, so neutron never sends network-vif-plugged and the domain stays paused. ${l2
          ? `On ${w.facts.host}, ${names.bridgeName(net.id)} holds only ${names.tapName(port.id)} (libvirt put it there); the agent would have added ${names.vxlanName(net.segmentationId!)} and reported update_device_list. Check \`systemctl status neutron-linuxbridge-agent\` and its log on ${w.facts.host}, and \`openstack network agent list\`.`
          : `The host file lacks ${port.macAddress}, so the DHCP agent never handled the port and never called dhcp_ready_on_ports. Check \`openstack network agent list\` (the DHCP agent's alive state) and the agent log on the controller.`} When the agent comes back it processes the port, the block is lifted, the port goes ACTIVE, and — if that happens within vif_plugging_timeout (300 s) — the guest is resumed. Otherwise vif_plugging_is_fatal (True) makes nova destroy the guest: the server goes to ERROR with "Build of instance … aborted: Failed to allocate the network(s), not rescheduling.", and nova deletes the ports it created.`,
        zh: `${w.facts.fault.name.zh}。端口 ${port.id} 已经绑定到 ${w.facts.host}，但一直是 DOWN，所以 neutron 不会发 network-vif-plugged，domain 一直是 paused。${l2
          ? `${w.facts.host} 上 ${names.bridgeName(net.id)} 里只有 ${names.tapName(port.id)}（libvirt 放进去的）；正常情况下 agent 会加上 ${names.vxlanName(net.segmentationId!)} 并调用 update_device_list 上报。去 ${w.facts.host} 上看 \`systemctl status neutron-linuxbridge-agent\` 和它的日志，再看 \`openstack network agent list\`。`
          : `host 文件里没有 ${port.macAddress}，说明 DHCP agent 没处理这个端口，也没调用 dhcp_ready_on_ports。看 \`openstack network agent list\`（DHCP agent 是否 alive）和控制节点上的 agent 日志。`}agent 恢复后会处理这个端口，block 解除，端口变 ACTIVE；如果这发生在 vif_plugging_timeout（300 秒）之内，虚拟机就会被 resume。否则 vif_plugging_is_fatal（True）会让 nova 销毁虚拟机，实例变成 ERROR，报 “Build of instance … aborted: Failed to allocate the network(s), not rescheduling.”，nova 还会删掉它自己创建的端口。`,
      },
      {
        en: 'Where the seed differs: the interview material has no provisioning blocks and no vif plugging wait, so it cannot explain a boot that hangs with a healthy scheduler, image and hypervisor. This is one of the most common real-world questions about nova + neutron.',
        zh: '资料里的差别：面试资料没有 provisioning block，也没有 vif plugging 等待，所以解释不了调度、镜像、hypervisor 都正常却卡在 BUILD 的情况。而这恰恰是 nova + neutron 在实际运维中最常见的问题之一。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
