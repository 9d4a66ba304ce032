/**
 * Flow 8: statements about a floating IP, its port and who answers for it,
 * some of them the usual misconceptions. Whether each one holds is read from
 * this cloud (the port row, the host's links and files, the guest, the bus).
 */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { Text, World } from '../../types.js';
import { floatingIpOfServer, gatewayView, linkIn, SEED_NOTES, serverByName, tenantCloudSafe, theRouter } from '../flow7/_helpers.js';

interface Facts { server: string; keys: string[] }

interface View {
  server: string;
  host: string;
  fip: string;
  fixed: string;
  fipPortId: string;
  fipPortMac: string;
  fipPortHost: string;
  fipPortStatus: string;
  fipStatus: string;
  tap: string;
  tapExists: boolean;
  hostFile: string;
  guestAddr: string;
  garpMac: string | null;
  qg: string;
  qgMac: string;
  qgHasFip: boolean;
  ns: string;
  gwIp: string;
}

function view(w: World<Facts>): View {
  const server = serverByName(w.cloud, w.facts.server);
  const fip = floatingIpOfServer(w.cloud, server)!;
  const port = w.cloud.db.ports[fip.fipPortId]!;
  const gw = gatewayView(w.cloud, theRouter(w.cloud));
  const tap = names.tapName(port.id);
  const ns = w.cloud.hosts['controller']!.namespaces[gw.ns]!;
  const garp = w.cloud.events.filter((e) => e.name === 'gratuitous ARP' && e.detail.includes(`"${fip.floatingIpAddress} is-at `)).at(-1);
  return {
    server: server.name, host: server.host!, fip: fip.floatingIpAddress, fixed: fip.fixedIpAddress!, fipPortId: port.id, fipPortMac: port.macAddress,
    fipPortHost: port.bindingHostId, fipPortStatus: port.status, fipStatus: fip.status, tap,
    tapExists: Object.values(w.cloud.hosts).some((h) => h.root.links.some((l) => l.name === tap)),
    hostFile: w.run('controller', `cat ${names.dhcpConfDir(port.networkId)}/host`),
    guestAddr: w.run(server.name, 'ip addr'),
    garpMac: garp ? /is-at ([0-9a-f:]{17})/.exec(garp.detail)![1]! : null,
    qg: gw.dev, qgMac: linkIn(w.cloud, gw.ns, gw.dev)!.mac, qgHasFip: ns.addresses.some((a) => a.dev === gw.dev && a.cidr === `${fip.floatingIpAddress}/32`), ns: gw.ns, gwIp: gw.ip,
  };
}

interface Claim {
  /** What neutron 2024.1 does; a cloud that disagrees fails the build loudly instead of explaining wrongly. */
  expect: boolean;
  text: (v: View) => string;
  holds: (v: View) => boolean;
  truth: (v: View) => Text;
}

const CLAIMS: Record<string, Claim> = {
  boundToHost: {
    expect: false,
    text: (v) => `The floating IP's port ${v.fipPortId} is bound to ${v.host}, where ${v.server} runs.`,
    holds: (v) => v.fipPortHost === v.host,
    truth: (v) => ({ en: `${v.fipPortId} (device_owner network:floatingip) has no binding_host_id at all: floating IP ports are never bound.`, zh: `${v.fipPortId}（device_owner 为 network:floatingip）根本没有 binding_host_id：浮动 IP 端口从不绑定。` }),
  },
  hasTap: {
    expect: false,
    text: (v) => `A device ${v.tap} for the floating IP's port exists on one of the nodes.`,
    holds: (v) => v.tapExists,
    truth: (v) => ({ en: `No node has ${v.tap}: the floating IP port is never plugged; the address lives on ${v.qg} of the router.`, zh: `没有任何节点上有 ${v.tap}：浮动 IP 端口从来不插；地址在路由器的 ${v.qg} 上。` }),
  },
  inDhcpHostFile: {
    expect: false,
    text: (v) => `The external network's DHCP host file has a line for ${v.fip}.`,
    holds: (v) => v.hostFile.split('\n').some((l) => l.endsWith(`,${v.fip}`)),
    truth: (v) => ({ en: `The host file lists the DHCP-relevant ports of the external network (the router gateway ${v.gwIp} among them) but never floating IP ports, so ${v.fip} is not there.`, zh: `外部网络的 host 文件里有需要 DHCP 的端口（包括路由器网关 ${v.gwIp}），但从来没有浮动 IP 端口，所以没有 ${v.fip}。` }),
  },
  gatewayInDhcpHostFile: {
    expect: true,
    text: (v) => `The external network's DHCP host file has a line for the router gateway address ${v.gwIp}.`,
    holds: (v) => v.hostFile.split('\n').some((l) => l.endsWith(`,${v.gwIp}`)),
    truth: (v) => ({ en: `The router gateway port is an ordinary port with a fixed IP on the external subnet, so the DHCP agent writes it into the host file (${v.gwIp}).`, zh: `路由器网关端口是外部子网上一个普通的、有固定 IP 的端口，所以 DHCP agent 会把它（${v.gwIp}）写进 host 文件。` }),
  },
  guestSeesFip: {
    expect: false,
    text: (v) => `\`ip addr\` inside ${v.server} lists ${v.fip}.`,
    holds: (v) => v.guestAddr.includes(`inet ${v.fip}/`),
    truth: (v) => ({ en: `The guest only has its fixed IP ${v.fixed} on eth0; the floating IP exists only as a /32 on ${v.qg} in ${v.ns} and is translated by NAT.`, zh: `虚拟机的 eth0 上只有固定 IP ${v.fixed}；浮动 IP 只以 /32 的形式存在于 ${v.ns} 的 ${v.qg} 上，靠 NAT 转换。` }),
  },
  arpFipPortMac: {
    expect: false,
    text: (v) => `Gratuitous ARPs announce ${v.fip} with MAC ${v.fipPortMac}.`,
    holds: (v) => v.garpMac === v.fipPortMac,
    truth: (v) => ({ en: `${v.fipPortMac} is the MAC of the unbound floating IP port; it never appears on the wire. The announcements come from ${v.qg} with its MAC ${v.qgMac}.`, zh: `${v.fipPortMac} 是那个未绑定的浮动 IP 端口的 MAC，从不出现在线路上。通告是从 ${v.qg} 发的，用的是它的 MAC ${v.qgMac}。` }),
  },
  arpQgMac: {
    expect: true,
    text: (v) => `Gratuitous ARPs announce ${v.fip} with MAC ${v.qgMac}.`,
    holds: (v) => v.garpMac === v.qgMac,
    truth: (v) => ({ en: `send_ip_addr_adv_notif runs arping -U and -A from ${v.qg}, so ${v.fip} is-at ${v.qgMac}, the gateway port's MAC.`, zh: `send_ip_addr_adv_notif 在 ${v.qg} 上执行 arping -U 和 -A，所以 ${v.fip} is-at ${v.qgMac}，也就是网关端口的 MAC。` }),
  },
  fipOnQg: {
    expect: true,
    text: (v) => `${v.fip}/32 is configured on ${v.qg} inside ${v.ns}.`,
    holds: (v) => v.qgHasFip,
    truth: (v) => ({ en: `The L3 agent adds ${v.fip}/32 (brd ${v.fip}) to ${v.qg} after installing the NAT rules.`, zh: `L3 agent 在装好 NAT 规则之后，把 ${v.fip}/32（brd ${v.fip}）加到 ${v.qg} 上。` }),
  },
  fipActive: {
    expect: true,
    text: (v) => `The floating IP ${v.fip} has status ACTIVE.`,
    holds: (v) => v.fipStatus === 'ACTIVE',
    truth: () => ({ en: 'The floating IP is created DOWN and turns ACTIVE when the L3 agent reports update_floatingip_statuses after configuring it.', zh: '浮动 IP 创建时是 DOWN，L3 agent 配置完成后通过 update_floatingip_statuses 上报，才变成 ACTIVE。' }),
  },
  fipPortActive: {
    expect: false,
    text: (v) => `The floating IP's port ${v.fipPortId} has status ACTIVE.`,
    holds: (v) => v.fipPortStatus === 'ACTIVE',
    truth: (v) => ({ en: `The port's status is ${v.fipPortStatus}: no L2 agent ever binds or wires it; only the floating IP object carries a status (${v.fipStatus}).`, zh: `这个端口的状态是 ${v.fipPortStatus}：没有任何 L2 agent 绑定或接通它；只有浮动 IP 对象本身有状态（${v.fipStatus}）。` }),
  },
};

const KEYS = Object.keys(CLAIMS);

export default choiceFamily<Facts>({
  id: 'f8-fip-port-facts',
  flow: 8,
  difficulty: 2,
  traces: true,
  multiple: true,
  title: { en: 'True or false: the floating IP, its port and who answers for it', zh: '判断对错：浮动 IP、它的端口以及谁来应答' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: 1, instances, fips: pick.between(1, instances) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    const w = { ...world, facts: { server: server.name, keys: [] as string[] } };
    const v = view(w);
    const odd = KEYS.filter((k) => CLAIMS[k]!.holds(v) !== CLAIMS[k]!.expect);
    if (odd.length) throw new Error(`f8-fip-port-facts: the cloud disagrees with neutron on ${odd.join(', ')}`);
    const trueKeys = KEYS.filter((k) => CLAIMS[k]!.holds(v));
    const falseKeys = KEYS.filter((k) => !CLAIMS[k]!.holds(v));
    if (trueKeys.length < 2 || falseKeys.length < 2) throw new Error('f8-fip-port-facts: not enough true and false statements');
    const t = pick.between(2, Math.min(3, trueKeys.length));
    const keys = [...pick.some(trueKeys, t), ...pick.some(falseKeys, 6 - t)];
    return { server: server.name, keys };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" has a floating IP, associated a moment ago. Select every statement that is true in this cloud.`,
    zh: `“${w.facts.server}” 刚绑定了一个浮动 IP。选出在这个环境里成立的所有说法。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack floating ip list -c "Floating IP Address" -c "Fixed IP Address" -c Port'),
    shown(w, 'controller', `openstack port list --network ${w.cloud.db.networks[gatewayView(w.cloud, theRouter(w.cloud)).extNetworkId]!.name} --long -c ID -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
  ],
  options: (w) => {
    const v = view(w);
    const claims = w.facts.keys.map((k) => CLAIMS[k]!);
    return { right: claims.filter((c) => c.holds(v)).map((c) => c.text(v)), wrong: claims.filter((c) => !c.holds(v)).map((c) => c.text(v)) };
  },
  whyWrong: (w, option) => {
    const v = view(w);
    const claim = w.facts.keys.map((k) => CLAIMS[k]!).find((c) => c.text(v) === option);
    return claim?.truth(v);
  },
  hints: () => [
    { en: 'A floating IP port only reserves the address; nothing plugs it in anywhere.', zh: '浮动 IP 端口只是占住这个地址；没有谁会把它插到任何地方。' },
    { en: 'The router namespace owns the address, so the router\'s gateway device answers for it.', zh: '地址归路由器命名空间所有，所以由路由器的网关设备替它应答。' },
    { en: 'The guest is never told about its floating IP: NAT does the work.', zh: '虚拟机从来不知道自己的浮动 IP：全靠 NAT。' },
  ],
  explain: (w) => {
    const v = view(w);
    const lines = w.facts.keys.map((k) => CLAIMS[k]!).map((c) => `${c.holds(v) ? '✔' : '✘'} ${c.text(v)} — `);
    const en = w.facts.keys.map((k, i) => `${lines[i]}${CLAIMS[k]!.truth(v).en}`).join('\n');
    const zh = w.facts.keys.map((k, i) => `${lines[i]}${CLAIMS[k]!.truth(v).zh}`).join('\n');
    return paragraphs({ en, zh }, SEED_NOTES['fipPort'], SEED_NOTES['fip'], THEN_VS_NOW['router']);
  },
});
