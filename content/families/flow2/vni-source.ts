/** Flow 2: where did a tenant network's VNI come from? Read from neutron-server's record of the allocation. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { bilingual, eventsAbout } from '../flow1/_helpers.js';

interface Facts { network: string; decoys: string[] }

const ADMIN_NAMES = ['transit', 'ops-net', 'shared-vx', 'infra'];

function info(w: World<Facts>) {
  const net = networkNamed(w.cloud, w.facts.network);
  const alloc = eventsAbout(w.cloud, [net.id]).find((e) => e.name.startsWith('INSERT networks'))!;
  const [lo, hi] = w.cloud.config.vniRange;
  return { net, vni: net.segmentationId!, admin: /requested by the admin/.test(alloc.detail), random: /random free VNI/.test(alloc.detail), lo, hi, detail: alloc.detail };
}

type Option = { text: (i: ReturnType<typeof info>) => Text; why: (i: ReturnType<typeof info>) => Text };

const RANDOM: Option = {
  text: (i) => ({ en: `ML2's vxlan type driver picked a random unallocated VNI from vni_ranges ${i.lo}:${i.hi}`, zh: `ML2 的 vxlan 类型驱动从 vni_ranges ${i.lo}:${i.hi} 里随机挑了一个未分配的 VNI` }),
  why: (i) => ({ en: `Not this time: the request carried provider:segmentation_id ${i.vni}, so ML2 reserved exactly that VNI (admin only).`, zh: `这次不是：请求里带了 provider:segmentation_id ${i.vni}，ML2 直接预留了这个 VNI（只有管理员能这么做）。` }),
};
const ADMIN: Option = {
  text: (i) => ({ en: `An admin asked for it: --provider-segment ${i.vni}`, zh: `管理员指定的：--provider-segment ${i.vni}` }),
  why: () => ({ en: 'Nobody passed --provider-segment for this network (the scenario shows a plain `network create`), so ML2 allocated the VNI itself.', zh: '这个网络创建时没人带 --provider-segment（场景里就是普通的 `network create`），所以是 ML2 自己分配的。' }),
};
const DECOYS: Record<string, Option> = {
  lowest: {
    text: (i) => ({ en: `ML2 took the lowest free VNI in vni_ranges ${i.lo}:${i.hi}`, zh: `ML2 取了 vni_ranges ${i.lo}:${i.hi} 里最小的空闲 VNI` }),
    why: () => ({ en: 'The vxlan type driver does not take the lowest free VNI: get_random_unallocated_segment picks at random among the free ones (compare the VNIs of the networks created one after another).', zh: 'vxlan 类型驱动不会取最小的空闲 VNI：get_random_unallocated_segment 是在空闲的里面随机挑（对比一下先后创建的几个网络的 VNI 就知道）。' }),
  },
  hash: {
    text: () => ({ en: 'It is computed from the network\'s UUID', zh: '由网络的 UUID 计算出来' }),
    why: () => ({ en: 'VNIs are rows in ml2_vxlan_allocations, allocated from vni_ranges; nothing is derived from the UUID (only device names are).', zh: 'VNI 是 ml2_vxlan_allocations 表里的行，从 vni_ranges 里分配；跟 UUID 没关系（用 UUID 的是设备名）。' }),
  },
  agent: {
    text: (i) => ({ en: `The Linux bridge agent on the network node chose it when it created vxlan-${i.vni}`, zh: `网络节点上的 linuxbridge agent 创建 vxlan-${i.vni} 时自己选的` }),
    why: () => ({ en: 'Agents never choose segments: neutron-server allocates the VNI at network create time, before any device exists; the agent only names vxlan-<VNI> after it.', zh: 'agent 从不决定网段：VNI 是 neutron-server 在创建网络时分配的，那时还没有任何设备；agent 只是按 VNI 给 vxlan-<VNI> 起名。' }),
  },
  next: {
    text: () => ({ en: 'It is the previous tenant network\'s VNI plus one', zh: '上一个租户网络的 VNI 加一' }),
    why: () => ({ en: 'Allocation is random among the free VNIs, not sequential.', zh: '分配是在空闲 VNI 里随机挑，不是顺序递增。' }),
  },
  dhcp: {
    text: () => ({ en: 'The DHCP agent assigned it when the subnet was created', zh: '创建子网时由 DHCP agent 分配' }),
    why: () => ({ en: 'The VNI exists as soon as the network does, before any subnet; the DHCP agent has nothing to do with segments.', zh: '网络一创建 VNI 就有了，早于任何子网；DHCP agent 跟网段分配无关。' }),
  },
};

export default choiceFamily<Facts>({
  id: 'f2-vni-source',
  flow: 2,
  difficulty: 1,
  traces: true,
  title: { en: 'Where does a VXLAN network\'s VNI come from?', zh: 'VXLAN 网络的 VNI 是从哪来的？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(2, 3), computes: [1, 2] });
    // The admin's network comes first: ML2 then allocates the tenants' random VNIs around
    // its fixed one, where the other way round its pick could already be taken (409).
    const admin = pick.bool() ? ['. admin-openrc', `openstack network create --provider-network-type vxlan --provider-segment ${pick.between(1, 5000)} ${pick.one(ADMIN_NAMES)}`] : [];
    return { scenario: [...admin, ...t.lines], computes: t.computes };
  },
  facts: (world, pick) => {
    const tenants = Object.values(world.cloud.db.networks).filter((n) => !n.external);
    // Half the time ask about the admin's network when there is one.
    const admin = tenants.find((n) => ADMIN_NAMES.includes(n.name));
    const net = admin && pick.bool() ? admin : pick.one(tenants.filter((n) => n !== admin));
    return { network: net.name, decoys: pick.some(Object.keys(DECOYS), 3) };
  },
  prompt: (w) => ({
    en: `Network "${w.facts.network}" has VNI ${networkNamed(w.cloud, w.facts.network).segmentationId} (below, with the other tenant networks). Where did that VNI come from?`,
    zh: `网络 “${w.facts.network}” 的 VNI 是 ${networkNamed(w.cloud, w.facts.network).segmentationId}（见下，和其他租户网络一起列出）。这个 VNI 是怎么来的？`,
  }),
  context: (w) => Object.values(w.cloud.db.networks).filter((n) => !n.external)
    .map((n) => shown(w, 'controller', `openstack network show ${n.name} -c name -c provider:network_type -c provider:segmentation_id -c project_id`)),
  options: (w) => {
    const i = info(w);
    const right = [bilingual((i.admin ? ADMIN : RANDOM).text(i))];
    const wrong = [bilingual((i.admin ? RANDOM : ADMIN).text(i)), ...w.facts.decoys.map((k) => bilingual(DECOYS[k]!.text(i)))];
    return { right, wrong };
  },
  whyWrong: (w, option) => {
    const i = info(w);
    if (option === bilingual(RANDOM.text(i))) return RANDOM.why(i);
    if (option === bilingual(ADMIN.text(i))) return ADMIN.why(i);
    return Object.values(DECOYS).find((d) => bilingual(d.text(i)) === option)?.why(i);
  },
  hints: () => [
    { en: 'Look at how each network was created in the scenario, and by whom.', zh: '看看场景里每个网络是怎么创建的、由谁创建的。' },
    { en: 'A normal user cannot choose provider attributes; ML2 fills them in from [ml2_type_vxlan] vni_ranges.', zh: '普通用户不能指定 provider 属性；ML2 会按 [ml2_type_vxlan] vni_ranges 来填。' },
    { en: 'Compare the VNIs of networks created one right after the other: are they consecutive?', zh: '比一比紧挨着创建的几个网络的 VNI：它们是连续的吗？' },
  ],
  explain: (w) => {
    const i = info(w);
    return paragraphs(
      {
        en: `neutron-server recorded: "${i.detail}". ${i.admin
          ? `The admin passed --provider-network-type vxlan --provider-segment ${i.vni}; ML2 reserved that VNI (TunnelIdInUse if it were taken). Admin-chosen VNIs may even lie outside vni_ranges ${i.lo}:${i.hi}; the range only bounds automatic allocation.`
          : `A plain \`network create\` by a project user leaves the segment to ML2: tenant_network_types = vxlan, and the vxlan type driver takes a random unallocated VNI from vni_ranges ${i.lo}:${i.hi} (helpers.py → get_random_unallocated_segment), which is why consecutive networks do not get consecutive VNIs.`} Nothing is created on any host at this point; the VNI only names vxlan-${i.vni} later, when a port of the network is wired on a host.`,
        zh: `neutron-server 的记录是：“${i.detail}”。${i.admin
          ? `管理员带了 --provider-network-type vxlan --provider-segment ${i.vni}，ML2 就预留了这个 VNI（被占用的话会报 TunnelIdInUse）。管理员指定的 VNI 甚至可以在 vni_ranges ${i.lo}:${i.hi} 之外；这个范围只约束自动分配。`
          : `项目用户普通地 \`network create\`，网段交给 ML2 决定：tenant_network_types = vxlan，vxlan 类型驱动从 vni_ranges ${i.lo}:${i.hi} 里随机取一个未分配的 VNI（helpers.py → get_random_unallocated_segment），所以连续创建的网络 VNI 并不连续。`}这时任何主机上都还没有设备；VNI 只是在之后网络的端口接到某台主机上时，用来给 vxlan-${i.vni} 起名。`,
      },
      {
        en: 'Where the seed is silent: it never says where the VNI comes from. Many answers claim "the next free VNI"; since the segment allocation helpers were reworked, neutron picks at random among the free ones, unless the network-segment-range plugin or an admin narrows the choice.',
        zh: '资料没讲的地方：资料没说 VNI 从哪来。很多回答说“取下一个空闲 VNI”；实际上 neutron 是在空闲的里面随机挑，除非用了 network-segment-range 插件或者管理员指定。',
      },
      THEN_VS_NOW['overlay'],
    );
  },
});
