/** Flow 3: explain who creates the tap, the bridge and the vxlan device on a compute node, and what the agent really does. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { asAdmin, firstPort, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; host: string; domain: string }

function objects(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const port = firstPort(w, server);
  const net = w.cloud.db.networks[port.networkId]!;
  return { port, net, tap: names.tapName(port.id), bridge: names.bridgeName(net.id), vxlan: names.vxlanName(net.segmentationId!) };
}

export default explainFamily<Facts>({
  id: 'f3-explain-wiring',
  flow: 3,
  difficulty: 2,
  title: { en: 'Explain who wires the instance on the compute node', zh: '解释计算节点上是谁把实例接进网络的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(serversOn(world, tenantNetwork(world).id));
    const domain = world.cloud.hosts[server.host!]!.domains.find((d) => d.uuid === server.id)!;
    return { server: server.name, host: server.host!, domain: domain.name };
  },
  prompt: (w) => ({
    en: `An interview note says: "when the instance starts, neutron-linuxbridge-agent on the compute node creates a new tap device from the port information and connects it to the bridge of the VXLAN network". Looking at ${w.facts.host} below, explain who really creates each device you see for "${w.facts.server}", what the Linux bridge agent does, and what makes the port ACTIVE.`,
    zh: `一份面试资料写着：“虚拟机启动时，计算节点上的 neutron-linuxbridge-agent 根据 port 信息创建一个新的 tap 设备，并连接到 vxlan 网络所在的 bridge”。结合下面 ${w.facts.host} 上的输出，解释 “${w.facts.server}” 相关的每个设备到底是谁创建的、linuxbridge agent 实际做了什么，以及端口是怎么变成 ACTIVE 的。`,
  }),
  context: (w) => [
    shown(w, w.facts.host, 'brctl show'),
    shown(w, w.facts.host, `virsh domiflist ${w.facts.domain}`),
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c Status`),
  ],
  points: () => [
    { id: 'libvirt-tap', label: { en: 'libvirt/qemu creates the TAP and enslaves it to the bridge named in the domain XML', zh: 'TAP 是 libvirt/qemu 创建的，并按 domain XML 挂到网桥上' }, patterns: [/libvirt[^.。]*(tap|creat|创建)|(tap|创建)[^.。]*libvirt|qemu[^.。]*tap/] },
    { id: 'osvif-bridge', label: { en: 'os-vif (nova plug_vifs) makes sure the brq bridge exists', zh: 'os-vif（nova 的 plug_vifs）确保 brq 网桥存在' }, patterns: [/os-?vif|plug_vifs/] },
    { id: 'agent-vxlan', label: { en: 'the agent adds the vxlan-<VNI> device to the bridge', zh: 'agent 把 vxlan-<VNI> 设备加进网桥' }, patterns: [/agent[^.。]*vxlan|vxlan[^.。]*agent/] },
    { id: 'agent-no-addif', label: { en: 'the agent does not create or addif the instance tap (compute: owner)', zh: 'agent 不创建实例的 tap，也不对 compute: 端口做 addif' }, patterns: [/(not|never|doesn'?t|does not|不|没有|并非)[^.。]{0,40}(creat|addif|创建|挂|加)/, /addif/] },
    { id: 'agent-mtu-sg', label: { en: 'the agent sets the tap MTU and the security-group iptables rules', zh: 'agent 设置 tap 的 MTU 和安全组 iptables 规则' }, severity: 'minor', patterns: [/mtu|security.?group|安全组|iptables/] },
    { id: 'active', label: { en: 'the agent reports the device up; with DHCP ready the provisioning blocks clear, the port goes ACTIVE and nova gets network-vif-plugged', zh: 'agent 上报设备 up；加上 DHCP 就绪，provisioning block 解除，端口变 ACTIVE，nova 收到 network-vif-plugged' }, patterns: [/update_device_list|device up|devices?_up|provisioning|vif-plugged|vif_plugged|上报|active/] },
  ],
  model: (w) => {
    const o = objects(w);
    return {
      en: `nova-compute first calls os-vif (plug_vifs), whose linux_bridge plugin makes sure ${o.bridge} exists. Then libvirt creates the TAP ${o.tap} from the domain XML (<source bridge='${o.bridge}'/>, <target dev='${o.tap}'/>), with host MAC fe:… and MTU ${o.net.mtu}, and enslaves it to the bridge itself. The Linux bridge agent only notices the new tap: it installs the security-group iptables chains, adds ${o.vxlan} to ${o.bridge}, sets the tap MTU, and does not create or addif the tap because its owner is compute:. It then reports the device up (update_device_list), which lifts the L2 provisioning block; with the DHCP block lifted by the DHCP agent the port goes ACTIVE and neutron sends network-vif-plugged so nova resumes the guest.`,
      zh: `nova-compute 先调用 os-vif（plug_vifs），它的 linux_bridge 插件确保 ${o.bridge} 存在。接着 libvirt 按 domain XML（<source bridge='${o.bridge}'/>、<target dev='${o.tap}'/>）创建 TAP ${o.tap}，宿主机侧 MAC 为 fe:…，MTU ${o.net.mtu}，并由 libvirt 自己挂到网桥上。linuxbridge agent 只是发现了这个新 tap：装安全组 iptables 链，把 ${o.vxlan} 加进 ${o.bridge}，设置 tap 的 MTU；因为端口 owner 是 compute:，它不创建也不 addif 这个 tap。然后它上报设备 up（update_device_list），解除 L2 provisioning block；DHCP agent 也解除了 DHCP block 之后，端口变成 ACTIVE，neutron 发 network-vif-plugged，nova 恢复虚拟机运行。`,
    };
  },
  hints: () => [
    { en: 'Three actors touch the compute node\'s network devices: nova\'s os-vif plugin, libvirt, and the L2 agent.', zh: '计算节点上动网络设备的有三方：nova 的 os-vif 插件、libvirt、L2 agent。' },
    { en: 'Which of the devices in `brctl show` is named in the domain XML, and which is named after the VNI?', zh: '`brctl show` 里哪个设备写在 domain XML 里，哪个是按 VNI 命名的？' },
    { en: 'The port stays DOWN until two agents have reported in.', zh: '端口要等两个 agent 都回报之后才会离开 DOWN。' },
  ],
  explain: (w) => {
    const o = objects(w);
    return paragraphs(
      {
        en: `On ${w.facts.host}: ${o.bridge} was ensured by os-vif, ${o.tap} was created and enslaved by libvirt for ${w.facts.domain}, and ${o.vxlan} was created and added by neutron-linuxbridge-agent (ensure_vxlan_bridge). In add_tap_interface the agent skips brctl addif for compute: owners (neutron 2024.1 linuxbridge_neutron_agent.py l.555-575) — it does addif DHCP and router taps on the network node, which is probably where the seed's description comes from. The seed is right that the tap is the host end of the guest's eth0 (virtio-net); the Networking Guide's "veth pair" wording for instances is loose — it is a TUN/TAP device.`,
        zh: `在 ${w.facts.host} 上：${o.bridge} 由 os-vif 确保存在，${o.tap} 是 libvirt 为 ${w.facts.domain} 创建并挂到网桥上的，${o.vxlan} 则由 neutron-linuxbridge-agent 创建并加入网桥（ensure_vxlan_bridge）。在 add_tap_interface 里，agent 对 compute: 端口跳过 brctl addif（neutron 2024.1 linuxbridge_neutron_agent.py 第 555-575 行）——它会对网络节点上的 DHCP 和路由器 tap 做 addif，资料的说法大概就是从这来的。资料说 tap 就是虚拟机 eth0（virtio-net）在宿主机上的那一端，这点没错；官方 Networking Guide 对实例说的 “veth pair” 是不严谨的，实际是 TUN/TAP 设备。`,
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
