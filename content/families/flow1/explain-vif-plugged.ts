/** Flow 1: explain why the guest starts paused and what network-vif-plugged waits for. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { eventsAbout, firstPortId } from './_helpers.js';

interface Facts { server: string }

function about(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const portId = firstPortId(server);
  const port = w.cloud.db.ports[portId]!;
  const events = eventsAbout(w.cloud, [server.id, portId]);
  const domain = w.cloud.hosts[server.host!]!.domains.find((d) => d.uuid === server.id)!;
  const plugged = events.find((e) => e.name === 'POST /v2.1/os-server-external-events');
  const dhcpBlock = events.some((e) => e.name === 'dhcp_ready_on_ports');
  return { server, port, domain, plugged, dhcpBlock, tap: names.tapName(portId) };
}

export default explainFamily<Facts>({
  id: 'f1-explain-vif-plugged',
  flow: 1,
  traces: true,
  difficulty: 3,
  title: { en: 'Explain the paused guest and network-vif-plugged', zh: '解释虚拟机为什么先暂停、network-vif-plugged 在等什么' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => {
    const a = about(w);
    return {
      en: `While "${w.facts.server}" was building, \`virsh list\` on ${a.server.host} showed ${a.domain.name} as "paused" for a few seconds before it became "running". Explain, as in an interview: why does nova start the guest paused, what exactly is it waiting for, which components must finish before that arrives, and what happens if it never arrives?`,
      zh: `“${w.facts.server}” 创建过程中，${a.server.host} 上的 \`virsh list\` 有几秒钟显示 ${a.domain.name} 是 “paused”，然后才变成 “running”。请像面试那样解释：nova 为什么先让虚拟机暂停？它到底在等什么？要哪些组件做完才等得到？如果一直等不到会怎样？`,
    };
  },
  context: (w) => {
    const a = about(w);
    return [
      shown(w, 'controller', `openstack port show ${a.port.id} -c status -c binding_host_id -c binding_vif_type -c device_owner`),
      shown(w, a.server.host!, `virsh dumpxml ${a.domain.name}`),
    ];
  },
  points: () => [
    { id: 'paused', label: { en: 'libvirt creates the guest paused so it cannot send traffic before its port is wired', zh: 'libvirt 以暂停状态创建虚拟机，端口接好之前它发不出流量' }, patterns: [/paus|暂停|挂起/] },
    { id: 'event', label: { en: 'nova waits for the network-vif-plugged external event', zh: 'nova 等待 network-vif-plugged 外部事件' }, patterns: [/vif[-_ ]?plugged/, /external[-_ ]?event/, /外部事件/] },
    { id: 'neutron', label: { en: 'neutron-server sends it (os-server-external-events) when the port goes from DOWN to ACTIVE', zh: 'neutron-server 在端口从 DOWN 变 ACTIVE 时发出（os-server-external-events）' }, patterns: [/\bactive\b/, /os-server-external-events/, /端口.{0,12}(激活|变为?\s*up|up 了)/] },
    { id: 'l2', label: { en: 'the Linux bridge (L2) agent must wire the tap and report it up (L2 provisioning block)', zh: 'linuxbridge（L2）agent 要把 tap 接好并上报 up（L2 provisioning block）' }, patterns: [/linux ?bridge.{0,6}agent/, /l2[ -]?agent/, /二层.{0,4}agent/, /update_device_list/, /provisioning[ _]?block/, /device.{0,3}up/] },
    { id: 'timeout', label: { en: 'vif_plugging_timeout (300 s by default); vif_plugging_is_fatal makes the build fail', zh: 'vif_plugging_timeout 默认 300 秒；vif_plugging_is_fatal 为真时创建失败' }, patterns: [/vif_plugging_timeout/, /\b300\b/, /超时/, /time ?out/] },
    { id: 'dhcp', label: { en: 'the DHCP agent must also confirm the host entry (dhcp_ready_on_ports, DHCP provisioning block)', zh: 'DHCP agent 也要确认 host 条目写好（dhcp_ready_on_ports，DHCP provisioning block）' }, severity: 'minor', patterns: [/dhcp_ready/, /dhcp.{0,20}(agent|block|确认|写好)/] },
    { id: 'fatal', label: { en: 'on timeout the guest is destroyed and the server goes to ERROR', zh: '超时后虚拟机被销毁，实例变成 ERROR' }, severity: 'minor', patterns: [/\berror\b/, /fatal/, /失败|报错|销毁/] },
    { id: 'resume', label: { en: 'when the event arrives nova resumes the guest and it boots (then asks DHCP)', zh: '事件到了 nova 才 resume 虚拟机，虚拟机启动后再发 DHCP' }, severity: 'minor', patterns: [/resum|恢复运行|继续运行|唤醒/] },
  ],
  model: (w) => {
    const a = about(w);
    return {
      en: `nova's libvirt driver defines ${a.domain.name} paused and waits for a network-vif-plugged external event for port ${a.port.id}, so the guest cannot boot and send DHCP before its network is really wired. neutron-server sends that event (POST /v2.1/os-server-external-events to nova-api, which casts it to nova-compute) when the port goes from DOWN to ACTIVE. That needs every provisioning block lifted: the Linux bridge agent on ${a.server.host} must find ${a.tap}, put vxlan in the bridge, set the MTU and report update_device_list up (L2 block), and ${a.dhcpBlock ? 'the DHCP agent must write the host entry and call dhcp_ready_on_ports (DHCP block)' : 'on a DHCP subnet the DHCP agent would also have to confirm with dhcp_ready_on_ports'}. Then nova resumes the guest, which boots and asks DHCP. If the event never comes within vif_plugging_timeout (300 s), vif_plugging_is_fatal (True) makes nova destroy the guest and fail the build: the server goes to ERROR.`,
      zh: `nova 的 libvirt driver 先以暂停状态定义 ${a.domain.name}，等待端口 ${a.port.id} 的 network-vif-plugged 外部事件，这样网络真正接好之前虚拟机不会启动、也不会发 DHCP。这个事件由 neutron-server 在端口从 DOWN 变成 ACTIVE 时发出（POST /v2.1/os-server-external-events 给 nova-api，再由 nova-api cast 给 nova-compute）。端口要变 ACTIVE，所有 provisioning block 都得解除：${a.server.host} 上的 linuxbridge agent 要发现 ${a.tap}、把 vxlan 设备加进网桥、设置 MTU，然后 update_device_list 上报 up（L2 block）；${a.dhcpBlock ? 'DHCP agent 要写好 host 条目并调用 dhcp_ready_on_ports（DHCP block）' : '如果子网开了 DHCP，DHCP agent 还要用 dhcp_ready_on_ports 确认'}。之后 nova 才 resume 虚拟机，虚拟机启动并发 DHCP。如果在 vif_plugging_timeout（300 秒）内等不到事件，vif_plugging_is_fatal（默认 True）会让 nova 销毁虚拟机、创建失败，实例变成 ERROR。`,
    };
  },
  hints: () => [
    { en: 'Look at the port\'s status field: what must change before nova is told anything?', zh: '看端口的 status 字段：在通知 nova 之前它得怎么变？' },
    { en: 'Two agents can hold a port DOWN: one per host that wires devices, one that serves addresses.', zh: '有两个 agent 能让端口一直是 DOWN：一个是每台主机上负责接设备的，一个是负责发地址的。' },
    { en: 'Two nova.conf options in [DEFAULT] govern the wait: how long, and whether giving up is fatal.', zh: 'nova.conf 的 [DEFAULT] 里有两个选项控制这个等待：等多久，以及等不到算不算失败。' },
  ],
  explain: (w) => {
    const a = about(w);
    return paragraphs(
      {
        en: `In this cloud: ${a.domain.name} on ${a.server.host} was defined paused with ${a.tap} in its <interface>; ${a.plugged ? `neutron sent ${a.plugged.detail}` : 'neutron sent network-vif-plugged'} after port ${a.port.id} went ACTIVE, nova-api cast external_instance_event to nova-compute, and the guest was resumed. ACTIVE on the port means the agents finished wiring, not that the guest has its IP yet: the guest only sends DHCPDISCOVER after it is resumed and booted.`,
        zh: `在这个环境里：${a.server.host} 上的 ${a.domain.name} 以暂停状态定义，<interface> 里是 ${a.tap}；端口 ${a.port.id} 变成 ACTIVE 后，neutron 发出了 network-vif-plugged，nova-api 把 external_instance_event cast 给 nova-compute，虚拟机随即被 resume。端口 ACTIVE 只说明 agent 接线完成，不代表虚拟机已经拿到 IP：虚拟机要 resume 并启动之后才会发 DHCPDISCOVER。`,
      },
      {
        en: 'Where the seed differs: none of this is in the interview material. Its step 19 has nova-compute simply call the hypervisor; in reality the build is gated on neutron, and a dead L2 or DHCP agent shows up as "Timeout waiting for [(\'network-vif-plugged\', …)]" in nova-compute\'s log and "Build of instance … aborted: Failed to allocate the network(s), not rescheduling." on the server.',
        zh: '资料里的差别：面试资料完全没讲这一段。它的第 19 步只说 nova-compute 调 hypervisor 创建虚拟机；实际上创建过程被 neutron 卡着，L2 或 DHCP agent 挂了，就会在 nova-compute 日志里看到 “Timeout waiting for [(\'network-vif-plugged\', …)]”，实例报 “Build of instance … aborted: Failed to allocate the network(s), not rescheduling.”。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
