/** Flow 4: order what the DHCP side does for a new instance port, from the cloud's own bus (port_create_end, rewrite, SIGHUP, dhcp_ready, lease). */
import { orderingFamily } from '../../kinds/ordering.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import type { BusEvent } from '../../../engine/core/types.js';
import { hostnameOf, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; serverId: string; port: string; networkId: string; mac: string; ip: string }

/** The bus events about this server and its port, in the order they happened. */
function events(w: World<Facts>): BusEvent[] {
  return w.cloud.events.filter((e) => e.subjects.includes(w.facts.port) || e.subjects.includes(w.facts.serverId));
}

/**
 * Causally ordered steps only: nova's binding PUT and the port_update_end it
 * causes race with the agent's handling of port_create_end, so they are left out.
 */
function steps(w: World<Facts>): string[] {
  const f = w.facts;
  const ev = events(w);
  const out: string[] = [];
  const first = (re: RegExp) => ev.find((e) => re.test(e.name));
  const post = first(/^POST \/v2\.0\/ports$/);
  if (post) out.push(`nova-compute → neutron-server: POST /v2.0/ports; IPAM assigns ${f.ip} and ${f.mac}`);
  if (first(/^port_create_end$/)) out.push('neutron-server → neutron-dhcp-agent: port_create_end (RPC cast)');
  const reload = first(/^reload_allocations$/);
  if (reload?.changes.some((c) => c.endsWith('/host'))) out.push(`neutron-dhcp-agent rewrites host and addn_hosts with ${f.mac},${hostnameOf(f.ip)}.openstacklocal,${f.ip}`);
  const hup = reload?.changes.find((c) => /kill -HUP/.test(c));
  if (hup) out.push(`neutron-dhcp-agent → dnsmasq: ${/kill -HUP \d+/.exec(hup)![0]}; dnsmasq rereads its files, leases kept`);
  if (first(/^dhcp_ready_on_ports$/)) out.push('neutron-dhcp-agent → neutron-server: dhcp_ready_on_ports (DHCP provisioning block lifted)');
  if (first(/^UPDATE ports SET status=ACTIVE$/)) out.push('neutron-server: port DOWN → ACTIVE (the L2 block is gone too)');
  if (first(/^resume$/)) out.push('network-vif-plugged reaches nova; the paused guest is resumed');
  if (first(/^DHCPDISCOVER$/)) out.push(`guest → broadcast: DHCPDISCOVER from ${f.mac}`);
  if (first(/^DHCPACK$/)) out.push(`dnsmasq → guest: DHCPACK for ${f.ip}; dnsmasq records the lease in its leases file`);
  return out;
}

export default orderingFamily<Facts>({
  id: 'f4-reload-order',
  flow: 4,
  difficulty: 2,
  traces: true,
  title: { en: 'Order the DHCP side of adding an instance port', zh: '给新增实例端口时 DHCP 这一侧的步骤排序' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(serversOn(world, tenantNetwork(world).id));
    const port = world.cloud.db.ports[server.portIds[0]!]!;
    return { server: server.name, serverId: server.id, port: port.id, networkId: port.networkId, mac: port.macAddress, ip: port.fixedIps[0]!.ipAddress };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" was booted while dnsmasq was already serving its network. Put these steps in the order they happened, from its port's creation to the guest holding a lease.`,
    zh: `启动 “${w.facts.server}” 时，它所在网络的 dnsmasq 早已在运行。请把下面这些步骤按实际顺序排好，从创建端口一直到虚拟机拿到租约。`,
  }),
  context: () => [],
  steps,
  hints: () => [
    { en: 'The agent learns about the port from a cast, and touches the files before it tells dnsmasq anything.', zh: 'agent 是通过一个 cast 得知端口的，先动文件，再通知 dnsmasq。' },
    { en: 'neutron only lets the port go ACTIVE after the DHCP agent reports back.', zh: 'DHCP agent 回报之后，neutron 才会让端口变成 ACTIVE。' },
    { en: 'The guest cannot send anything while it is paused.', zh: '虚拟机暂停的时候什么包都发不出来。' },
  ],
  explain: (w) => {
    const hupLine = events(w).find((e) => e.name === 'reload_allocations')?.changes.find((c) => /kill -HUP/.test(c)) ?? '';
    const hup = /kill -HUP \d+/.exec(hupLine)?.[0] ?? 'kill -HUP <pid>';
    return paragraphs(
      {
        en: `For ${w.facts.server} (${w.facts.mac}, ${w.facts.ip}):\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nThe agent's reload_allocations rewrites host/addn_hosts (and opts if it changed) and signals dnsmasq (${hup}): no restart, so existing leases survive. Only a subnet change restarts dnsmasq. The host entry must exist before the guest asks — that is exactly why neutron holds the port DOWN with a DHCP provisioning block until dhcp_ready_on_ports, and why nova keeps the guest paused until network-vif-plugged. nova's binding PUT (and the port_update_end it triggers) is left out of the list: it races with the agent's handling of port_create_end.`,
        zh: `${w.facts.server}（${w.facts.mac}，${w.facts.ip}）的顺序：\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nagent 的 reload_allocations 重写 host/addn_hosts（opts 有变化也会重写），然后给 dnsmasq 发信号（${hup}）：不重启，已有租约都保留。只有子网变化才会重启 dnsmasq。host 条目必须在虚拟机发请求之前就位——这正是 neutron 用 DHCP provisioning block 把端口压在 DOWN、直到 dhcp_ready_on_ports 的原因，也是 nova 要让虚拟机暂停到 network-vif-plugged 的原因。nova 绑定端口的 PUT（以及它触发的 port_update_end）没列进来：它和 agent 处理 port_create_end 是并发的，先后不固定。`,
      },
      {
        en: 'The seed says the port\'s MAC and IP "are synchronised to dnsmasq\'s host file": right, and the mechanism is this RPC cast, a file rewrite and a SIGHUP.',
        zh: '资料说端口的 MAC 和 IP “会同步更新到 dnsmasq 的 host 文件”：没错，具体机制就是这个 RPC cast、重写文件和 SIGHUP。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
