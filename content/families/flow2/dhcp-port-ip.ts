/** Flow 2: which address does the DHCP port take on each subnet (and the router interface, when there is one)? */
import { fieldsFamily, type Blank } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { networkNamed, routerNamed, routerPortOn, subnetNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import type { Text, World } from '../../types.js';
import { dhcpPort, variantNetwork } from './_helpers.js';
import { refineFields, sameLoose } from '../flow1/_helpers.js';
import { cidrParts, formatIp } from '../../../engine/core/ip.js';

interface Facts { network: string; subnets: string[]; router: string | null }

function answers(w: World<Facts>) {
  const net = networkNamed(w.cloud, w.facts.network);
  const port = dhcpPort(w.cloud, net);
  const subnets = w.facts.subnets.map((n) => subnetNamed(w.cloud, n));
  const dhcp = subnets.map((s) => ({ subnet: s, ip: port.fixedIps.find((f) => f.subnetId === s.id)!.ipAddress }));
  const router = w.facts.router ? routerNamed(w.cloud, w.facts.router) : null;
  const routerIp = router ? routerPortOn(w.cloud, router.id, net.id).fixedIps[0]!.ipAddress : null;
  return { net, port, dhcp, router, routerIp };
}

const why = (s: { gatewayIp: string | null; allocationPools: Array<{ start: string; end: string }> }): Text => {
  const pool = s.allocationPools[0]!;
  if (s.gatewayIp === null) return { en: `no gateway, pool ${pool.start}-${pool.end}: the lowest free address is the pool's first`, zh: `没有网关，地址池 ${pool.start}-${pool.end}：最小的空闲地址就是池子的第一个` };
  return { en: `gateway ${s.gatewayIp} is excluded, pool ${pool.start}-${pool.end}: the DHCP port takes the pool's lowest free address`, zh: `网关 ${s.gatewayIp} 不在池里，地址池 ${pool.start}-${pool.end}：DHCP 端口取池中最小的空闲地址` };
};

const family = fieldsFamily<Facts>({
  id: 'f2-dhcp-port-ip',
  flow: 2,
  difficulty: 2,
  title: { en: 'Which address does the DHCP port take?', zh: 'DHCP 端口拿到的是哪个地址？' },
  setup: (pick) => {
    const v = variantNetwork(pick, { second: true, router: true });
    return { scenario: v.lines, computes: v.computes };
  },
  facts: (world) => {
    const net = Object.values(world.cloud.db.networks).find((n) => !n.external)!;
    const subnets = (world.cloud.db.subnetsByNetwork[net.id] ?? []).map((id) => world.cloud.db.subnets[id]!.name);
    const router = Object.values(world.cloud.db.routers)[0]?.name ?? null;
    return { network: net.name, subnets, router };
  },
  prompt: (w) => ({
    en: `The scenario created network "${w.facts.network}" with ${w.facts.subnets.length === 1 ? `subnet "${w.facts.subnets[0]}"` : `subnets ${w.facts.subnets.map((s) => `"${s}"`).join(' and ')}`} (DHCP enabled)${w.facts.router ? `, then attached the first subnet to router "${w.facts.router}"` : ''}. The subnets are shown below. Which IPv4 address did the DHCP agent's port get on ${w.facts.subnets.length === 1 ? 'the subnet' : 'each subnet'}${w.facts.router ? ', and which address did the router interface get' : ''}?`,
    zh: `场景里创建了网络 “${w.facts.network}”，以及${w.facts.subnets.length === 1 ? `子网 “${w.facts.subnets[0]}”` : `子网 ${w.facts.subnets.map((s) => `“${s}”`).join(' 和 ')}`}（开启 DHCP）${w.facts.router ? `，之后把第一个子网接到了路由器 “${w.facts.router}” 上` : ''}。子网信息见下。DHCP agent 的端口在${w.facts.subnets.length === 1 ? '这个子网' : '每个子网'}上拿到的 IPv4 地址是多少？${w.facts.router ? '路由器接口拿到的又是哪个地址？' : ''}`,
  }),
  context: (w) => w.facts.subnets.map((s) => shown(w, 'controller', `openstack subnet show ${s} -c cidr -c gateway_ip -c allocation_pools -c enable_dhcp`)),
  blanks: (w) => {
    const a = answers(w);
    const src = { host: 'controller', command: `openstack port list --network ${w.facts.network} --device-owner network:dhcp -c "Fixed IP Addresses"` };
    const blanks: Blank[] = a.dhcp.map((d, i) => ({
      id: `dhcp${i + 1}`, label: { en: `DHCP port on ${d.subnet.name}`, zh: `DHCP 端口在 ${d.subnet.name} 上的地址` }, type: 'ip', expected: d.ip, placeholder: 'a.b.c.d', source: src,
    }));
    if (a.routerIp) blanks.push({ id: 'router', label: { en: `Router interface on ${a.dhcp[0]!.subnet.name}`, zh: `路由器在 ${a.dhcp[0]!.subnet.name} 上的接口地址` }, type: 'ip', expected: a.routerIp, placeholder: 'a.b.c.d', source: { host: 'controller', command: `openstack port list --router ${w.facts.router} -c "Fixed IP Addresses"` } });
    return blanks;
  },
  hints: (w) => [
    { en: 'Instances get a random free address; the DHCP port does not.', zh: '实例拿的是随机的空闲地址，DHCP 端口不是。' },
    { en: 'neutron asks IPAM for the next (lowest) free address of the allocation pool for network:dhcp ports (PreferNextAddressRequest).', zh: '对 network:dhcp 端口，neutron 向 IPAM 要的是地址池里下一个（最小的）空闲地址（PreferNextAddressRequest）。' },
    ...(w.facts.router ? [{ en: 'A router interface added with `router add subnet` takes the subnet\'s gateway_ip, wherever it is.', zh: '用 `router add subnet` 加的路由器接口拿的是子网的 gateway_ip，不管它在哪个位置。' }] : [{ en: 'The gateway address is never in the allocation pool.', zh: '网关地址永远不在地址池里。' }]),
  ],
  explain: (w) => {
    const a = answers(w);
    const lines = a.dhcp.map((d) => `${d.subnet.name} (${d.subnet.cidr}): ${why(d.subnet).en} → ${d.ip}`).join('\n');
    const linesZh = a.dhcp.map((d) => `${d.subnet.name}（${d.subnet.cidr}）：${why(d.subnet).zh} → ${d.ip}`).join('\n');
    return paragraphs(
      {
        en: `${lines}\nOne DHCP port (${a.port.id}) serves every DHCP-enabled subnet of ${a.net.name}: it holds one address per subnet, all on the same ns- device in the qdhcp namespace. The DHCP agent creates it right after the first subnet, and neutron adds an address to it for every later subnet.${a.routerIp ? ` The router interface took the gateway_ip ${a.routerIp}: \`router add subnet\` always uses the subnet's gateway address.` : ''} Ports of instances, by contrast, get a random address among the first free ones, so "the VM gets .3" is not something to rely on.`,
        zh: `${linesZh}\n${a.net.name} 上所有开启 DHCP 的子网共用一个 DHCP 端口（${a.port.id}）：每个子网一个地址，都配在 qdhcp 命名空间里同一个 ns- 设备上。DHCP agent 在第一个子网创建后就建好这个端口，之后每加一个子网，neutron 就给它再加一个地址。${a.routerIp ? `路由器接口拿的是 gateway_ip ${a.routerIp}：\`router add subnet\` 总是用子网的网关地址。` : ''}实例的端口则是在前面的空闲地址里随机挑一个，所以“虚拟机会拿到 .3”这种说法靠不住。`,
      },
      {
        en: 'Where the seed is silent: it shows the DHCP tap and namespace but never says which address the port gets; interviewers often expect ".2" — true only when the gateway is .1 and the default pool is used.',
        zh: '资料没讲的地方：资料展示了 DHCP 的 tap 和命名空间，但没说端口拿哪个地址；面试官常常期待 “.2”——只有网关是 .1 且用默认地址池时才成立。',
      },
      SEED_SIMPLIFIES['ipFirstFree'],
      THEN_VS_NOW['dhcp'],
    );
  },
});

export default refineFields(family, (w, id, given) => {
  const a = answers(w);
  const d = id.startsWith('dhcp') ? a.dhcp[Number(id.slice(4)) - 1] : a.dhcp[0];
  if (!d) return undefined;
  const second = formatIp(cidrParts(d.subnet.cidr).network + 2);
  if (d.subnet.gatewayIp && sameLoose(given, d.subnet.gatewayIp) && id.startsWith('dhcp')) return { en: `${given} is the subnet's gateway_ip: it is never in the allocation pool, and it is what a router interface takes.`, zh: `${given} 是子网的 gateway_ip：它永远不在地址池里，是留给路由器接口的。` };
  if (id.startsWith('dhcp') && sameLoose(given, second)) return { en: `".2" is the habit from subnets whose gateway is .1 and whose pool is the default; this subnet's pool starts at ${d.subnet.allocationPools[0]!.start}.`, zh: `“.2” 只是网关为 .1、用默认地址池时的习惯；这个子网的地址池从 ${d.subnet.allocationPools[0]!.start} 开始。` };
  if (id === 'router' && sameLoose(given, d.ip)) return { en: 'That is the DHCP port\'s address; `router add subnet` gives the router the subnet\'s gateway_ip.', zh: '这是 DHCP 端口的地址；`router add subnet` 给路由器的是子网的 gateway_ip。' };
  return undefined;
});
