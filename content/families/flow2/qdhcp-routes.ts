/**
 * Flow 2: write the routing table of the DHCP namespace. Graded per route:
 * destination, gateway and device decide; proto/scope/src may be left out,
 * but if written they must match (a wrong `src` or `proto` costs half the line).
 */
import type { Family } from '../../family.js';
import { shown } from '../../kinds/common.js';
import { answerLines, squash } from '../../grading/normalize.js';
import { names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { ItemResult, Text, World } from '../../types.js';
import { dhcpPort, variantNetwork } from './_helpers.js';

interface Facts { network: string; subnets: string[] }

interface Parsed { key: string; extras: Record<string, string> }

function parseRoute(line: string): Parsed {
  const words = squash(line).toLowerCase().replace(/^ip route (add|replace)\s+/, '').split(' ');
  const key: string[] = [];
  const extras: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (['proto', 'scope', 'src', 'metric'].includes(w)) {
      extras[w] = words[++i] ?? '';
      continue;
    }
    key.push(w === '0.0.0.0/0' ? 'default' : w.replace(/\/32$/, ''));
  }
  return { key: key.join(' '), extras };
}

type Match = 'same' | 'extras' | 'different';

function compare(given: string, expected: string): Match {
  const g = parseRoute(given);
  const e = parseRoute(expected);
  if (g.key !== e.key) return 'different';
  const clash = Object.entries(g.extras).some(([k, v]) => e.extras[k] !== undefined ? e.extras[k] !== v : k !== 'metric');
  return clash ? 'extras' : 'same';
}

const command = (w: World<Facts>) => `ip netns exec ${names.dhcpNamespace(networkNamed(w.cloud, w.facts.network).id)} ip route`;

function expected(w: World<Facts>): string[] {
  const lines = w.run('controller', command(w)).split('\n').filter((l) => l.trim());
  // Default route last, so a one-character slip in the answer lands on a device or gateway.
  return [...lines.filter((l) => !l.startsWith('default')), ...lines.filter((l) => l.startsWith('default'))];
}

const id = 'f2-qdhcp-routes';
const title: Text = { en: 'Write the routes of the DHCP namespace', zh: '写出 DHCP 命名空间里的路由' };

const family: Family<Facts> = {
  id, flow: 2, kind: 'command-output', difficulty: 2, title,
  setup: (pick) => {
    const v = variantNetwork(pick, { second: true });
    return { scenario: v.lines, computes: v.computes };
  },
  facts: (world) => {
    const net = Object.values(world.cloud.db.networks).find((n) => !n.external)!;
    return { network: net.name, subnets: (world.cloud.db.subnetsByNetwork[net.id] ?? []).map((s) => world.cloud.db.subnets[s]!.name) };
  },
  ask(w) {
    const net = networkNamed(w.cloud, w.facts.network);
    return {
      prompt: {
        en: `The DHCP agent has just set up network "${w.facts.network}" on the controller. Write what \`ip netns exec ${names.dhcpNamespace(net.id)} ip route\` prints there, one route per line.`,
        zh: `DHCP agent 刚在控制节点上为网络 “${w.facts.network}” 配置好。请写出在那里执行 \`ip netns exec ${names.dhcpNamespace(net.id)} ip route\` 的输出，每行一条路由。`,
      },
      context: [
        ...w.facts.subnets.map((s) => shown(w, 'controller', `openstack subnet show ${s} -c id -c cidr -c gateway_ip`)),
        shown(w, 'controller', `openstack port list --network ${w.facts.network} --device-owner network:dhcp -c ID -c "Fixed IP Addresses"`),
      ],
      answerFormat: { type: 'lines', label: { en: 'The routes, one per line, as `ip route` prints them', zh: '路由，每行一条，按 `ip route` 的格式' }, placeholder: 'default via … dev ns-… proto static' },
      hints: [
        { en: 'Each address on the namespace device brings its connected route with it (proto kernel scope link src …).', zh: '命名空间设备上的每个地址都会自带一条直连路由（proto kernel scope link src …）。' },
        { en: 'The DHCP agent adds at most one default route, via the gateway of the first subnet that has one; none if no subnet has a gateway.', zh: 'DHCP agent 最多加一条默认路由，走第一个有网关的子网的网关；所有子网都没有网关就不加。' },
        { en: 'The device is "ns-" plus the first 11 characters of the DHCP port ID; neutron installs routes with proto static.', zh: '设备名是 “ns-” 加 DHCP 端口 ID 的前 11 位；neutron 装的路由带 proto static。' },
      ],
    };
  },
  solution: (w) => expected(w).join('\n'),
  grade(w, _asked, answer) {
    const want = expected(w);
    const given = answerLines(typeof answer === 'string' ? answer : Array.isArray(answer) ? answer.join('\n') : '');
    const src = { host: 'controller', command: command(w) };
    const used = new Set<number>();
    const items: ItemResult[] = want.map((line) => {
      let best: { i: number; m: Match } | null = null;
      given.forEach((g, i) => {
        if (used.has(i)) return;
        const m = compare(g, line);
        if (m === 'same' && best?.m !== 'same') best = { i, m };
        else if (m === 'extras' && !best) best = { i, m };
      });
      const found = best as { i: number; m: Match } | null;
      if (found) used.add(found.i);
      if (found?.m === 'same') return { item: line, expected: line, given: given[found.i]!, verdict: 'correct', severity: 'essential' };
      if (found?.m === 'extras') {
        return {
          item: line, expected: line, given: given[found.i]!, verdict: 'partial', severity: 'essential',
          message: { en: `Almost: destination, gateway and device are right, but the cloud prints \`${line}\` (\`${src.host}$ ${src.command}\`): check proto, scope and src.`, zh: `基本对了：目的、网关和设备都对，但环境里是 \`${line}\`（\`${src.host}$ ${src.command}\`）：检查一下 proto、scope 和 src。` },
        };
      }
      return {
        item: line, expected: line, given: '', verdict: 'missing', severity: 'essential',
        message: { en: `Missing: \`${line}\` — \`${src.host}$ ${src.command}\` shows it.`, zh: `缺少：\`${line}\`——\`${src.host}$ ${src.command}\` 里能看到。` },
      };
    });
    given.forEach((g, i) => {
      if (used.has(i)) return;
      items.push({ item: g, expected: '', given: g, verdict: 'extra', severity: 'minor', message: { en: `Not in the namespace: \`${g}\` (compare with \`${src.host}$ ${src.command}\`).`, zh: `命名空间里没有这一条：\`${g}\`（对照 \`${src.host}$ ${src.command}\`）。` } });
    });
    return items;
  },
  explain(w) {
    const net = networkNamed(w.cloud, w.facts.network);
    const port = dhcpPort(w.cloud, net);
    const dev = names.dhcpDeviceName(port.id);
    const routes = expected(w);
    const def = routes.find((r) => r.startsWith('default'));
    return paragraphs(
      {
        en: `In ${names.dhcpNamespace(net.id)} the DHCP port ${port.id} is ${dev}, holding ${port.fixedIps.map((f) => f.ipAddress).join(' and ')}. The routes:\n${routes.join('\n')}\nEach address adds its connected route (proto kernel). ${def ? `The agent's _set_default_route added \`${def}\`, via the first subnet's gateway that exists; "proto static" is there because neutron installs routes with pyroute2 and proto static since Train — older docs show it without.` : 'No subnet has a gateway, so the agent adds no default route at all.'} dnsmasq never routes anything; the default route only matters for traffic the namespace itself originates (for example the isolated-metadata proxy).`,
        zh: `在 ${names.dhcpNamespace(net.id)} 里，DHCP 端口 ${port.id} 对应 ${dev}，地址是 ${port.fixedIps.map((f) => f.ipAddress).join(' 和 ')}。路由：\n${routes.join('\n')}\n每个地址都会带出一条直连路由（proto kernel）。${def ? `agent 的 _set_default_route 加了 \`${def}\`，走第一个有网关的子网的网关；带 “proto static” 是因为从 Train 起 neutron 用 pyroute2 以 proto static 装路由，老文档里没有这个字段。` : '没有任何子网有网关，所以 agent 根本不加默认路由。'}dnsmasq 本身不做路由；默认路由只对命名空间自己发出的流量有用（比如 isolated metadata 代理）。`,
      },
      {
        en: 'Where the seed differs: it shows the qdhcp namespace and the ns- device but not that the DHCP agent also installs a default route (and a CHECKSUM rule in the mangle table). If a document shows a tap… device inside qdhcp, it was captured on Open vSwitch, not Linux bridge.',
        zh: '资料里的差别：资料展示了 qdhcp 命名空间和 ns- 设备，但没提 DHCP agent 还会加默认路由（以及 mangle 表里的 CHECKSUM 规则）。如果某份资料里 qdhcp 里面是 tap… 设备，那是 Open vSwitch 环境抓的，不是 Linux bridge。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
};

export default family;
