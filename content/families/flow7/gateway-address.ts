/** Flow 7: which address does the router's gateway port get on the external network — and which does it not? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { afterCommands, gatewayView, SEED_NOTES, theRouter } from './_helpers.js';

interface Facts {
  router: string;
  ext: string;
  extSubnet: string;
  /** The address requested with --fixed-ip, if the scenario asked for one. */
  requested: string | null;
  command: string;
}

function pool(w: World<Facts>) {
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  const subnet = w.cloud.db.subnets[gw.extSubnetId]!;
  const p = subnet.allocationPools[0]!;
  const dhcp = Object.values(w.cloud.db.ports).find((x) => x.networkId === gw.extNetworkId && x.deviceOwner === 'network:dhcp');
  const last = (ip: string) => Number(ip.split('.')[3]);
  const prefix = p.start.split('.').slice(0, 3).join('.');
  const taken = new Set(Object.values(w.cloud.db.ports).filter((x) => x.networkId === gw.extNetworkId && x.id !== gw.port.id).flatMap((x) => x.fixedIps.map((f) => f.ipAddress)));
  let lowest = last(p.start);
  while (taken.has(`${prefix}.${lowest}`)) lowest++;
  return { gw, start: p.start, end: p.end, subnetGateway: subnet.gatewayIp!, dhcpIp: dhcp?.fixedIps[0]?.ipAddress ?? null, lowestFree: `${prefix}.${lowest}` };
}

/**
 * Whether the scenario asks for a fixed gateway address, and which: a hash of what both setup and
 * the built cloud know (router, external network, pool), so facts can tell without the scenario.
 * About half the seeds ask; the address is never the pool start, which the external DHCP port holds.
 */
function requestedAddress(router: string, ext: string, start: string, end: string): string | null {
  let h = 2166136261;
  for (const c of `${router}|${ext}|${start}|${end}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  h >>>= 0;
  if (h % 2 === 0) return null;
  const [lo, hi] = [Number(start.split('.')[3]) + 2, Number(end.split('.')[3])];
  return `${start.split('.').slice(0, 3).join('.')}.${lo + ((h >>> 1) % (hi - lo + 1))}`;
}

const TEXT = {
  requested: (ip: string) => `${ip}, the address given with --fixed-ip`,
  random: (start: string, end: string) => `a random free address of the allocation pool ${start}-${end}`,
  first: (ip: string) => `${ip}, the first address of the allocation pool`,
  lowest: (ip: string) => `${ip}, the lowest address still free in the pool`,
  subnetGateway: (ip: string) => `${ip}, the external subnet's gateway_ip`,
};

export default choiceFamily<Facts>({
  id: 'f7-gateway-address',
  flow: 7,
  difficulty: 1,
  title: { en: 'Which address does the router gateway get?', zh: '路由器网关拿到的是哪个地址？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(0, 1), router: true });
    const m = /--allocation-pool start=([\d.]+),end=([\d.]+)/.exec(t.lines.find((l) => l.includes('--allocation-pool'))!)!;
    const fixed = requestedAddress(t.router!, t.provider.network, m[1]!, m[2]!);
    const line = `openstack router set ${t.router} --external-gateway ${t.provider.network}${fixed ? ` --fixed-ip subnet=${t.provider.subnet},ip-address=${fixed}` : ''}`;
    return { scenario: [...t.lines, line], computes: t.computes };
  },
  facts: (world) => {
    const router = theRouter(world.cloud);
    const ext = world.cloud.db.networks[router.gateway!.networkId]!;
    const gw = gatewayView(world.cloud, router);
    const subnet = world.cloud.db.subnets[gw.extSubnetId]!;
    const p = subnet.allocationPools[0]!;
    const requested = requestedAddress(router.name, ext.name, p.start, p.end);
    if (requested && requested !== gw.ip) throw new Error(`f7-gateway-address: asked for ${requested}, got ${gw.ip}`);
    const command = `openstack router set ${router.name} --external-gateway ${ext.name}${requested ? ` --fixed-ip subnet=${subnet.name},ip-address=${requested}` : ''}`;
    return { router: router.name, ext: ext.name, extSubnet: subnet.name, requested, command };
  },
  prompt: (w) => ({
    en: `Before anyone runs \`${w.facts.command}\`, the external network looks as below. Which address will the router's gateway port (and so qg-…) get?`,
    zh: `在执行 \`${w.facts.command}\` 之前，外部网络的情况如下。路由器的网关端口（也就是 qg-…）会拿到哪个地址？`,
  }),
  context: (w) => {
    // The external network as it was before the gateway existed: the same cloud with the gateway unset.
    const portList = `openstack port list --network ${w.facts.ext} --long -c ID -c "Fixed IP Addresses" -c "Device Owner"`;
    const ports = afterCommands(w.cloud, [`openstack router unset --external-gateway ${w.facts.router}`, portList]);
    return [
      shown(w, 'controller', `openstack subnet show ${w.facts.extSubnet} -c allocation_pools -c cidr -c gateway_ip`),
      { host: 'controller', command: portList, output: ports.stdout },
    ];
  },
  options: (w) => {
    const p = pool(w);
    const right = w.facts.requested ? TEXT.requested(w.facts.requested) : TEXT.random(p.start, p.end);
    const wrong = [
      w.facts.requested ? TEXT.random(p.start, p.end) : null,
      TEXT.first(p.start),
      p.lowestFree !== p.start ? TEXT.lowest(p.lowestFree) : null,
      TEXT.subnetGateway(p.subnetGateway),
    ].filter((x): x is string => !!x && x !== right);
    return { right: [right], wrong };
  },
  whyWrong: (w, option): Text | undefined => {
    const p = pool(w);
    if (option === TEXT.first(p.start)) return { en: `${p.start} is taken already${p.dhcpIp === p.start ? ' by the external network\'s DHCP port (DHCP ports get the lowest free address)' : ''}; and router gateways are not allocated sequentially anyway.`, zh: `${p.start} 早就被占了${p.dhcpIp === p.start ? '（外部网络的 DHCP 端口拿最小的空闲地址）' : ''}；何况路由器网关本来就不是按顺序分配的。` };
    if (option === TEXT.lowest(p.lowestFree)) return { en: 'Sequential allocation is gone since Newton/Stein: an AnyAddressRequest is served at random among the first free addresses (up to 1000).', zh: '顺序分配从 Newton/Stein 起就没有了：AnyAddressRequest 会在前面的空闲地址（最多 1000 个）里随机挑一个。' };
    if (option === TEXT.subnetGateway(p.subnetGateway)) return { en: `${p.subnetGateway} is the upstream router's address (the subnet's gateway_ip): the router uses it as its default route's next hop, it does not take it.`, zh: `${p.subnetGateway} 是上游路由器的地址（子网的 gateway_ip）：路由器把它当作默认路由的下一跳，而不是自己占用它。` };
    if (option === TEXT.random(p.start, p.end)) return { en: `With --fixed-ip subnet=…,ip-address=… neutron allocates exactly the requested address (if it is free), no random choice.`, zh: `指定了 --fixed-ip subnet=…,ip-address=… 时，neutron 就分配这个指定的地址（只要它空闲），不会随机挑。` };
    return undefined;
  },
  hints: () => [
    { en: 'The gateway port is created by neutron-server (_create_router_gw_port) with an ordinary IPAM request on the external subnet.', zh: '网关端口由 neutron-server（_create_router_gw_port）创建，在外部子网上做的是一次普通的 IPAM 申请。' },
    { en: 'Look at the command: does it ask for a specific address?', zh: '看一下命令：有没有指定具体的地址？' },
    { en: 'Only DHCP ports (lowest free address) and router interfaces on tenant subnets (the subnet\'s gateway_ip) get predictable addresses.', zh: '只有 DHCP 端口（最小空闲地址）和租户子网上的路由器接口（子网的 gateway_ip）拿到的地址是可预测的。' },
  ],
  explain: (w) => {
    const p = pool(w);
    return paragraphs(
      {
        en: `${w.facts.requested ? `The command passes --fixed-ip, so _create_router_gw_port asks IPAM for exactly ${w.facts.requested}, and the gateway port got it.` : `Without --fixed-ip, _create_router_gw_port sends an AnyAddressRequest, and IPAM picks at random among the free addresses of ${p.start}-${p.end}: this time it returned ${p.gw.ip}.`} The port is device_owner network:router_gateway; the L3 agent then puts ${p.gw.ip} on ${p.gw.dev} with the subnet's prefix and adds \`default via ${p.subnetGateway} dev ${p.gw.dev} proto static\` — ${p.subnetGateway}, the subnet's gateway_ip, is the upstream router, not something the router takes.${p.dhcpIp ? ` The lowest pool address, ${p.dhcpIp}, went to the external network's DHCP port.` : ''}`,
        zh: `${w.facts.requested ? `命令里带了 --fixed-ip，所以 _create_router_gw_port 向 IPAM 申请的就是 ${w.facts.requested}，网关端口拿到的也就是它。` : `没有 --fixed-ip 时，_create_router_gw_port 发的是 AnyAddressRequest，IPAM 在 ${p.start}-${p.end} 的空闲地址里随机挑一个：这次挑中的是 ${p.gw.ip}。`}端口的 device_owner 是 network:router_gateway；随后 L3 agent 把 ${p.gw.ip} 按子网前缀配到 ${p.gw.dev} 上，并加上 \`default via ${p.subnetGateway} dev ${p.gw.dev} proto static\`——${p.subnetGateway} 是子网的 gateway_ip，也就是上游路由器，路由器自己并不占用它。${p.dhcpIp ? `地址池里最小的 ${p.dhcpIp} 给了外部网络的 DHCP 端口。` : ''}`,
      },
      SEED_NOTES['gatewayIp'],
      THEN_VS_NOW['router'],
    );
  },
});
