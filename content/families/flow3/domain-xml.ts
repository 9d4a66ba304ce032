/** Flow 3: write the <interface> element nova puts in the libvirt domain XML for a Linux bridge port. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { answerText, asAdmin, firstPort, rewritingAnswer, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; host: string; domain: string; network: string; port: string }

/** The interface block of this port in the real `virsh dumpxml`, without the closing tag and the lines libvirt assigns itself. */
function interfaceLines(w: World<Facts>): string[] {
  const xml = w.run(w.facts.host, `virsh dumpxml ${w.facts.domain}`).split('\n').map((l) => l.trim());
  const tap = names.tapName(w.facts.port);
  const target = xml.indexOf(`<target dev='${tap}'/>`);
  let start = target;
  while (start > 0 && !xml[start]!.startsWith('<interface')) start--;
  let end = target;
  while (end < xml.length && xml[end] !== '</interface>') end++;
  return xml.slice(start, end).filter((l) => !l.startsWith('<alias') && !l.startsWith('<address'));
}

const family = linesFamily<Facts>({
  id: 'f3-domain-xml',
  flow: 3,
  difficulty: 2,
  compare: 'text',
  label: { en: 'The <interface> element, one XML line per line (the closing tag may be left out)', zh: '<interface> 元素，每行一个 XML 行（结尾的闭合标签可以不写）' },
  placeholder: "<interface type='…'>",
  title: { en: 'Write the instance\'s <interface> in the libvirt domain XML', zh: '写出实例在 libvirt domain XML 里的 <interface>' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const server = pick.one(serversOn(world, net.id));
    const port = firstPort(world, server);
    const domain = world.cloud.hosts[server.host!]!.domains.find((d) => d.uuid === server.id)!;
    return { server: server.name, host: server.host!, domain: domain.name, network: net.name, port: port.id };
  },
  prompt: (w) => ({
    en: `nova-compute on ${w.facts.host} built the domain ${w.facts.domain} for "${w.facts.server}" (vif_type bridge). Write the <interface> element that \`virsh dumpxml ${w.facts.domain}\` shows for its NIC. Leave out the <alias> and <address> lines libvirt adds by itself.`,
    zh: `${w.facts.host} 上的 nova-compute 为 “${w.facts.server}” 生成了 domain ${w.facts.domain}（vif_type 为 bridge）。请写出 \`virsh dumpxml ${w.facts.domain}\` 里这块网卡的 <interface> 元素。libvirt 自己加的 <alias> 和 <address> 行不用写。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address"`),
    shown(w, 'controller', `openstack network show ${w.facts.network} -c id -c mtu -c provider:network_type`),
    shown(w, w.facts.host, 'virsh list'),
  ],
  expected: interfaceLines,
  source: (w) => ({ host: w.facts.host, command: `virsh dumpxml ${w.facts.domain}` }),
  hints: () => [
    { en: 'For vif_type bridge, nova writes a bridge-type interface with five children: mac, source, target, model and mtu.', zh: 'vif_type 为 bridge 时，nova 写的是 bridge 类型的 interface，下面五个子元素：mac、source、target、model、mtu。' },
    { en: 'The source is the Linux bridge the agent and os-vif use for this network; the target is the TAP libvirt will create.', zh: 'source 是这个网络对应的 Linux 网桥（agent 和 os-vif 用的那个），target 是 libvirt 要创建的 TAP。' },
    { en: 'Both device names are a 3-letter prefix plus the first 11 characters of an ID; the MAC is the port\'s, the model is virtio.', zh: '两个设备名都是 3 个字母前缀加某个 ID 的前 11 位；MAC 用端口的 MAC，model 是 virtio。' },
  ],
  explain: (w) => {
    const net = w.cloud.db.networks[firstPort(w, serverNamed(w.cloud, w.facts.server)).networkId]!;
    const got = interfaceLines(w);
    return paragraphs(
      {
        en: `${w.facts.domain} has:\n${got.join('\n')}\n</interface>\nnova's LibvirtConfigGuestInterface for VIFBridge (_set_config_VIFBridge) sets source bridge = "brq" + network_id, truncated to 14 characters (${names.bridgeName(net.id)}), target dev = "tap" + port_id, truncated to 14 (${names.tapName(w.facts.port)}), the port MAC, model virtio, and <mtu size='${net.mtu}'/> from the network MTU. When the domain starts, libvirt creates that TAP, gives it the host MAC fe:…, sets the MTU and enslaves it to the bridge named in <source>; os-vif had already made sure the bridge exists.`,
        zh: `${w.facts.domain} 里是：\n${got.join('\n')}\n</interface>\nnova 为 VIFBridge 生成接口配置（_set_config_VIFBridge）：source bridge = “brq” + network_id 截到 14 个字符（${names.bridgeName(net.id)}），target dev = “tap” + port_id 截到 14 个字符（${names.tapName(w.facts.port)}），MAC 用端口 MAC，model 是 virtio，<mtu size='${net.mtu}'/> 来自网络 MTU。domain 启动时 libvirt 创建这个 TAP，给它设宿主机侧 MAC fe:…，设好 MTU，并挂到 <source> 指定的网桥上；网桥在此之前已经由 os-vif 确保存在。`,
      },
      SEED_SIMPLIFIES['agentCreatesTap'],
      {
        en: 'Then vs now: nova master removed Linux bridge VIF support in 2026 ("Linux bridge VIFs are no longer supported by Nova"); with ML2/OVS or OVN the NIC is an <interface type=\'bridge\'> whose source is br-int, with <virtualport type=\'openvswitch\'> carrying the port ID.',
        zh: '当年与现在：nova master 在 2026 年删除了 Linux bridge VIF 支持（报 "Linux bridge VIFs are no longer supported by Nova"）；ML2/OVS 或 OVN 下网卡是 source 为 br-int 的 <interface type=\'bridge\'>，带一个写着端口 ID 的 <virtualport type=\'openvswitch\'>。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});

/** Double quotes and the closing tag are fine; libvirt's own <alias>/<address> lines are ignored. */
export default rewritingAnswer(family, (answer) =>
  answerText(answer)
    .split('\n')
    .map((l) => l.trim().replace(/"/g, "'").replace(/\s*\/>$/, '/>'))
    .filter((l) => l !== '</interface>' && !l.startsWith('<alias') && !l.startsWith('<address'))
    .join('\n'));
