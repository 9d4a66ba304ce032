/** Flow 2: the MTU arithmetic of a VXLAN tenant network, and where the value ends up. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { findLink } from '../../../engine/host/kernel.js';
import type { World } from '../../types.js';
import { dhcpPort } from './_helpers.js';
import { refineFields } from '../flow1/_helpers.js';

interface Facts { tenant: string; provider: string }

function values(w: World<Facts>) {
  const tenant = networkNamed(w.cloud, w.facts.tenant);
  const provider = networkNamed(w.cloud, w.facts.provider);
  const ctl = w.cloud.hosts['controller']!;
  const underlay = findLink(ctl.root, w.cloud.config.managementInterface)!.mtu;
  const vx = names.vxlanName(tenant.segmentationId!);
  const tPort = dhcpPort(w.cloud, tenant);
  const pPort = dhcpPort(w.cloud, provider);
  const tNs = ctl.namespaces[names.dhcpNamespace(tenant.id)]!;
  const pNs = ctl.namespaces[names.dhcpNamespace(provider.id)]!;
  const dnsmasq = ctl.processes.find((p) => p.netns === names.dhcpNamespace(tenant.id) && p.args.startsWith('dnsmasq'))!;
  const opt26 = /--dhcp-option-force=option:mtu,(\d+)/.exec(dnsmasq.args)![1]!;
  return {
    tenant, provider, underlay, vx,
    vxMtu: findLink(ctl.root, vx)!.mtu,
    nsMtu: findLink(tNs, names.dhcpDeviceName(tPort.id))!.mtu,
    providerNsMtu: findLink(pNs, names.dhcpDeviceName(pPort.id))!.mtu,
    opt26,
  };
}

const family = fieldsFamily<Facts>({
  id: 'f2-mtu',
  flow: 2,
  difficulty: 1,
  title: { en: 'MTU of a VXLAN tenant network, and where it is applied', zh: 'VXLAN 租户网络的 MTU，以及它被设置在哪里' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, computes: [1, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => ({
    tenant: Object.values(world.cloud.db.networks).find((n) => !n.external)!.name,
    provider: Object.values(world.cloud.db.networks).find((n) => n.external)!.name,
  }),
  prompt: (w) => ({
    en: `The network node's underlay NIC and the two networks are shown below (global_physnet_mtu and path_mtu are left at their defaults; the overlay is IPv4). Give the MTU neutron computes for the VXLAN network "${w.facts.tenant}", how many bytes of encapsulation that leaves room for, the MTU of its VXLAN device and of its DHCP namespace device on the controller, the MTU dnsmasq pushes to instances (DHCP option 26), and the MTU of the DHCP namespace device of the flat network "${w.facts.provider}".`,
    zh: `下面是网络节点的底层网卡和两个网络的信息（global_physnet_mtu 和 path_mtu 都是默认值，底层用 IPv4）。请写出：neutron 给 VXLAN 网络 “${w.facts.tenant}” 算出的 MTU；这给封装留了多少字节；控制节点上它的 VXLAN 设备和 DHCP 命名空间设备的 MTU；dnsmasq 通过 DHCP option 26 下发给实例的 MTU；以及 flat 网络 “${w.facts.provider}” 的 DHCP 命名空间设备的 MTU。`,
  }),
  context: (w) => [
    shown(w, 'controller', `ip link show ${w.cloud.config.managementInterface}`),
    shown(w, 'controller', `openstack network show ${w.facts.tenant} -c id -c provider:network_type -c provider:segmentation_id`),
    shown(w, 'controller', `openstack network show ${w.facts.provider} -c id -c provider:network_type -c provider:physical_network`),
  ],
  blanks: (w) => {
    const v = values(w);
    const tns = names.dhcpNamespace(v.tenant.id);
    const pns = names.dhcpNamespace(v.provider.id);
    return [
      { id: 'network', label: { en: `MTU of network ${v.tenant.name}`, zh: `网络 ${v.tenant.name} 的 MTU` }, type: 'number', expected: String(v.tenant.mtu), source: { host: 'controller', command: `openstack network show ${v.tenant.name} -c mtu` } },
      { id: 'overhead', label: { en: 'Bytes left for the encapsulation', zh: '留给封装的字节数' }, type: 'number', expected: String(v.underlay - v.tenant.mtu), source: { host: 'controller', command: `ip link show ${w.cloud.config.managementInterface}` } },
      { id: 'vxlan', label: { en: `MTU of ${v.vx} on the controller`, zh: `控制节点上 ${v.vx} 的 MTU` }, type: 'number', expected: String(v.vxMtu), source: { host: 'controller', command: `ip -d link show ${v.vx}` } },
      { id: 'ns', label: { en: `MTU of the ns- device in ${tns}`, zh: `${tns} 里 ns- 设备的 MTU` }, type: 'number', expected: String(v.nsMtu), source: { host: 'controller', command: `ip netns exec ${tns} ip link` } },
      { id: 'option26', label: { en: 'MTU in DHCP option 26', zh: 'DHCP option 26 里的 MTU' }, type: 'number', expected: v.opt26, source: { host: 'controller', command: 'ps -eo user,args' } },
      { id: 'provider', label: { en: `MTU of the ns- device in ${pns}`, zh: `${pns} 里 ns- 设备的 MTU` }, type: 'number', expected: String(v.providerNsMtu), source: { host: 'controller', command: `ip netns exec ${pns} ip link` } },
    ];
  },
  hints: () => [
    { en: 'Every VXLAN frame carries an outer IPv4 header, a UDP header, a VXLAN header and the inner Ethernet header.', zh: '每个 VXLAN 帧都带着外层 IPv4 头、UDP 头、VXLAN 头，以及内层以太网头。' },
    { en: 'The network MTU is applied everywhere the network has a device; a flat network carries no encapsulation.', zh: '网络的 MTU 会设置到这个网络的每个设备上；flat 网络没有封装。' },
    { en: 'neutron-lib: VXLAN_ENCAP_OVERHEAD = 30 (UDP 8 + VXLAN 8 + inner Ethernet 14), plus 20 for the outer IPv4 header.', zh: 'neutron-lib 里 VXLAN_ENCAP_OVERHEAD = 30（UDP 8 + VXLAN 8 + 内层以太网 14），再加外层 IPv4 头 20。' },
  ],
  explain: (w) => {
    const v = values(w);
    return paragraphs(
      {
        en: `${v.tenant.name}: ${v.underlay} (global_physnet_mtu, the underlay eth0) − 20 (outer IPv4) − 30 (VXLAN_ENCAP_OVERHEAD = UDP 8 + VXLAN 8 + inner Ethernet 14) = ${v.tenant.mtu}. neutron stores it on the network and every agent applies it: ${v.vx} and the DHCP veth ends (both tap… and ns-…) have ${v.vxMtu}/${v.nsMtu}, the bridge follows its smallest port, a VM's tap gets it from the L2 agent and the guest from libvirt's <mtu size='${v.tenant.mtu}'/> and from dnsmasq's --dhcp-option-force=option:mtu,${v.opt26}. ${v.provider.name} is flat: no encapsulation, so ${v.providerNsMtu}. With an IPv6 underlay the outer header is 40 bytes and the VXLAN MTU becomes 1430; raising the underlay to jumbo frames (global_physnet_mtu 9000) gives 8950.`,
        zh: `${v.tenant.name}：${v.underlay}（global_physnet_mtu，底层 eth0）− 20（外层 IPv4 头）− 30（VXLAN_ENCAP_OVERHEAD = UDP 8 + VXLAN 8 + 内层以太网 14）= ${v.tenant.mtu}。neutron 把它存在网络上，各个 agent 都按它来设置：${v.vx} 和 DHCP 的 veth 两端（tap… 和 ns-…）都是 ${v.vxMtu}/${v.nsMtu}，网桥跟随它最小的端口，虚拟机的 tap 由 L2 agent 设置，虚拟机内部则由 libvirt 的 <mtu size='${v.tenant.mtu}'/> 和 dnsmasq 的 --dhcp-option-force=option:mtu,${v.opt26} 下发。${v.provider.name} 是 flat 网络，没有封装，所以是 ${v.providerNsMtu}。如果底层是 IPv6，外层头 40 字节，VXLAN 网络 MTU 就是 1430；底层改成巨帧（global_physnet_mtu 9000）则是 8950。`,
      },
      {
        en: 'Where the seed is silent: it never mentions the MTU. Interviewers expect "1450 because VXLAN adds 50 bytes"; the fuller answer names the 20 + 30 split, the places the value is pushed (network, vxlan device, veths, tap, libvirt, DHCP option 26) and the symptom of a mismatch: small pings work, large transfers stall.',
        zh: '资料没讲的地方：资料里完全没提 MTU。面试官期待的答案是“1450，因为 VXLAN 多了 50 字节”；更完整的回答要说出 20 + 30 的拆分、这个值被下发到哪些地方（网络、vxlan 设备、veth、tap、libvirt、DHCP option 26），以及不匹配时的现象：小包 ping 得通，大流量卡住。',
      },
      THEN_VS_NOW['overlay'],
    );
  },
});

export default refineFields(family, (w, id, given) => {
  const v = values(w);
  const n = Number(given.replace(/[^\d]/g, ''));
  if (['network', 'vxlan', 'ns', 'option26'].includes(id) && n === v.underlay) return { en: `${n} is the underlay's MTU; every device of a VXLAN network gets the network MTU, ${v.tenant.mtu}, so that a full frame still fits after encapsulation.`, zh: `${n} 是底层网络的 MTU；VXLAN 网络的所有设备用的都是网络 MTU ${v.tenant.mtu}，这样满长帧封装之后还能塞得下。` };
  if (id === 'overhead' && n === 30) return { en: '30 is VXLAN_ENCAP_OVERHEAD (UDP 8 + VXLAN 8 + inner Ethernet 14); neutron also subtracts the outer IPv4 header, 20.', zh: '30 是 VXLAN_ENCAP_OVERHEAD（UDP 8 + VXLAN 8 + 内层以太网 14）；neutron 还要再减去外层 IPv4 头的 20。' };
  if (id === 'provider' && n === v.tenant.mtu) return { en: `${v.provider.name} is a flat network: its frames go onto eth1 unencapsulated, so it keeps ${v.providerNsMtu}.`, zh: `${v.provider.name} 是 flat 网络：帧不封装直接上 eth1，所以保持 ${v.providerNsMtu}。` };
  return undefined;
});
