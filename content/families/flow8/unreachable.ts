/** Flow 8: floating IP association fails with "External network … is not reachable from subnet …" — what fixes it? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, Text, World } from '../../types.js';
import { afterCommand, afterCommands, fixedIpOf, SEED_NOTES, serverByName } from '../flow7/_helpers.js';

interface Facts {
  server: string;
  fip: string;
  router: string;
  ext: string;
  /** What is missing: the router has no interface on the instance's subnet, or no gateway at all. */
  missing: 'interface' | 'gateway';
  subnet: string;
  extSubnet: string;
  otherSubnet: string | null;
}

const associate = (f: Facts) => `openstack server add floating ip ${f.server} ${f.fip}`;

function candidates(f: Facts): { right: string; wrong: string[] } {
  const addSubnet = `openstack router add subnet ${f.router} ${f.subnet}`;
  const setGateway = `openstack router set ${f.router} --external-gateway ${f.ext}`;
  const wrong = [
    f.missing === 'interface' ? setGateway : addSubnet,
    `openstack floating ip create ${f.ext}`,
    `openstack router add subnet ${f.router} ${f.extSubnet}`,
    ...(f.otherSubnet ? [`openstack router add subnet ${f.router} ${f.otherSubnet}`] : []),
  ];
  return { right: f.missing === 'interface' ? addSubnet : setGateway, wrong: wrong.filter((c) => c !== (f.missing === 'interface' ? addSubnet : setGateway)) };
}

/** Whether running `command` first lets the association succeed, tried on a copy of the cloud. */
function fixes(w: World<unknown>, f: Facts, command: string): boolean {
  return afterCommands(w.cloud, [command, associate(f)]).exitCode === 0;
}

export default choiceFamily<Facts>({
  id: 'f8-unreachable',
  flow: 8,
  difficulty: 2,
  title: { en: 'Floating IP association fails: external network not reachable', zh: '浮动 IP 绑定失败：External network … is not reachable' },
  setup: (pick) => {
    if (pick.bool()) {
      // The router has a gateway, but the instance's subnet was detached from it.
      const t = tenantCloud(pick, { tenants: 2, instances: 2, gateway: true });
      return { scenario: [...t.lines, `openstack router remove subnet ${t.router} ${t.tenants[1]!.subnet}`, `openstack floating ip create ${t.provider.network}`], computes: t.computes };
    }
    // The instance's subnet is on the router, but the router never got a gateway.
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: 1, router: true });
    return { scenario: [...t.lines, `openstack floating ip create ${t.provider.network}`], computes: t.computes };
  },
  facts: (world) => {
    const db = world.cloud.db;
    const router = Object.values(db.routers)[0]!;
    const ext = Object.values(db.networks).find((n) => n.external)!;
    const fip = Object.values(db.floatingIps).find((x) => !x.portId)!;
    const attached = new Set(Object.values(db.ports).filter((p) => p.deviceId === router.id && p.deviceOwner === 'network:router_interface').flatMap((p) => p.fixedIps.map((x) => x.subnetId)));
    const servers = Object.values(db.servers);
    const server = router.gateway ? servers.find((s) => !attached.has(db.ports[s.portIds[0]!]!.fixedIps[0]!.subnetId))! : servers[0]!;
    const subnetId = db.ports[server.portIds[0]!]!.fixedIps[0]!.subnetId;
    const other = Object.values(db.subnets).find((s) => !db.networks[s.networkId]!.external && s.id !== subnetId);
    const f: Facts = {
      server: server.name, fip: fip.floatingIpAddress, router: router.name, ext: ext.name,
      missing: router.gateway ? 'interface' : 'gateway', subnet: db.subnets[subnetId]!.name,
      extSubnet: Object.values(db.subnets).find((s) => s.networkId === ext.id)!.name, otherSubnet: other?.name ?? null,
    };
    // The question is only fair if the association really fails, the right command really mends it and no other one does.
    if (afterCommand(world.cloud, associate(f)).exitCode === 0) throw new Error('f8-unreachable: the association works');
    const { right, wrong } = candidates(f);
    if (!fixes(world, f, right) || wrong.some((c) => fixes(world, f, c))) throw new Error('f8-unreachable: the options do not separate');
    return f;
  },
  prompt: (w) => ({
    en: `The user runs \`${associate(w.facts)}\` and gets the error below. Which single command, run first, makes the association succeed?`,
    zh: `用户执行 \`${associate(w.facts)}\`，报了下面的错。先执行哪一条命令，之后就能绑定成功？`,
  }),
  context: (w): Shown[] => {
    const failed = afterCommand(w.cloud, associate(w.facts));
    return [
      { host: 'controller', command: associate(w.facts), output: failed.stderr },
      shown(w, 'controller', 'openstack subnet list'),
      shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info -c interfaces_info`),
      shown(w, 'controller', `openstack server show ${w.facts.server} -c addresses`),
    ];
  },
  options: (w) => {
    const { right, wrong } = candidates(w.facts);
    return { right: [right], wrong };
  },
  whyWrong: (w, option): Text | undefined => {
    const f = w.facts;
    if (option.includes('--external-gateway')) return { en: `${f.router} already has a gateway on ${f.ext} (external_gateway_info is set); what it lacks is an interface on ${f.subnet}.`, zh: `${f.router} 已经有 ${f.ext} 上的网关了（external_gateway_info 不为空）；它缺的是 ${f.subnet} 上的接口。` };
    if (option.includes('floating ip create')) return { en: 'Another floating IP on the same network meets the same check: the problem is the router, not the address.', zh: '在同一个网络上再建一个浮动 IP，还是过不了同样的检查：问题在路由器，不在地址。' };
    if (option.endsWith(` ${f.extSubnet}`)) {
      return f.missing === 'interface'
        ? { en: `${f.router}'s gateway port already sits on ${f.extSubnet}: neutron refuses a second router port on the same subnet ("Router already has a port on subnet …"), and an interface there would not connect ${f.subnet} anyway.`, zh: `${f.router} 的网关端口已经在 ${f.extSubnet} 上了：neutron 不允许路由器在同一个子网上再有一个端口（"Router already has a port on subnet …"），何况在那里加接口也接不通 ${f.subnet}。` }
        : { en: `That only adds an ordinary interface (network:router_interface) on ${f.extSubnet}; the floating IP lookup needs the router's gateway on ${f.ext} (network:router_gateway, external_gateway_info), so the error stays.`, zh: `这样只是在 ${f.extSubnet} 上加了一个普通接口（network:router_interface）；绑定浮动 IP 时要找的是 ${f.ext} 上的路由器网关（network:router_gateway，external_gateway_info），所以还是报同样的错。` };
    }
    if (option.includes('router add subnet')) return { en: f.missing === 'gateway' ? `${option.split(' ').pop()} is already an interface of ${f.router}; the router has no gateway on ${f.ext} at all (external_gateway_info is empty).` : `${option.split(' ').pop()} is not the subnet of ${f.server}.`, zh: f.missing === 'gateway' ? `${option.split(' ').pop()} 已经是 ${f.router} 的接口了；这个路由器根本没有 ${f.ext} 上的网关（external_gateway_info 为空）。` : `${option.split(' ').pop()} 不是 ${f.server} 所在的子网。` };
    return undefined;
  },
  hints: () => [
    { en: 'neutron looks for a router that has an interface on the fixed IP\'s subnet and a gateway on the floating IP\'s network; the error names the subnet it checked.', zh: 'neutron 要找一个路由器，它既在固定 IP 所在子网上有接口，又在浮动 IP 所在网络上有网关；报错里写了它检查的是哪个子网。' },
    { en: 'Map the subnet ID in the error to a name, then check both halves on the router.', zh: '把报错里的子网 ID 对应到名字，再到路由器上把两个条件都核对一遍。' },
    { en: 'interfaces_info lists the router\'s subnets; external_gateway_info is null without a gateway.', zh: 'interfaces_info 列出路由器接了哪些子网；没有网关时 external_gateway_info 为 null。' },
  ],
  explain: (w) => {
    const f = w.facts;
    const fixed = fixedIpOf(w.cloud, serverByName(w.cloud, f.server));
    const right = candidates(f).right;
    return paragraphs(
      {
        en: `Associating ${f.fip} with ${f.server} (${fixed} on ${f.subnet}) makes neutron search, in _get_router_for_floatingip, for a router with an interface on ${f.subnet} and a gateway on ${f.ext}. ${f.missing === 'interface' ? `${f.router} has the gateway but no interface on ${f.subnet}` : `${f.router} has the interface on ${f.subnet} but no external gateway`}, so no router qualifies and the API answers 404 ExternalGatewayForFloatingIPNotFound ("External network … is not reachable from subnet …"). \`${right}\` supplies the missing half; the association then succeeds, sets router_id, and the L3 agent installs the DNAT/SNAT rules and the /32 on qg-. The floating IP itself is fine: it was allocated on a network:floatingip port that is never bound, and stays DOWN until a router carries it.`,
        zh: `把 ${f.fip} 绑定到 ${f.server}（${f.subnet} 上的 ${fixed}）时，neutron 在 _get_router_for_floatingip 里找一个在 ${f.subnet} 上有接口、并且网关在 ${f.ext} 上的路由器。${f.missing === 'interface' ? `${f.router} 有网关，但在 ${f.subnet} 上没有接口` : `${f.router} 在 ${f.subnet} 上有接口，但没有外部网关`}，所以没有路由器符合条件，API 返回 404 ExternalGatewayForFloatingIPNotFound（"External network … is not reachable from subnet …"）。\`${right}\` 补上了缺的那一半，之后绑定成功、router_id 被设置，L3 agent 装好 DNAT/SNAT 规则并把 /32 加到 qg- 上。浮动 IP 本身没问题：它分配在一个从不绑定的 network:floatingip 端口上，在有路由器承载它之前一直是 DOWN。`,
      },
      SEED_NOTES['fipPort'],
      THEN_VS_NOW['router'],
    );
  },
});
