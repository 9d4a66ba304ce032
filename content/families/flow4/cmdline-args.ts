/** Flow 4: which arguments the 2024.1 dnsmasq command line really has, against the ones from older releases and blog posts. */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { cidrParts, formatIp, netmaskString } from '../../../engine/core/ip.js';
import { DHCP_HOST, dhcpFile, dhcpPortOn, dnsmasqArgList, subnetsOfNet, tenantNetwork } from './_helpers.js';

interface Facts { network: string; networkId: string; right: string[]; wrong: string[] }

/** Outdated or invented arguments, built with this network's values, and why each is not there. */
function outdated(w: World<unknown>, networkId: string): Array<{ arg: string; why: Text }> {
  const net = w.cloud.db.networks[networkId]!;
  const dhcp = dhcpPortOn(w, networkId)!;
  const subnet = subnetsOfNet(w, networkId).find((s) => s.enableDhcp)!;
  const { network, prefix } = cidrParts(subnet.cidr);
  const mask = netmaskString(prefix);
  return [
    { arg: `--interface=${names.dhcpDeviceName(dhcp.id)}`, why: { en: 'Removed in Stein (14.0.0): --local-service replaced --interface=<dev> and --except-interface=lo.', zh: 'Stein（14.0.0）已去掉：--local-service 取代了 --interface=<设备> 和 --except-interface=lo。' } },
    { arg: '--except-interface=lo', why: { en: 'Removed in Stein together with --interface=; --local-service limits DNS answers to directly attached subnets instead.', zh: 'Stein 里和 --interface= 一起去掉了，改由 --local-service 把 DNS 应答限制在直连子网。' } },
    { arg: '--bind-interfaces', why: { en: 'Replaced by --bind-dynamic in Train (15.0.0).', zh: 'Train（15.0.0）起换成了 --bind-dynamic。' } },
    { arg: `--dhcp-range=set:tag0,${formatIp(network)},static,${mask},${w.cloud.config.dhcpLeaseDuration}s`, why: { en: 'tag0/tag1 are the pre-Ussuri tags; since 16.0.0 the range is tagged set:subnet-<subnet uuid>.', zh: 'tag0/tag1 是 Ussuri 之前的写法；16.0.0 起 range 的 tag 是 set:subnet-<子网UUID>。' } },
    { arg: '--conf-file=', why: { en: 'An empty --conf-file= is the pre-Wallaby form; since 18.0.0 it is --conf-file=/dev/null unless dnsmasq_config_file is set.', zh: '空的 --conf-file= 是 Wallaby 之前的写法；18.0.0 起默认是 --conf-file=/dev/null（除非配置了 dnsmasq_config_file）。' } },
    { arg: `--dhcp-option=26,${net.mtu}`, why: { en: 'The MTU is forced with --dhcp-option-force=option:mtu,<mtu>, so it is sent even when the client does not ask for option 26.', zh: 'MTU 用的是 --dhcp-option-force=option:mtu,<mtu>，客户端没请求选项 26 也会下发。' } },
    { arg: `--dhcp-hostsfile=${dhcpFile(networkId, 'host').replace(/host$/, 'hosts')}`, why: { en: 'The file is called host, not hosts.', zh: '文件名是 host，不是 hosts。' } },
  ];
}

/** Real arguments worth asking about (the paths are too easy). */
const NOTABLE = [/^--local-service$/, /^--bind-dynamic$/, /^--conf-file=\/dev\/null$/, /^--dhcp-range=set:subnet-/, /^--dhcp-option-force=option:mtu,/, /^--no-resolv$/, /^--dhcp-lease-max=/, /^--domain=/];

export default choiceFamily<Facts>({
  id: 'f4-cmdline-args',
  flow: 4,
  difficulty: 2,
  multiple: true,
  title: { en: 'Which arguments are on the dnsmasq command line', zh: 'dnsmasq 命令行上有哪些参数' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(0, 1), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const args = dnsmasqArgList(world, net.id);
    const real = args.filter((a) => NOTABLE.some((re) => re.test(a)));
    const fake = outdated(world, net.id).map((o) => o.arg).filter((a) => !args.includes(a));
    return { network: net.name, networkId: net.id, right: pick.some(real, pick.between(3, 4)), wrong: pick.some(fake, pick.between(3, 4)) };
  },
  prompt: (w) => ({
    en: `neutron-dhcp-agent (2024.1) on ${DHCP_HOST} runs dnsmasq for "${w.facts.network}" inside its qdhcp namespace. Without looking at ps: which of these arguments are on that dnsmasq's command line?`,
    zh: `${DHCP_HOST} 上的 neutron-dhcp-agent（2024.1）在 qdhcp 命名空间里为 “${w.facts.network}” 跑着一个 dnsmasq。不看 ps 的情况下，下面哪些参数在这个 dnsmasq 的命令行上？`,
  }),
  context: (w) => [
    shown(w, DHCP_HOST, `ls ${names.dhcpConfDir(w.facts.networkId)}`),
    shown(w, DHCP_HOST, `cat ${dhcpFile(w.facts.networkId, 'interface')}`),
    shown(w, 'controller', `openstack subnet list --network ${w.facts.network} -c ID -c Subnet`),
    shown(w, 'controller', `openstack network show ${w.facts.network} -c mtu`),
  ],
  options: (w) => {
    const args = dnsmasqArgList(w, w.facts.networkId);
    // Re-check against the live process: an option is right exactly when dnsmasq has it.
    const all = [...w.facts.right, ...w.facts.wrong];
    return { right: all.filter((a) => args.includes(a)), wrong: all.filter((a) => !args.includes(a)) };
  },
  whyWrong: (w, option) => {
    const why = outdated(w, w.facts.networkId).find((o) => o.arg === option)?.why;
    return why && { en: `${option}: ${why.en}`, zh: `${option}：${why.zh}` };
  },
  hints: () => [
    { en: 'Several arguments changed between Rocky and Wallaby; the blog posts most people learned from are older.', zh: 'Rocky 到 Wallaby 之间好几个参数变了；大多数人看的博客比这还老。' },
    { en: 'The agent does not pin dnsmasq to an interface any more; it limits answers to local subnets and binds dynamically.', zh: 'agent 已经不再把 dnsmasq 绑死在某个接口上，而是限制只应答本地子网，并动态绑定。' },
    { en: 'Ranges carry a tag named after the subnet\'s UUID; the MTU is forced rather than offered.', zh: 'range 的 tag 用子网 UUID 命名；MTU 是强制下发的，不是普通选项。' },
  ],
  explain: (w) => {
    const args = dnsmasqArgList(w, w.facts.networkId);
    return paragraphs(
      {
        en: `The real line (ps -eo user,args on ${DHCP_HOST}, run as nobody):\n${args.join(' ')}\nHistory of the arguments people still quote: --except-interface=lo and --interface=<ns-dev> were replaced by --local-service in Stein (14.0.0, "Secure dnsmasq process against external abuse"); --bind-interfaces became --bind-dynamic in Train (15.0.0); tags tag0/tag1 became subnet-<uuid> in Ussuri (16.0.0); --conf-file= became --conf-file=/dev/null in Wallaby (18.0.0). The agent starts it as \`ip netns exec ${names.dhcpNamespace(w.facts.networkId)} dnsmasq …\`; the device name is only in the interface file, which the agent reads back on restart.`,
        zh: `实际的命令行（${DHCP_HOST} 上 ps -eo user,args，以 nobody 身份运行）：\n${args.join(' ')}\n大家还在引用的那些参数的来历：--except-interface=lo 和 --interface=<ns设备> 在 Stein（14.0.0，“Secure dnsmasq process against external abuse”）被 --local-service 取代；--bind-interfaces 在 Train（15.0.0）换成 --bind-dynamic；tag0/tag1 在 Ussuri（16.0.0）换成 subnet-<uuid>；--conf-file= 在 Wallaby（18.0.0）换成 --conf-file=/dev/null。agent 用 \`ip netns exec ${names.dhcpNamespace(w.facts.networkId)} dnsmasq …\` 启动它；设备名只写在 interface 文件里，agent 重启时会读回来。`,
      },
      THEN_VS_NOW['dhcp'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
