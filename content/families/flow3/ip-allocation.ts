/** Flow 3: who chose each port's address and MAC, and how (IPAM windows, DHCP port lowest, gateway_ip, base_mac). */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { ipOf } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { MAX_WIN } from '../../../engine/neutron/ipam.js';
import { both, lowestFree, portsOn, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; network: string; subnet: string }

interface Statement { text: string; right: boolean; why?: Text }

function statements(w: World<Facts>): Statement[] {
  const db = w.cloud.db;
  const net = tenantNetwork(w);
  const subnet = Object.values(db.subnets).find((s) => s.name === w.facts.subnet)!;
  const ports = portsOn(w, net.id);
  const dhcp = ports.find((p) => p.deviceOwner === 'network:dhcp')!;
  const rif = ports.find((p) => p.deviceOwner === 'network:router_interface');
  const server = Object.values(db.servers).find((s) => s.name === w.facts.server)!;
  const vmPort = db.ports[server.portIds[0]!]!;
  const vmIp = ipOf(vmPort);
  const pool = subnet.allocationPools[0]!;
  const prefix = w.cloud.config.baseMac.split(':').slice(0, 3).join(':');
  const out: Statement[] = [];
  // Right statements, each checked against the cloud before it is offered.
  if (ipOf(dhcp) === pool.start) {
    out.push({ right: true, text: both({ en: `The DHCP port got ${ipOf(dhcp)}: DHCP ports take the lowest free address of the pool`, zh: `DHCP 端口拿到 ${ipOf(dhcp)}：DHCP 端口取地址池里最小的空闲地址` }) });
  }
  if (rif && ipOf(rif) === subnet.gatewayIp) {
    out.push({ right: true, text: both({ en: `The router interface holds ${subnet.gatewayIp}, the subnet's gateway_ip, which is outside the allocation pool`, zh: `路由器接口用的是子网的 gateway_ip ${subnet.gatewayIp}，它不在分配池里` }) });
  }
  out.push({ right: true, text: both({ en: `${w.facts.server} got ${vmIp} at random among the first ${MAX_WIN} free addresses of the pool`, zh: `${w.facts.server} 的 ${vmIp} 是从地址池前 ${MAX_WIN} 个空闲地址里随机挑的` }) });
  if (ports.every((p) => p.macAddress.startsWith(prefix))) {
    out.push({ right: true, text: both({ en: `Every MAC starts with ${prefix} (base_mac); the last three octets are random and unique within ${net.name}`, zh: `所有 MAC 都以 ${prefix}（base_mac）开头，后三个字节随机生成，在 ${net.name} 内唯一` }) });
  }
  // Wrong statements: the misconceptions the reference lists, with this cloud's values.
  const next = lowestFree(w, subnet.id);
  if (next) {
    out.push({
      right: false,
      text: both({ en: `New ports get the lowest free address, so the next instance on ${net.name} will get ${next}`, zh: `新端口总是拿最小的空闲地址，所以 ${net.name} 上下一台实例会拿到 ${next}` }),
      why: { en: `Only DHCP ports (PreferNextAddressRequest) take the lowest free address. An instance port is an AnyAddressRequest: the next one gets a random pick among the first ${MAX_WIN} free addresses, ${next} only by chance.`, zh: `只有 DHCP 端口（PreferNextAddressRequest）拿最小的空闲地址。实例端口是 AnyAddressRequest，下一台会在前 ${MAX_WIN} 个空闲地址里随机拿一个，拿到 ${next} 只是碰巧。` },
    });
  }
  out.push({
    right: false,
    text: both({ en: `dnsmasq chose ${vmIp} for ${w.facts.server} from a dynamic range when the guest sent DHCPDISCOVER`, zh: `${w.facts.server} 发 DHCPDISCOVER 时，dnsmasq 从动态地址段里给它挑了 ${vmIp}` }),
    why: { en: `neutron-server's IPAM fixed ${vmIp} when nova-compute POSTed the port; dnsmasq runs its ranges in "static" mode and only hands out the MAC-to-IP pairs in its host file.`, zh: `${vmIp} 是 nova-compute POST 端口时 neutron-server 的 IPAM 定下的；dnsmasq 的 range 是 static 模式，只按 host 文件里的 MAC-IP 对应关系发地址。` },
  });
  if (rif) {
    out.push({
      right: false,
      text: both({ en: 'The router interface took the lowest free address when it was added, like the DHCP port', zh: '路由器接口加进来时和 DHCP 端口一样拿了最小的空闲地址' }),
      why: { en: `\`router add subnet\` gives the interface the subnet's gateway_ip ${subnet.gatewayIp}; the gateway is excluded from the allocation pool.`, zh: `\`router add subnet\` 让接口使用子网的 gateway_ip ${subnet.gatewayIp}，网关地址本来就被排除在分配池之外。` },
    });
  } else {
    out.push({
      right: false,
      text: both({ en: `With no router on the subnet, the DHCP port holds the gateway address ${subnet.gatewayIp}`, zh: `子网没接路由器，所以 DHCP 端口占用了网关地址 ${subnet.gatewayIp}` }),
      why: { en: `The DHCP port holds ${ipOf(dhcp)}; ${subnet.gatewayIp} stays reserved for a router interface even when none exists.`, zh: `DHCP 端口的地址是 ${ipOf(dhcp)}；即使没有路由器，${subnet.gatewayIp} 也一直留给路由器接口。` },
    });
  }
  out.push({
    right: false,
    text: both({ en: `The MAC ${vmPort.macAddress} is derived from the port's IP address, so it is the same on every network`, zh: `MAC ${vmPort.macAddress} 是由端口 IP 推算出来的，所以在哪个网络都一样` }),
    why: { en: `neutron draws octets 4-6 at random (random.getrandbits) and retries only if the MAC is already used on the same network; nothing ties it to the IP.`, zh: `neutron 的第 4-6 字节是随机数（random.getrandbits），只在同一网络内重复时才重新生成，和 IP 没有任何关系。` },
  });
  return out;
}

export default choiceFamily<Facts>({
  id: 'f3-ip-allocation',
  flow: 3,
  difficulty: 2,
  multiple: true,
  title: { en: 'Where the ports\' addresses and MACs come from', zh: '端口的 IP 和 MAC 是怎么来的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(2, 3), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const server = pick.one(serversOn(world, net.id));
    const subnet = Object.values(world.cloud.db.subnets).find((s) => s.networkId === net.id)!;
    return { server: server.name, network: net.name, subnet: subnet.name };
  },
  prompt: (w) => ({
    en: `Instances were booted one after the other on "${w.facts.network}". Looking at the subnet and the ports below, select every statement that is true for this cloud (neutron 2024.1).`,
    zh: `在 “${w.facts.network}” 上先后启动了几台实例。结合下面的子网和端口信息，选出对这个环境（neutron 2024.1）成立的所有说法。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack subnet show ${w.facts.subnet} -c cidr -c allocation_pools -c gateway_ip`),
    shown(w, 'controller', `openstack port list --network ${w.facts.network} --long -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
  ],
  options: (w) => {
    const all = statements(w);
    return { right: all.filter((s) => s.right).map((s) => s.text), wrong: all.filter((s) => !s.right).map((s) => s.text) };
  },
  whyWrong: (w, option) => statements(w).find((s) => s.text === option)?.why,
  hints: () => [
    { en: 'Neutron IPAM turns each port into an address request; the kind of request depends on the device owner.', zh: 'neutron IPAM 会把每个端口变成一个地址请求，请求类型取决于 device_owner。' },
    { en: 'Since Stein, an ordinary port is not given "the next" address; only one owner keeps the old lowest-first behaviour.', zh: '从 Stein 起，普通端口不再按顺序拿“下一个”地址；只有一种 owner 保留了从小到大分配的老行为。' },
    { en: 'The address exists in neutron\'s database before the guest ever boots; MACs come from base_mac plus random octets.', zh: '虚拟机还没启动，地址就已经在 neutron 数据库里了；MAC 来自 base_mac 加随机字节。' },
  ],
  explain: (w) => {
    const net = tenantNetwork(w);
    const ports = portsOn(w, net.id);
    const dhcp = ports.find((p) => p.deviceOwner === 'network:dhcp')!;
    const rif = ports.find((p) => p.deviceOwner === 'network:router_interface');
    const subnet = Object.values(w.cloud.db.subnets).find((s) => s.name === w.facts.subnet)!;
    const vms = ports.filter((p) => p.deviceOwner.startsWith('compute:'));
    return paragraphs(
      {
        en: `On ${net.name} (${subnet.cidr}, pool ${subnet.allocationPools.map((p) => `${p.start}-${p.end}`).join(', ')}): the DHCP port asked with PreferNextAddressRequest and got the lowest free address, ${ipOf(dhcp)}. ${rif ? `The router interface took the subnet's gateway_ip ${subnet.gatewayIp} (l3_db _add_interface_by_subnet); the gateway is never in the pool. ` : `No router is attached, so ${subnet.gatewayIp} is simply unused. `}The instance ports (${vms.map((p) => `${ipOf(p)} ${p.macAddress}`).join(', ')}) are AnyAddressRequests: random.sample over the first ${MAX_WIN} free addresses of the first pool with room, which in a small subnet means anywhere in the pool. All of this happens at POST /v2.0/ports, long before the guest's DHCPDISCOVER; dnsmasq only serves the reservations. MACs are base_mac ${w.cloud.config.baseMac.split(':').slice(0, 3).join(':')} plus three random octets, checked for uniqueness per network only.`,
        zh: `在 ${net.name}（${subnet.cidr}，地址池 ${subnet.allocationPools.map((p) => `${p.start}-${p.end}`).join('、')}）上：DHCP 端口用 PreferNextAddressRequest，拿到最小的空闲地址 ${ipOf(dhcp)}。${rif ? `路由器接口用的是子网的 gateway_ip ${subnet.gatewayIp}（l3_db 的 _add_interface_by_subnet），网关地址从来不在地址池里。` : `没有接路由器，所以 ${subnet.gatewayIp} 只是空着。`}实例端口（${vms.map((p) => `${ipOf(p)} ${p.macAddress}`).join('、')}）都是 AnyAddressRequest：在第一个还有空位的地址池里，从前 ${MAX_WIN} 个空闲地址中 random.sample，小子网里等于整个池随机。这些都发生在 POST /v2.0/ports 的时候，远早于虚拟机发 DHCPDISCOVER；dnsmasq 只是按预留关系发地址。MAC 是 base_mac ${w.cloud.config.baseMac.split(':').slice(0, 3).join(':')} 加三个随机字节，只在同一网络内检查是否重复。`,
      },
      {
        en: 'History: allocation was sequential before Newton (which is why old blog posts show .3, .4, .5), random among the first 10 free addresses from Newton, 30 from Rocky, 1000 from Stein.',
        zh: '历史：Newton 之前是顺序分配（所以老博客里总是 .3、.4、.5），Newton 起在前 10 个空闲地址里随机，Rocky 起 30 个，Stein 起 1000 个。',
      },
      SEED_SIMPLIFIES['ipFirstFree'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
