/** Flow 7: after `router set --external-gateway`, name the gateway devices on the network node and the qg- MTU. */
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { names } from '../../lookup.js';
import { bridgePorts, fieldsFamilyExplained, gatewayView, linkIn, SEED_NOTES, theRouter } from './_helpers.js';

interface Facts { router: string; ext: string }

function view(w: World<Facts>) {
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  const qg = linkIn(w.cloud, gw.ns, gw.dev)!;
  // The physical NIC is the bridge port that is neither a veth nor a tap of a port: a real (ether) link.
  const nic = w.cloud.hosts['controller']!.root.links.find((l) => l.master === gw.bridge && l.kind === 'ether')!;
  const qr = w.cloud.hosts['controller']!.namespaces[gw.ns]!.links.find((l) => l.name.startsWith('qr-'));
  return { gw, mtu: qg.mtu, nic: nic.name, qrMtu: qr?.mtu };
}

export default fieldsFamilyExplained<Facts>({
  id: 'f7-gateway-devices',
  flow: 7,
  difficulty: 1,
  title: { en: 'Name the router gateway devices and the qg- MTU', zh: '说出路由器网关相关的设备名和 qg- 的 MTU' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(0, 1), gateway: true });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const router = theRouter(world.cloud);
    return { router: router.name, ext: world.cloud.db.networks[router.gateway!.networkId]!.name };
  },
  prompt: (w) => ({
    en: `\`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext}\` has just been run. On the controller (network node), give: the gateway interface inside the router namespace, its MTU, its veth peer in the root namespace, the Linux bridge that peer is plugged into, and the physical NIC that bridge also holds.`,
    zh: `刚执行了 \`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext}\`。在控制节点（网络节点）上，请写出：路由器命名空间里的网关接口名、它的 MTU、它在根命名空间里的 veth 对端、这个对端挂在哪个 Linux 网桥上，以及这个网桥上还挂着哪块物理网卡。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack port list --router ${w.facts.router} --long -c ID -c "Fixed IP Addresses" -c "Device Owner"`),
    shown(w, 'controller', `openstack network show ${w.facts.ext} -c id -c provider:network_type -c provider:physical_network -c router:external`),
  ],
  blanks: (w) => {
    const { gw, mtu, nic } = view(w);
    return [
      { id: 'qg', label: { en: 'Gateway interface in the router namespace', zh: '路由器命名空间里的网关接口' }, type: 'device', expected: gw.dev, placeholder: 'qg-…', source: { host: 'controller', command: `ip netns exec ${gw.ns} ip addr` } },
      { id: 'mtu', label: { en: 'MTU of that interface', zh: '该接口的 MTU' }, type: 'number', expected: String(mtu), placeholder: '1500', source: { host: 'controller', command: `ip netns exec ${gw.ns} ip link show ${gw.dev}` } },
      { id: 'peer', label: { en: 'Its veth peer in the root namespace', zh: '它在根命名空间里的 veth 对端' }, type: 'device', expected: gw.tap, placeholder: 'tap…', source: { host: 'controller', command: 'brctl show' } },
      { id: 'bridge', label: { en: 'Bridge the peer is plugged into', zh: '对端所在的网桥' }, type: 'device', expected: gw.bridge, placeholder: 'brq…', source: { host: 'controller', command: 'brctl show' } },
      { id: 'nic', label: { en: 'Physical NIC in the same bridge', zh: '同一网桥上的物理网卡' }, type: 'device', expected: nic, placeholder: 'eth…', source: { host: 'controller', command: 'brctl show' } },
    ];
  },
  hints: () => [
    { en: 'The gateway port has device_owner network:router_gateway; every neutron device name is a 3-letter prefix plus the first 11 characters of an ID.', zh: '网关端口的 device_owner 是 network:router_gateway；neutron 的设备名都是 3 个字母的前缀加某个 ID 的前 11 位。' },
    { en: 'Which ID names the bridge: the port\'s or the network\'s? The external network here is flat, not VXLAN.', zh: '网桥名用的是端口 ID 还是网络 ID？这里的外部网络是 flat，不是 VXLAN。' },
    { en: 'With Linux bridge there is no br-ex; physical_interface_mappings = provider:… says which NIC is enslaved.', zh: 'Linux bridge 方案里没有 br-ex；physical_interface_mappings = provider:… 决定了挂进去的是哪块网卡。' },
  ],
  explain: (w) => {
    const { gw, mtu, nic, qrMtu } = view(w);
    const ports = bridgePorts(w.cloud, 'controller', gw.bridge);
    return paragraphs(
      {
        en: `The gateway port ${gw.port.id} (network:router_gateway, ${gw.ip}) is plugged by the L3 agent's BridgeInterfaceDriver as a veth pair: ${gw.dev} inside ${gw.ns} and ${gw.tap} in the root namespace ("qg"/"tap" + the port ID's first 11 characters). The Linux bridge agent then puts ${gw.tap} into the external network's bridge ${gw.bridge} ("brq" + the network ID's first 11 characters), which already holds ${nic} from physical_interface_mappings; \`brctl show\` lists ${ports.join(', ')} there. ${gw.dev} gets the external network's MTU, ${mtu} (a flat network gets global_physnet_mtu; no VXLAN overhead)${qrMtu ? `, while the qr- side on the VXLAN tenant network has ${qrMtu}` : ''}. The agent then adds ${gw.ip} to ${gw.dev}, sends gratuitous ARPs for it and adds \`default via ${gw.extGateway} dev ${gw.dev} proto static\`.`,
        zh: `网关端口 ${gw.port.id}（network:router_gateway，${gw.ip}）由 L3 agent 的 BridgeInterfaceDriver 插成一对 veth：${gw.ns} 里的 ${gw.dev} 和根命名空间里的 ${gw.tap}（“qg”/“tap” + 端口 ID 前 11 位）。随后 linuxbridge agent 把 ${gw.tap} 加进外部网络的网桥 ${gw.bridge}（“brq” + 网络 ID 前 11 位），这个网桥上本来就有 physical_interface_mappings 指定的 ${nic}；\`brctl show\` 里能看到 ${ports.join('、')}。${gw.dev} 的 MTU 跟外部网络一致，是 ${mtu}（flat 网络直接用 global_physnet_mtu，没有 VXLAN 开销）${qrMtu ? `，而租户 VXLAN 网络那一侧的 qr- 是 ${qrMtu}` : ''}。之后 agent 给 ${gw.dev} 配上 ${gw.ip}，为它发免费 ARP，并加上 \`default via ${gw.extGateway} dev ${gw.dev} proto static\`。`,
      },
      SEED_NOTES['extBridge'],
      SEED_NOTES['gatewayIp'],
      THEN_VS_NOW['bridges'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
}, (w, blank, given) => {
  const g = given.trim().toLowerCase();
  const { gw, qrMtu } = view(w);
  if (blank === 'bridge' && g === 'br-ex') return { en: 'There is no br-ex with the Linux bridge agent: the external network gets its own brq<network[:11]> bridge like any other network (the L3 agent\'s external_network_bridge option was removed in Stein).', zh: 'linuxbridge agent 方案里没有 br-ex：外部网络和其他网络一样有自己的 brq<网络ID前11位> 网桥（L3 agent 的 external_network_bridge 选项在 Stein 就删了）。' };
  if (blank === 'bridge' && g === names.bridgeName(gw.port.id).toLowerCase()) return { en: 'A bridge is named after the network ID, not after the port ID.', zh: '网桥名取的是网络 ID，不是端口 ID。' };
  if (blank === 'mtu' && qrMtu !== undefined && g === String(qrMtu)) return { en: `${qrMtu} is the MTU of the VXLAN tenant side (qr-); ${gw.dev} sits on the flat external network, which has no encapsulation overhead.`, zh: `${qrMtu} 是 VXLAN 租户侧（qr-）的 MTU；${gw.dev} 在 flat 外部网络上，没有封装开销。` };
  if (blank === 'nic' && g === w.cloud.config.managementInterface) return { en: `${w.cloud.config.managementInterface} is the management/overlay interface (the VXLAN VTEP); the flat provider network is mapped by physical_interface_mappings to ${w.cloud.config.providerInterface}.`, zh: `${w.cloud.config.managementInterface} 是管理/隧道网卡（VXLAN VTEP）；flat provider 网络通过 physical_interface_mappings 映射到的是 ${w.cloud.config.providerInterface}。` };
  if ((blank === 'qg' && g.startsWith('tap')) || (blank === 'peer' && g.startsWith('qg-'))) return { en: 'qg- is the end inside the router namespace; tap… with the same suffix is its peer in the root namespace.', zh: 'qg- 是在路由器命名空间里的那一端；同样后缀的 tap… 是它在根命名空间里的对端。' };
  return undefined;
});
