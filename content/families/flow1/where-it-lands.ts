/** Flow 1: from the load on each compute node, where will the next instance land, and who decides, claims and casts? */
import { own } from '../../../engine/core/own.js';
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { eventsAbout, firstEvent, refineFields, serviceOf, shownFiltered } from './_helpers.js';

interface Facts { server: string; network: string }

const PREFIXES = ['old', 'batch', 'svc', 'legacy', 'job'];
const TARGETS = ['new-vm', 'web-02', 'app-7', 'api-3', 'worker9', 'test-vm2'];

function steps(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const events = eventsAbout(w.cloud, [server.id]);
  return {
    server,
    claim: firstEvent(events, /^PUT \/allocations\//)!,
    candidates: firstEvent(events, /^GET \/allocation_candidates$/)!,
    select: firstEvent(events, /^select_destinations$/)!,
    cast: firstEvent(events, /^build_and_run_instance$/)!,
  };
}

const family = fieldsFamily<Facts>({
  id: 'f1-where-it-lands',
  flow: 1,
  difficulty: 2,
  traces: true,
  title: { en: 'Where does the new instance land, and who decides?', zh: '新实例会落到哪台计算节点？由谁决定？' },
  setup: (pick) => {
    const computes = pick.between(2, 4);
    const t = tenantCloud(pick, { tenants: 1, computes: [computes, computes] });
    const net = t.tenants[0]!.network;
    // One compute node carries strictly fewer instances than every other, so the RAM weigher has a single winner.
    const target = pick.int(computes);
    const least = pick.between(0, 1);
    const loads = Array.from({ length: computes }, (_, i) => (i === target ? least : least + pick.between(1, 2)));
    const prefix = pick.one(PREFIXES);
    const lines = [...t.lines, '. admin-openrc'];
    let n = 0;
    const order = pick.shuffle(loads.flatMap((load, i) => Array.from({ length: load }, () => i + 1)));
    for (const host of order) lines.push(`openstack server create --flavor m1.nano --image cirros --nic net-id=${net} --availability-zone nova:compute${host} ${prefix}-${++n}`);
    lines.push('. demo-openrc', `openstack server create --flavor m1.nano --image cirros --nic net-id=${net} ${pick.one(TARGETS)}`, '. admin-openrc');
    return { scenario: lines, computes };
  },
  facts: (world) => {
    const server = Object.values(world.cloud.db.servers).at(-1)!;
    return { server: server.name, network: world.cloud.db.networks[world.cloud.db.ports[server.portIds[0]!]!.networkId]!.name };
  },
  prompt: (w) => ({
    en: `The admin listed the servers and their hosts and the guests on every compute node (below), then the demo user ran \`openstack server create --flavor m1.nano --image cirros --nic net-id=${w.facts.network} ${w.facts.server}\` with no host or zone hint. All compute nodes are the same size and every instance uses m1.nano. Which compute node does "${w.facts.server}" land on, which service claims its resources in Placement, which service does that service answer to (and with which RPC method), and who casts build_and_run_instance to the chosen node?`,
    zh: `管理员先列出了所有实例和它们所在的主机，以及每台计算节点上的虚拟机（见下），然后 demo 用户执行了 \`openstack server create --flavor m1.nano --image cirros --nic net-id=${w.facts.network} ${w.facts.server}\`，没有指定主机或可用域。所有计算节点规格相同，实例都是 m1.nano。请问 “${w.facts.server}” 会落到哪台计算节点？是哪个服务在 Placement 里做资源 claim？它是被哪个服务用哪个 RPC 方法调用的？又是谁把 build_and_run_instance cast 给选中的节点？`,
  }),
  context: (w) => {
    const domain = names.domainName(serverNamed(w.cloud, w.facts.server).instanceNumber);
    return [
      shownFiltered(w, 'controller', 'openstack server list --long -c Name -c Status -c Host', { drop: w.facts.server }),
      // Every compute node's guests before the boot, including nodes that have none.
      ...Object.values(w.cloud.hosts).filter((h) => h.role === 'compute').map((h) => shownFiltered(w, h.name, 'virsh list --all', { drop: domain })),
      shown(w, 'controller', 'openstack flavor show m1.nano -c vcpus -c ram -c disk'),
    ];
  },
  blanks: (w) => {
    const s = steps(w);
    const trace = { host: 'controller', command: `npm run --silent emu -- SCENARIO --trace 1` };
    return [
      { id: 'host', label: { en: 'Compute node it lands on', zh: '落到的计算节点' }, type: 'text', expected: s.server.host!, placeholder: 'computeN', source: { host: 'controller', command: `openstack server show ${w.facts.server} -c OS-EXT-SRV-ATTR:host` } },
      { id: 'claims', label: { en: 'Service that claims the resources in Placement (PUT /allocations)', zh: '在 Placement 里做资源 claim（PUT /allocations）的服务' }, type: 'text', expected: serviceOf(s.claim.from), alternatives: [serviceOf(s.claim.from).replace(/^nova-/, ''), serviceOf(s.claim.from).replace('-', ' ')], source: trace },
      { id: 'caller', label: { en: 'Service that asks it for a host', zh: '向它要主机的服务' }, type: 'text', expected: serviceOf(s.select.from), alternatives: [serviceOf(s.select.from).replace(/^nova-/, ''), serviceOf(s.select.from).replace('-', ' ')], source: trace },
      { id: 'method', label: { en: 'RPC method of that request', zh: '这个请求的 RPC 方法名' }, type: 'text', expected: s.select.name, source: trace },
      { id: 'caster', label: { en: 'Service that casts build_and_run_instance', zh: 'cast build_and_run_instance 的服务' }, type: 'text', expected: serviceOf(s.cast.from), alternatives: [serviceOf(s.cast.from).replace(/^nova-/, ''), serviceOf(s.cast.from).replace('-', ' ')], source: trace },
    ];
  },
  hints: () => [
    { en: 'With equal flavors and equal nodes, the RAM weigher prefers the node with the most free memory.', zh: '规格相同、节点相同时，RAM weigher 偏向空闲内存最多的节点。' },
    { en: 'Placement only answers "who could take it" (allocation candidates); filtering, weighing and the claim are done by the service that asks Placement.', zh: 'Placement 只回答“谁放得下”（allocation candidates）；过滤、称重和 claim 都是问 Placement 的那个服务做的。' },
    { en: 'nova-api hands the request to the orchestrator of cells v2, which makes a blocking call for a destination and later casts to the compute node.', zh: 'nova-api 把请求交给 cells v2 的编排者，由它阻塞调用要一个目标主机，之后再 cast 给计算节点。' },
  ],
  explain: (w) => {
    const s = steps(w);
    const counts = Object.values(w.cloud.hosts).filter((h) => h.role === 'compute')
      .map((h) => `${h.name}: ${h.domains.filter((d) => d.uuid !== s.server.id).length}`).join(', ');
    return paragraphs(
      {
        en: `Instances per compute node before the boot: ${counts}. nova-api cast schedule_and_build_instances to nova-conductor; ${s.select.from} made the RPC call ${s.select.name} to ${s.select.to}; the scheduler asked Placement (${s.candidates.name}: ${s.candidates.detail}), filtered and weighed the hosts it read from the cell database, and claimed with ${s.claim.name.replace(s.server.id, '<instance uuid>')} on ${s.server.host} — the node with the fewest m1.nano guests, i.e. the most free RAM. It returned that host plus alternates to the conductor, which created the instance row in the cell database and cast build_and_run_instance to compute.${s.server.host} (${s.cast.detail}). On ${s.server.host}, nova-compute then made its own resource-tracker claim (instance_claim). If that failed, the conductor would retry on an alternate without asking the scheduler again.`,
        zh: `创建前各计算节点上的实例数：${counts}。nova-api 把 schedule_and_build_instances cast 给 nova-conductor；${s.select.from} 用 RPC call ${s.select.name} 去问 ${s.select.to}；调度器先向 Placement 要候选（${s.candidates.name}），再对从 cell 库读到的主机做过滤和称重，最后在 ${s.server.host} 上用 PUT /allocations/<实例 uuid> 做了 claim——它是 m1.nano 实例最少、也就是空闲内存最多的节点。调度器把这台主机和备选主机（alternates）返回给 conductor，conductor 在 cell 库里建实例记录，再把 build_and_run_instance cast 到 compute.${s.server.host}。到了 ${s.server.host} 上，nova-compute 还要在本地 resource tracker 里再做一次 claim（instance_claim）；如果失败，conductor 会直接换备选主机重试，不用再找调度器。`,
      },
      {
        en: 'Where the seed differs: its step 7 has the scheduler read node data "through the conductor" and message the conductor; in reality the scheduler reads host state from the cell databases itself, asks Placement, claims, and the conductor is the caller. Its step 8 has the scheduler message nova-compute; it is the conductor. Placement is missing from the seed entirely. Real nova breaks ties between equally weighed hosts unpredictably (host_subset_size, shuffle_best_same_weighed_hosts), which is why this cloud has exactly one least-loaded node.',
        zh: '资料与实际的差别：资料第 7 步说调度器“通过 conductor 读数据库”并给 conductor 发消息；实际上调度器自己从 cell 库读主机状态、问 Placement、做 claim，conductor 是调用方。第 8 步说调度器通知 nova-compute，实际是 conductor。Placement 在资料里完全没有出现。另外，真实 nova 在权重相同的主机之间怎么选是不确定的（host_subset_size、shuffle_best_same_weighed_hosts），所以这道题特意让只有一台负载最低的节点。',
      },
      SEED_SIMPLIFIES['schedulerViaConductor'],
    );
  },
});

export default refineFields(family, (w, id, given) => {
  const s = steps(w);
  const g = given.toLowerCase().replace(/^nova[- ]?/, '');
  if (id === 'host') {
    const load = (h: string) => w.cloud.hosts[h]?.domains.filter((d) => d.uuid !== s.server.id).length;
    if (own(w.cloud.hosts, given)) return { en: `${given} already had ${load(given)} guest(s); ${s.server.host} had ${load(s.server.host!)}, the fewest, so it had the most free RAM.`, zh: `${given} 上已经有 ${load(given)} 台虚拟机；${s.server.host} 只有 ${load(s.server.host!)} 台，最少，空闲内存也就最多。` };
  }
  if (id === 'claims' && g === 'placement') return { en: 'Placement stores the allocation, but the scheduler is the one that writes it (PUT /allocations/<instance>) after filtering and weighing.', zh: 'allocation 存在 Placement 里，但写它（PUT /allocations/<实例>）的是调度器，在过滤和称重之后。' };
  if ((id === 'caller' || id === 'caster') && g === 'api') return { en: 'nova-api only casts schedule_and_build_instances to the conductor and answers 202; it never talks to the scheduler or the compute node.', zh: 'nova-api 只是把 schedule_and_build_instances cast 给 conductor，然后返回 202；它不直接找调度器，也不直接找计算节点。' };
  if (id === 'caster' && g === 'scheduler') return { en: 'That is the interview material\'s version (step 8); since cells v2 the scheduler only answers select_destinations and the conductor casts to compute.', zh: '这是面试资料里的说法（第 8 步）；cells v2 之后调度器只负责回答 select_destinations，cast 给计算节点的是 conductor。' };
  if (id === 'method' && /schedule_and_build/.test(given)) return { en: 'schedule_and_build_instances is what nova-api casts to the conductor; the conductor then calls the scheduler with a different method.', zh: 'schedule_and_build_instances 是 nova-api cast 给 conductor 的；conductor 再用另一个方法去 call 调度器。' };
  return undefined;
});
