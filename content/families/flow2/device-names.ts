/** Flow 2: from a network's ID and VNI, name the devices and namespace the agents create. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';

export default fieldsFamily({
  id: 'f2-device-names',
  flow: 2,
  difficulty: 1,
  title: { en: 'Name the bridge, VXLAN device and DHCP namespace', zh: '说出网桥、VXLAN 设备和 DHCP 命名空间的名字' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const net = Object.values(world.cloud.db.networks).find((n) => !n.external)!;
    return { net: net.name };
  },
  prompt: (w) => ({
    en: `A tenant network "${w.facts.net}" and a DHCP-enabled subnet were just created. On the controller (the network node), what are the names of the Linux bridge for this network, its VXLAN interface, and the DHCP namespace?`,
    zh: `刚创建了租户网络 “${w.facts.net}” 和一个开启 DHCP 的子网。在控制节点（网络节点）上，这个网络对应的 Linux 网桥、VXLAN 接口、DHCP 命名空间分别叫什么？`,
  }),
  context: (w) => [shown(w, 'controller', `openstack network show ${w.facts.net} -c id -c provider:network_type -c provider:segmentation_id -c mtu`)],
  blanks: (w) => {
    const net = networkNamed(w.cloud, w.facts.net);
    return [
      { id: 'bridge', label: { en: 'Linux bridge', zh: 'Linux 网桥' }, type: 'device', expected: names.bridgeName(net.id), placeholder: 'brq…', source: { host: 'controller', command: 'brctl show' } },
      { id: 'vxlan', label: { en: 'VXLAN interface', zh: 'VXLAN 接口' }, type: 'device', expected: names.vxlanName(net.segmentationId!), placeholder: 'vxlan-…', source: { host: 'controller', command: `ip -d link show ${names.vxlanName(net.segmentationId!)}` } },
      { id: 'namespace', label: { en: 'DHCP namespace', zh: 'DHCP 命名空间' }, type: 'device', expected: names.dhcpNamespace(net.id), placeholder: 'qdhcp-…', source: { host: 'controller', command: 'ip netns' } },
    ];
  },
  hints: () => [
    { en: 'Device names are built from a prefix and part of an ID; namespace names keep the whole ID.', zh: '设备名是“前缀 + ID 的一部分”，命名空间名保留完整 ID。' },
    { en: 'Linux caps interface names at 15 characters and neutron at 14: a 3-letter prefix leaves 11 characters of the UUID.', zh: 'Linux 接口名最长 15 个字符，neutron 限制为 14：3 个字母的前缀后面只能放 UUID 的前 11 个字符。' },
    { en: 'The VXLAN device is named after the segmentation ID (VNI), not the network ID.', zh: 'VXLAN 设备用的是分段 ID（VNI），不是网络 ID。' },
  ],
  explain: (w) => {
    const net = networkNamed(w.cloud, w.facts.net);
    return paragraphs(
      {
        en: `The Linux bridge agent names the bridge "brq" + the first 11 characters of the network ID: ${names.bridgeName(net.id)}. The VXLAN device is "vxlan-" + the VNI ${net.segmentationId}: ${names.vxlanName(net.segmentationId!)}. The DHCP agent's namespace keeps the full ID: ${names.dhcpNamespace(net.id)}. Interface names stop at 14 characters (LINUX_DEV_LEN, under IFNAMSIZ 16), namespaces have no such limit. Both devices appear only when the first port of the network is wired on a host; here that is the DHCP port, so on the controller.`,
        zh: `linuxbridge agent 给网桥起名 “brq” + 网络 ID 前 11 位：${names.bridgeName(net.id)}。VXLAN 设备是 “vxlan-” + VNI ${net.segmentationId}：${names.vxlanName(net.segmentationId!)}。DHCP agent 的命名空间用完整 ID：${names.dhcpNamespace(net.id)}。接口名最长 14 个字符（LINUX_DEV_LEN，小于 IFNAMSIZ 16），命名空间没有这个限制。这两个设备要等这个网络的第一个端口在某个节点上接好才出现；这里是 DHCP 端口，所以出现在控制节点上。`,
      },
      THEN_VS_NOW['linuxbridge'],
      THEN_VS_NOW['bridges'],
    );
  },
});
