/** Flow 1 (os-vif / libvirt step): fill in the guest's <interface> element and the TAP's host-side MAC. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { findLink } from '../../../engine/host/kernel.js';
import type { World } from '../../types.js';
import { firstPortId, refineFields, sameLoose } from './_helpers.js';

interface Facts { server: string; network: string }

function iface(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const host = w.cloud.hosts[server.host!]!;
  const domain = host.domains.find((d) => d.uuid === server.id)!;
  const portId = firstPortId(server);
  const nic = domain.interfaces.find((i) => i.tap === names.tapName(portId))!;
  const tapLink = findLink(host.root, nic.tap)!;
  return { server, host: host.name, domain, nic, tapMac: tapLink.mac, portId };
}

const family = fieldsFamily<Facts>({
  id: 'f1-domain-interface',
  flow: 1,
  difficulty: 2,
  title: { en: 'Fill in the guest\'s <interface> in the libvirt domain', zh: '补全 libvirt domain 里虚拟机的 <interface>' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const port = world.cloud.db.ports[firstPortId(server)]!;
    return { server: server.name, network: world.cloud.db.networks[port.networkId]!.name };
  },
  prompt: (w) => {
    const i = iface(w);
    return {
      en: `"${w.facts.server}" runs on ${i.host} as ${i.domain.name}. nova's libvirt driver wrote its NIC into the domain XML as <interface type='bridge'> with <mac address='…'/>, <source bridge='…'/>, <target dev='…'/> and <mtu size='…'/>. From the port and network below, fill in the source bridge, the target device and the MTU, and give the MAC address the TAP device itself shows on ${i.host} (\`ip link show\`).`,
      zh: `“${w.facts.server}” 运行在 ${i.host} 上，domain 名是 ${i.domain.name}。nova 的 libvirt driver 把它的网卡写进 domain XML，形如 <interface type='bridge'>，里面有 <mac address='…'/>、<source bridge='…'/>、<target dev='…'/> 和 <mtu size='…'/>。请根据下面的端口和网络信息，填出 source bridge、target dev 和 MTU，再写出 ${i.host} 上这个 TAP 设备自己（\`ip link show\` 看到）的 MAC 地址。`,
    };
  },
  context: (w) => [
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
    shown(w, 'controller', `openstack network show ${w.facts.network} -c id -c provider:network_type -c provider:segmentation_id`),
  ],
  blanks: (w) => {
    const i = iface(w);
    const xml = { host: i.host, command: `virsh dumpxml ${i.domain.name}` };
    return [
      { id: 'bridge', label: { en: "<source bridge='…'/>", zh: "<source bridge='…'/>" }, type: 'device', expected: i.nic.bridge, placeholder: 'brq…', source: xml },
      { id: 'target', label: { en: "<target dev='…'/>", zh: "<target dev='…'/>" }, type: 'device', expected: i.nic.tap, placeholder: 'tap…', source: xml },
      { id: 'mtu', label: { en: "<mtu size='…'/>", zh: "<mtu size='…'/>" }, type: 'number', expected: String(i.nic.mtu), source: xml },
      { id: 'tapmac', label: { en: 'MAC of the TAP on the host', zh: '宿主机上 TAP 设备的 MAC' }, type: 'mac', expected: i.tapMac, placeholder: 'xx:xx:xx:xx:xx:xx', source: { host: i.host, command: `ip link show ${i.nic.tap}` } },
    ];
  },
  hints: () => [
    { en: 'Both names are a 3-letter prefix plus the first 11 characters of an ID: one of the network, one of the port.', zh: '两个名字都是 3 个字母的前缀加上某个 ID 的前 11 位：一个是网络 ID，一个是端口 ID。' },
    { en: 'The MTU is the network\'s: the 1500-byte underlay minus the VXLAN encapsulation.', zh: 'MTU 用的是网络的 MTU：1500 的底层网络减去 VXLAN 封装开销。' },
    { en: 'libvirt gives the host side of the TAP the guest MAC with its first octet changed, so the bridge never learns the guest\'s own MAC on the wrong side.', zh: 'libvirt 给 TAP 宿主机这一侧的 MAC 是把虚拟机 MAC 的第一个字节改掉，避免网桥把虚拟机的 MAC 学到错误的一侧。' },
  ],
  explain: (w) => {
    const i = iface(w);
    return paragraphs(
      {
        en: `In ${i.domain.name} on ${i.host}: <interface type='bridge'><mac address='${i.nic.mac}'/><source bridge='${i.nic.bridge}'/><target dev='${i.nic.tap}'/><model type='virtio'/><mtu size='${i.nic.mtu}'/></interface>. nova derives the names exactly like neutron does — "brq" + network ID[:11] and "tap" + port ID[:11], kept under 14 characters — because the port's binding says vif_type bridge. Before defining the domain, os-vif's linux_bridge plugin makes sure ${i.nic.bridge} exists; then libvirt creates ${i.nic.tap}, gives it ${i.tapMac} (the guest MAC ${i.nic.mac} with fe as the first octet) and enslaves it to the bridge. The <mtu> element hands ${i.nic.mtu} to virtio-net, and DHCP option 26 repeats it to the guest.`,
        zh: `${i.host} 上 ${i.domain.name} 的网卡：<interface type='bridge'><mac address='${i.nic.mac}'/><source bridge='${i.nic.bridge}'/><target dev='${i.nic.tap}'/><model type='virtio'/><mtu size='${i.nic.mtu}'/></interface>。因为端口绑定结果是 vif_type bridge，nova 用和 neutron 完全一样的规则算名字——“brq” + 网络 ID 前 11 位、“tap” + 端口 ID 前 11 位，保证不超过 14 个字符。定义 domain 之前，os-vif 的 linux_bridge 插件先确保 ${i.nic.bridge} 存在；随后 libvirt 创建 ${i.nic.tap}，MAC 设成 ${i.tapMac}（虚拟机 MAC ${i.nic.mac} 把第一个字节换成 fe），并挂到网桥上。<mtu> 把 ${i.nic.mtu} 传给 virtio-net，DHCP 的 option 26 再告诉虚拟机一遍。`,
      },
      {
        en: 'Where the seed differs: its step 19 ("nova-compute generates data for the hypervisor driver and calls libvirt") is right in outline; its flow 3 then says the Linux bridge agent creates the TAP and connects it to the bridge, which is not what happens.',
        zh: '资料里的差别：第 19 步（“nova-compute 为 hypervisor driver 生成数据并调用 libvirt”）大方向没错；但它的流程三又说 TAP 是 linuxbridge agent 创建并接到网桥上的，这不对。',
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      THEN_VS_NOW['linuxbridge'],
      THEN_VS_NOW['bridges'],
    );
  },
});

export default refineFields(family, (w, id, given) => {
  const i = iface(w);
  const port = w.cloud.db.ports[i.portId]!;
  const net = w.cloud.db.networks[port.networkId]!;
  if (id === 'bridge') {
    if (sameLoose(given, `brq${net.name}`)) return { en: 'The bridge is named from the network ID, never from its name.', zh: '网桥名取自网络 ID，从不用网络名。' };
    if (sameLoose(given, `brq${net.id}`)) return { en: 'Interface names stop at 14 characters, so only 11 characters of the network ID fit after "brq".', zh: '网卡名最多 14 个字符，“brq” 后面只放得下网络 ID 的 11 个字符。' };
    if (sameLoose(given, names.bridgeName(port.id))) return { en: 'That is built from the port ID; the bridge belongs to the network, so it uses the network ID.', zh: '这是用端口 ID 拼的；网桥属于网络，用的是网络 ID。' };
  }
  if (id === 'target') {
    if (sameLoose(given, `tap${port.id}`)) return { en: 'Too long: nova truncates "tap" + port ID to 14 characters, like neutron.', zh: '太长了：nova 和 neutron 一样，把 “tap” + 端口 ID 截到 14 个字符。' };
    if (sameLoose(given, names.tapName(net.id))) return { en: 'The tap belongs to the port, not the network: use the port ID.', zh: 'tap 属于端口而不是网络：要用端口 ID。' };
    if (given.toLowerCase().startsWith('ns-')) return { en: 'ns-… is the DHCP port\'s device inside a qdhcp namespace; an instance NIC is a tap on the compute node.', zh: 'ns-… 是 qdhcp 命名空间里 DHCP 端口的设备；实例网卡在计算节点上是 tap。' };
  }
  if (id === 'mtu' && Number(given) === w.cloud.config.globalPhysnetMtu && net.mtu !== Number(given)) return { en: `${given} is the underlay's MTU; a VXLAN network loses 50 bytes to encapsulation.`, zh: `${given} 是底层网络的 MTU；VXLAN 网络要扣掉 50 字节的封装开销。` };
  if (id === 'tapmac' && sameLoose(given.replace(/-/g, ':'), port.macAddress)) return { en: `${port.macAddress} is the guest's own MAC (eth0 inside the VM and <mac address>); libvirt gives the host side of the TAP the same MAC with fe as the first octet.`, zh: `${port.macAddress} 是虚拟机自己的 MAC（虚拟机里的 eth0，也是 <mac address>）；libvirt 给 TAP 宿主机这一侧的 MAC 是把第一个字节换成 fe。` };
  return undefined;
});
