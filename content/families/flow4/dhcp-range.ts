/** Flow 4: the per-subnet and per-network arguments of the dnsmasq command line: --dhcp-range, the forced MTU option, --dhcp-lease-max. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { DHCP_HOST, dnsmasqArgList, explainingBlanks, subnetsOfNet, tenantNetwork } from './_helpers.js';

interface Facts { network: string; networkId: string; subnet: string; subnetId: string }

function arg(w: World<Facts>, prefix: string): string {
  return dnsmasqArgList(w, w.facts.networkId).find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? '';
}

function values(w: World<Facts>) {
  return {
    range: dnsmasqArgList(w, w.facts.networkId).find((a) => a.startsWith(`--dhcp-range=set:subnet-${w.facts.subnetId},`))!.slice('--dhcp-range='.length),
    mtu: arg(w, '--dhcp-option-force=option:mtu,'),
    leaseMax: arg(w, '--dhcp-lease-max='),
  };
}

const family = fieldsFamily<Facts>({
  id: 'f4-dhcp-range',
  flow: 4,
  difficulty: 2,
  title: { en: 'Fill in dnsmasq\'s --dhcp-range, MTU and lease-max arguments', zh: '填出 dnsmasq 的 --dhcp-range、MTU 和 lease-max 参数' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(0, 1), router: pick.bool(), secondSubnet: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const subnet = pick.one(subnetsOfNet(world, net.id).filter((s) => s.enableDhcp));
    return { network: net.name, networkId: net.id, subnet: subnet.name, subnetId: subnet.id };
  },
  prompt: (w) => ({
    en: `neutron-dhcp-agent started dnsmasq for "${w.facts.network}" with the defaults (dhcp_lease_duration = 86400). Give the value of the --dhcp-range argument for subnet "${w.facts.subnet}", the MTU value it forces with --dhcp-option-force=option:mtu, and the value of --dhcp-lease-max.`,
    zh: `neutron-dhcp-agent 按默认配置（dhcp_lease_duration = 86400）为 “${w.facts.network}” 启动了 dnsmasq。请写出子网 “${w.facts.subnet}” 对应的 --dhcp-range 参数值、--dhcp-option-force=option:mtu 强制下发的 MTU 值，以及 --dhcp-lease-max 的值。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack subnet list --network ${w.facts.network} -c ID -c Name -c Subnet`),
    shown(w, 'controller', `openstack network show ${w.facts.network} -c provider:network_type -c provider:segmentation_id`),
  ],
  blanks: (w) => {
    const v = values(w);
    const src = { host: DHCP_HOST, command: 'ps -eo user,args' };
    return [
      { id: 'range', label: { en: `--dhcp-range= value for ${w.facts.subnet}`, zh: `${w.facts.subnet} 的 --dhcp-range= 值` }, type: 'text', expected: v.range, alternatives: [`--dhcp-range=${v.range}`], placeholder: 'set:…,…,static,…,…', source: src },
      { id: 'mtu', label: { en: 'MTU forced by --dhcp-option-force=option:mtu', zh: '--dhcp-option-force=option:mtu 强制下发的 MTU' }, type: 'number', expected: v.mtu, severity: 'minor', source: src },
      { id: 'lease_max', label: { en: '--dhcp-lease-max= value', zh: '--dhcp-lease-max= 的值' }, type: 'number', expected: v.leaseMax, source: src },
    ];
  },
  hints: () => [
    { en: 'The range is tagged with the subnet: set:subnet-<subnet uuid>, then the network address, the mode, the netmask in dotted form and the lease with its unit.', zh: 'range 带子网的 tag：set:subnet-<子网UUID>，然后是网络地址、模式、点分十进制掩码和带单位的租期。' },
    { en: 'neutron never lets dnsmasq pick addresses by itself: the mode is the one that only serves reservations from the host file.', zh: 'neutron 从不让 dnsmasq 自己挑地址：模式是只按 host 文件预留来分配的那种。' },
    { en: 'lease-max is the number of addresses of all DHCP-enabled subnets of the network together (capped at 2^24); the MTU is the network\'s.', zh: 'lease-max 是这个网络所有开了 DHCP 的子网地址总数（上限 2^24）；MTU 就是网络的 MTU。' },
  ],
  explain: (w) => {
    const v = values(w);
    const subs = subnetsOfNet(w, w.facts.networkId).filter((s) => s.enableDhcp);
    const ranges = dnsmasqArgList(w, w.facts.networkId).filter((a) => a.startsWith('--dhcp-range='));
    return paragraphs(
      {
        en: `dnsmasq for ${w.facts.network} runs with ${ranges.join(' ')} --dhcp-option-force=option:mtu,${v.mtu} --dhcp-lease-max=${v.leaseMax}. _build_cmdline_callback writes one --dhcp-range per DHCP-enabled subnet: set:subnet-<uuid> names the tag the opts lines match, then the network address, "static" (only hosts from --dhcp-hostsfile get leases — there is no dynamic pool), the netmask and the lease (${v.range.split(',').at(-1)}; "infinite" if dhcp_lease_duration = -1). The MTU ${v.mtu} (VXLAN: 1500 - 50) is forced as option 26 even if the client did not ask. lease-max = ${subs.map((s) => `2^(32-${s.cidr.split('/')[1]})`).join(' + ')} = ${v.leaseMax}.`,
        zh: `${w.facts.network} 的 dnsmasq 参数里有 ${ranges.join(' ')} --dhcp-option-force=option:mtu,${v.mtu} --dhcp-lease-max=${v.leaseMax}。_build_cmdline_callback 为每个开了 DHCP 的子网写一个 --dhcp-range：set:subnet-<uuid> 是 opts 各行匹配用的 tag，后面是网络地址、“static”（只有 --dhcp-hostsfile 里的主机能拿到租约，根本没有动态地址池）、掩码和租期（${v.range.split(',').at(-1)}；dhcp_lease_duration = -1 时是 infinite）。MTU ${v.mtu}（VXLAN：1500 - 50）作为选项 26 强制下发，客户端没请求也会发。lease-max = ${subs.map((s) => `2^(32-${s.cidr.split('/')[1]})`).join(' + ')} = ${v.leaseMax}。`,
      },
      {
        en: 'Then vs now: before Ussuri the range was tagged set:tag0, set:tag1… by subnet position; the MTU option exists since Liberty. Misconception: "neutron sets the 12 h renew time" — it sets only the lease; dnsmasq derives T1 = 1/2 and T2 = 7/8 unless dhcp_renewal_time / dhcp_rebinding_time are set.',
        zh: '当年与现在：Ussuri 之前 range 的 tag 按子网序号写成 set:tag0、set:tag1…；MTU 选项从 Liberty 开始才有。误区：“neutron 设置了 12 小时的续租时间”——neutron 只设租期，T1 = 1/2、T2 = 7/8 是 dnsmasq 自己算的，除非配置了 dhcp_renewal_time / dhcp_rebinding_time。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});

/** Old tags, a dynamic range, usable-host counts and the physical MTU get their reasons. */
export default explainingBlanks(family, (blank, given, expected) => {
  const g = given.trim().toLowerCase();
  if (blank === 'range' && /tag\d/.test(g)) return { en: 'tag0/tag1 are the pre-Ussuri tags; 2024.1 tags each range set:subnet-<subnet uuid>.', zh: 'tag0/tag1 是 Ussuri 之前的写法；2024.1 里每个 range 的 tag 是 set:subnet-<子网UUID>。' };
  if (blank === 'range' && !g.includes('static')) return { en: 'neutron always uses "static" mode: dnsmasq has no dynamic pool, only the host-file reservations.', zh: 'neutron 一律用 “static” 模式：dnsmasq 没有动态地址池，只按 host 文件预留分配。' };
  if (blank === 'lease_max' && Number(g) > 0 && Number(g) < Number(expected)) return { en: 'neutron counts every address of each DHCP subnet (num_addresses), network and broadcast included.', zh: 'neutron 算的是每个 DHCP 子网的全部地址数（num_addresses），网络地址和广播地址也算在内。' };
  if (blank === 'mtu' && Number(g) === 1500 && expected !== '1500') return { en: '1500 is the physical MTU; the VXLAN network\'s MTU is 50 bytes less.', zh: '1500 是物理网络 MTU；VXLAN 网络的 MTU 要少 50 字节。' };
  return undefined;
});
