/** Flow 6: `router add subnet` also changes the DHCP agent's files; write the lines it added to host and opts. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { FLOW6_NOTES, type Interface, interfacesOf, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  port: string;
}

function iface(w: World<Facts>): Interface {
  return interfacesOf(w.cloud, routerOf(w)).find((i) => i.port.id === w.facts.port)!;
}

/** The router port's line in host, and the opts lines that exist only because a router port owns the gateway. */
function added(w: World<Facts>): { host: string[]; opts: string[] } {
  const i = iface(w);
  const dir = names.dhcpConfDir(i.network.id);
  const host = w.run('controller', `cat ${dir}/host`).split('\n').filter((l) => l.startsWith(`${i.port.macAddress},`));
  const opts = w.run('controller', `cat ${dir}/opts`).split('\n').filter((l) => l.startsWith(`tag:subnet-${i.subnet.id},`) && l.includes('169.254.169.254'));
  return { host, opts };
}

export default linesFamily<Facts>({
  id: 'f6-dhcp-after-interface',
  flow: 6,
  difficulty: 3,
  compare: 'text',
  label: { en: 'The new lines, exactly as they appear in the files (host first, then opts)', zh: '新增的行，与文件中完全一致（先 host，后 opts）' },
  placeholder: 'fa:16:3e:…,host-…',
  title: { en: 'What router add subnet changes in the DHCP files', zh: 'router add subnet 之后 DHCP 文件里多了什么' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), router: true, instances: pick.between(0, 1) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const router = Object.values(world.cloud.db.routers)[0]!;
    return { router: router.name, port: pick.one(interfacesOf(world.cloud, router)).port.id };
  },
  prompt: (w) => {
    const i = iface(w);
    return {
      en: `\`openstack router add subnet ${w.facts.router} ${i.subnet.name}\` ran. The DHCP agent rewrote the files in ${names.dhcpConfDir(i.network.id)}/ and sent SIGHUP to dnsmasq. Write the line that appeared in \`host\` and the lines that appeared in \`opts\` because of this interface.`,
      zh: `执行了 \`openstack router add subnet ${w.facts.router} ${i.subnet.name}\`。DHCP agent 重写了 ${names.dhcpConfDir(i.network.id)}/ 下的文件，并给 dnsmasq 发了 SIGHUP。请写出因为这个接口，\`host\` 里新增的那一行，以及 \`opts\` 里新增的那几行。`,
    };
  },
  context: (w) => {
    const i = iface(w);
    return [
      shown(w, 'controller', `openstack port list --router ${w.facts.router} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
      shown(w, 'controller', `openstack subnet show ${i.subnet.name} -c id -c cidr -c gateway_ip -c dns_nameservers -c host_routes`),
    ];
  },
  expected: (w) => {
    const a = added(w);
    return [...a.host, ...a.opts];
  },
  source: (w) => ({ host: 'controller', command: `cat ${names.dhcpConfDir(iface(w).network.id)}/host ${names.dhcpConfDir(iface(w).network.id)}/opts` }),
  hints: () => [
    { en: 'The DHCP agent excludes its own port from the host file, but not the router\'s: it gets a line like any instance.', zh: 'DHCP agent 会把自己的端口排除在 host 文件之外，但路由器端口不会：它和实例一样有一行。' },
    { en: 'A subnet whose gateway is owned by a router port is no longer isolated: guests get a route to 169.254.169.254/32 via the gateway, then a default route via the gateway.', zh: '网关被路由器端口占用后，子网就不再是孤立的：虚拟机会拿到经网关去 169.254.169.254/32 的路由，后面再跟一条经网关的默认路由。' },
    { en: 'The same route list is written twice: once as option:classless-static-route (121), once as option 249; each line starts with tag:subnet-<subnet id>.', zh: '同一份路由列表写两遍：一遍是 option:classless-static-route（121），一遍是 249；每行都以 tag:subnet-<子网 ID> 开头。' },
  ],
  explain: (w) => {
    const i = iface(w);
    const a = added(w);
    return paragraphs(
      {
        en: `The interface port ${i.port.id} (${i.port.macAddress}, ${i.ip}) is a normal port to the DHCP agent: port_create_end made it rewrite host (\`${a.host.join('`')}\`), addn_hosts and opts, then SIGHUP dnsmasq. Because a port with device_owner network:router_interface now owns the gateway ${i.ip}, the subnet is no longer "isolated" and _generate_opts_per_subnet adds the metadata route 169.254.169.254/32 via the gateway followed by 0.0.0.0/0 via the gateway, once as option 121 and once as 249:\n${a.opts.join('\n')}\nInstances that renew their lease pick up the route to 169.254.169.254 through ${i.qr}, where the metadata REDIRECT waits. The option:router line was there before: it only names the gateway_ip, whether or not a router owns it.`,
        zh: `接口端口 ${i.port.id}（${i.port.macAddress}，${i.ip}）在 DHCP agent 看来就是个普通端口：port_create_end 让它重写 host（\`${a.host.join('`')}\`）、addn_hosts 和 opts，再给 dnsmasq 发 SIGHUP。由于现在有一个 device_owner 为 network:router_interface 的端口占用了网关 ${i.ip}，子网不再是“孤立”的，_generate_opts_per_subnet 会加上经网关的元数据路由 169.254.169.254/32，后面跟经网关的 0.0.0.0/0，121 写一遍、249 写一遍：\n${a.opts.join('\n')}\n实例续租时就会拿到经 ${i.qr} 去 169.254.169.254 的路由，元数据的 REDIRECT 就在那里等着。option:router 那一行之前就有：它只写 gateway_ip，不管有没有路由器占用它。`,
      },
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
