/** Flow 3: what turns the instance port from DOWN to ACTIVE (provisioning blocks), with this cloud's agents and devices. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { flowTrace, names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { both } from './_helpers.js';

interface Facts { server: string; host: string; port: string; mac: string; ip: string; network: string; dhcp: boolean }

interface Option { text: string; right: boolean; why?: Text }

function options(w: World<Facts>): Option[] {
  const f = w.facts;
  const tap = names.tapName(f.port);
  const rightText: Text = f.dhcp
    ? { en: `neutron-linuxbridge-agent on ${f.host} reports ${tap} up (update_device_list) and neutron-dhcp-agent reports the host entry for ${f.mac} ready (dhcp_ready_on_ports): both provisioning blocks are lifted`, zh: `${f.host} 上的 neutron-linuxbridge-agent 上报 ${tap} up（update_device_list），neutron-dhcp-agent 上报 ${f.mac} 的 host 条目已就绪（dhcp_ready_on_ports）：两个 provisioning block 都解除了` }
    : { en: `neutron-linuxbridge-agent on ${f.host} reports ${tap} up (update_device_list): the only provisioning block, L2, is lifted`, zh: `${f.host} 上的 neutron-linuxbridge-agent 上报 ${tap} up（update_device_list）：唯一的 provisioning block（L2）解除了` };
  return [
    { right: true, text: both(rightText) },
    {
      right: false,
      text: both({ en: `nova-compute on ${f.host} sets status=ACTIVE with a PUT once libvirt has started the domain`, zh: `libvirt 启动 domain 之后，${f.host} 上的 nova-compute 用 PUT 把端口 status 改成 ACTIVE` }),
      why: { en: 'nova never writes the port status. It is the other way round: the guest stays paused until neutron, having set ACTIVE itself, sends network-vif-plugged.', zh: 'nova 从不写端口状态。恰恰相反：虚拟机一直暂停，等 neutron 自己把端口置为 ACTIVE 后发来 network-vif-plugged 才继续。' },
    },
    {
      right: false,
      text: both({ en: `The guest receives a DHCPACK for ${f.ip}`, zh: `虚拟机收到了分配 ${f.ip} 的 DHCPACK` }),
      why: { en: 'The port is ACTIVE before the guest even runs: ACTIVE means the agents finished wiring, not that the guest has its address.', zh: '虚拟机还没运行端口就已经 ACTIVE 了：ACTIVE 表示 agent 接线完成，不代表虚拟机已经拿到地址。' },
    },
    {
      right: false,
      text: both({ en: `ML2 binds the port to ${f.host} with binding:vif_type=bridge when nova sets binding:host_id`, zh: `nova 设置 binding:host_id 后，ML2 把端口绑定到 ${f.host}，binding:vif_type=bridge` }),
      why: { en: 'Binding happens first and leaves the port DOWN, with its provisioning blocks added; it is the start of the wait, not the end.', zh: '绑定发生在最前面，绑完端口仍是 DOWN，并且被加上了 provisioning block；这是等待的开始而不是结束。' },
    },
    {
      right: false,
      text: both({ en: `neutron-server casts fdb_add so the other nodes learn ${f.mac} behind ${f.host}'s VTEP`, zh: `neutron-server cast fdb_add，让其他节点知道 ${f.mac} 在 ${f.host} 的 VTEP 后面` }),
      why: { en: 'l2population reacts to the port becoming ACTIVE; it is a consequence, not the cause.', zh: 'l2population 是在端口变成 ACTIVE 之后才动作的，是结果不是原因。' },
    },
  ];
}

export default choiceFamily<Facts>({
  id: 'f3-port-active',
  flow: 3,
  difficulty: 2,
  title: { en: 'What makes the instance port go ACTIVE', zh: '实例端口是怎么变成 ACTIVE 的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, router: pick.bool(), dhcp: pick.int(4) !== 0 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const server = Object.values(world.cloud.db.servers).at(-1)!;
    const port = world.cloud.db.ports[server.portIds[0]!]!;
    const dhcp = Object.values(world.cloud.db.subnets).some((s) => s.networkId === port.networkId && s.enableDhcp);
    return { server: server.name, host: server.host!, port: port.id, mac: port.macAddress, ip: port.fixedIps[0]!.ipAddress, network: world.cloud.db.networks[port.networkId]!.name, dhcp };
  },
  prompt: (w) => ({
    en: `Right after nova-compute bound the port of "${w.facts.server}" (network "${w.facts.network}"${w.facts.dhcp ? '' : ', DHCP disabled on its subnet'}), \`openstack port show\` said DOWN; now it says ACTIVE. What moved it to ACTIVE?`,
    zh: `nova-compute 刚绑定 “${w.facts.server}” 的端口时（网络 “${w.facts.network}”${w.facts.dhcp ? '' : '，子网关闭了 DHCP'}），\`openstack port show\` 显示 DOWN；现在显示 ACTIVE。是什么让它变成 ACTIVE 的？`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack port show ${w.facts.port} -c binding_host_id -c binding_vif_type -c device_owner -c status`),
    shown(w, 'controller', `openstack subnet list --network ${w.facts.network} -c Name -c Subnet`),
  ],
  options: (w) => {
    const all = options(w);
    return { right: all.filter((o) => o.right).map((o) => o.text), wrong: all.filter((o) => !o.right).map((o) => o.text) };
  },
  whyWrong: (w, option) => options(w).find((o) => o.text === option)?.why,
  hints: (w) => [
    { en: 'neutron holds a port DOWN with "provisioning blocks", one per component that still has work to do.', zh: 'neutron 用 “provisioning block” 把端口压在 DOWN，每个还没干完活的组件一个。' },
    { en: w.facts.dhcp ? 'On a subnet with DHCP, two agents each have to confirm.' : 'With DHCP disabled on the subnet, only one agent has to confirm.', zh: w.facts.dhcp ? '子网开了 DHCP，就要两个 agent 各自确认。' : '子网没开 DHCP，只需要一个 agent 确认。' },
    { en: 'The guest is still paused when the port turns ACTIVE.', zh: '端口变成 ACTIVE 的时候，虚拟机还处于暂停状态。' },
  ],
  explain: (w) => {
    const trace = flowTrace(w.cloud, 3).filter((s) => /update_device_list|dhcp_ready_on_ports|status=ACTIVE|os-server-external-events/.test(s.message));
    return paragraphs(
      {
        en: `On this cloud's bus: ${trace.map((s) => `${s.actor} → ${s.target}: ${s.message}`).join('; ')}. When nova set binding:host_id, ML2 bound the port (vif_type bridge) and added provisioning blocks: L2${w.facts.dhcp ? ' and DHCP' : ' only (no DHCP-enabled subnet)'}. The Linux bridge agent lifts L2 with update_device_list(devices_up) after wiring ${names.tapName(w.facts.port)}; ${w.facts.dhcp ? `the DHCP agent lifts DHCP with dhcp_ready_on_ports once the host line for ${w.facts.mac} is written and dnsmasq was sent SIGHUP; ` : ''}the last lift sets the port ACTIVE, and the status change makes neutron send network-vif-plugged to nova, which resumes the paused guest. Only after that does the guest send DHCP${w.facts.dhcp ? '' : ' (here no dnsmasq answers it: with DHCP off, the guest needs config drive or static configuration)'}. If the event never comes, nova gives up after vif_plugging_timeout = 300 s and fails the build.`,
        zh: `这个环境的消息总线上：${trace.map((s) => `${s.actor} → ${s.target}：${s.message}`).join('；')}。nova 设置 binding:host_id 时，ML2 完成绑定（vif_type bridge）并加上 provisioning block：L2${w.facts.dhcp ? ' 和 DHCP' : '（子网没开 DHCP，所以只有这一个）'}。linuxbridge agent 接好 ${names.tapName(w.facts.port)} 后用 update_device_list(devices_up) 解除 L2；${w.facts.dhcp ? `DHCP agent 写好 ${w.facts.mac} 的 host 条目、给 dnsmasq 发了 SIGHUP 之后，用 dhcp_ready_on_ports 解除 DHCP；` : ''}最后一个 block 解除时端口变成 ACTIVE，状态变化触发 neutron 向 nova 发 network-vif-plugged，nova 恢复暂停的虚拟机。这之后虚拟机才会发 DHCP${w.facts.dhcp ? '' : '（这里子网没开 DHCP，没有 dnsmasq 应答，虚拟机得靠 config drive 或静态配置）'}。如果事件一直不来，nova 等满 vif_plugging_timeout = 300 秒就让构建失败。`,
      },
      {
        en: 'The seed does not mention this handshake at all; it is the reason a broken L2 or DHCP agent shows up as "instance stuck in BUILD, then ERROR: Virtual Interface creation failed".',
        zh: '资料里完全没提这个握手过程；L2 或 DHCP agent 出问题时表现为 “实例卡在 BUILD，随后 ERROR：Virtual Interface creation failed”，原因就在这里。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
