/** Flow 1: after `server create` returns 202, which RPC message does nova-api send, to whom, call or cast? */
import { choiceFamily } from '../../kinds/choice.js';
import { flowTrace } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { shownFiltered } from './_helpers.js';

interface Facts { server: string; misconceptions: string[] }

const rpc = (channel: string) => channel === 'RPC cast' || channel === 'RPC call';
const label = (from: string, to: string, name: string, channel: string) => `${from} → ${to}: ${name} (${channel})`;

/** The seed's version and other well-known wrong answers, with why they are wrong. */
const MISCONCEPTIONS: Record<string, { text: (host: string) => string; why: Text }> = {
  seed: {
    text: () => label('nova-api', 'nova-scheduler', 'run_instance', 'RPC cast'),
    why: {
      en: 'This is the interview material\'s version (nova-api puts "let the scheduler create a VM" on RabbitMQ). Since cells v2 (Ocata/Pike) nova-api never messages nova-scheduler; run_instance no longer exists.',
      zh: '这是面试资料里的说法（nova-api 往 RabbitMQ 里发“让 scheduler 创建虚拟机”）。cells v2（Ocata/Pike）之后 nova-api 根本不直接找 nova-scheduler，run_instance 这个方法也早就没了。',
    },
  },
  apiCallsScheduler: {
    text: () => label('nova-api', 'nova-scheduler', 'select_destinations', 'RPC call'),
    why: {
      en: 'select_destinations is a real call, but the conductor makes it, not nova-api: nova-api must answer 202 at once and cannot block on scheduling.',
      zh: 'select_destinations 确实是一个 call，但发起方是 conductor 而不是 nova-api：nova-api 要立刻返回 202，不能阻塞等调度结果。',
    },
  },
  apiToCompute: {
    text: (host) => label('nova-api', `nova-compute@${host}`, 'build_and_run_instance', 'RPC cast'),
    why: {
      en: 'nova-api does not know the host yet when it answers 202; build_and_run_instance is cast later by nova-conductor, after scheduling.',
      zh: 'nova-api 返回 202 时还不知道会落到哪台主机；build_and_run_instance 是调度完成后由 nova-conductor cast 出去的。',
    },
  },
  apiCallsConductor: {
    text: () => label('nova-api', 'nova-conductor', 'schedule_and_build_instances', 'RPC call'),
    why: {
      en: 'Right message and receiver, wrong transport: nova-api casts (fire and forget) so that it can return 202 immediately; a call would block the API request until the build finished.',
      zh: '消息和接收方都对，但方式不对：nova-api 用的是 cast（发完即走），这样才能立刻返回 202；用 call 的话 API 请求要一直阻塞到创建完成。',
    },
  },
};

function traceRpcs(w: World<Facts>) {
  return flowTrace(w.cloud, 1).filter((s) => rpc(s.channel));
}

export default choiceFamily<Facts>({
  id: 'f1-first-rpc',
  flow: 1,
  difficulty: 1,
  traces: true,
  title: { en: 'The first RPC message of server create', zh: 'server create 的第一条 RPC 消息' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({
    server: Object.values(world.cloud.db.servers).at(-1)!.name,
    misconceptions: pick.some(Object.keys(MISCONCEPTIONS), 3),
  }),
  prompt: (w) => ({
    en: `\`openstack server create ... ${w.facts.server}\` came back at once with HTTP 202 and status BUILD. Which RPC message did nova-api put on the message bus to get "${w.facts.server}" scheduled and built, to which service, and is it a call or a cast?`,
    zh: `\`openstack server create ... ${w.facts.server}\` 立刻返回了 HTTP 202，状态是 BUILD。为了让 “${w.facts.server}” 被调度和创建，nova-api 往消息总线上发的是哪条 RPC 消息？发给哪个服务？是 call 还是 cast？`,
  }),
  context: (w) => [shownFiltered(w, 'controller', 'ps -eo user,args', { keep: 'nova' })],
  options: (w) => {
    const rpcs = traceRpcs(w);
    const first = rpcs[0]!;
    const host = w.cloud.db.servers[Object.values(w.cloud.db.servers).find((s) => s.name === w.facts.server)!.id]!.host ?? 'compute1';
    const right = [label(first.actor, first.target, first.message, first.channel)];
    const others = rpcs.slice(1).map((s) => label(s.actor, s.target, s.message, s.channel)).filter((t) => t !== right[0]);
    const wrong = [...w.facts.misconceptions.map((k) => MISCONCEPTIONS[k]!.text(host)), ...others.slice(0, 2)];
    return { right, wrong };
  },
  whyWrong: (w, option) => {
    for (const m of Object.values(MISCONCEPTIONS)) {
      const host = Object.values(w.cloud.db.servers).find((s) => s.name === w.facts.server)!.host ?? 'compute1';
      if (m.text(host) === option) return m.why;
    }
    const step = traceRpcs(w).find((s) => label(s.actor, s.target, s.message, s.channel) === option);
    if (step) {
      return {
        en: `This message is real in this cloud, but it comes later and from ${step.actor}, not from nova-api right after the 202.`,
        zh: `这条消息在这个环境里确实出现了，但它是后面才由 ${step.actor} 发出的，不是 nova-api 在返回 202 之后发的第一条。`,
      };
    }
    return undefined;
  },
  hints: () => [
    { en: 'nova-api answers 202 before any host is chosen, so it cannot wait for anything.', zh: 'nova-api 在选出主机之前就返回 202 了，所以它不能等待任何结果。' },
    { en: 'Since cells v2, one service orchestrates scheduling, the cell database and the compute cast.', zh: 'cells v2 之后，调度、写 cell 库、cast 给计算节点，都由同一个服务来编排。' },
    { en: 'Fire-and-forget RPC is a cast; a call blocks for the reply.', zh: '发完即走的 RPC 叫 cast；call 会阻塞等待返回。' },
  ],
  explain: (w) => {
    const rpcs = traceRpcs(w);
    const first = rpcs[0]!;
    const list = rpcs.map((s, i) => `${i + 1}. ${label(s.actor, s.target, s.message, s.channel)}`).join('\n');
    return paragraphs(
      {
        en: `In this cloud the first RPC message for ${w.facts.server} is ${label(first.actor, first.target, first.message, first.channel)}. Before it, nova-api validated the token (keystonemiddleware, cached), checked the image in glance and the networks in neutron, and wrote RequestSpec, BuildRequest and InstanceMapping into the nova_api database — then it answered 202. Every RPC message of this boot, in order:\n${list}\nThe conductor is the orchestrator: it calls the scheduler (which asks Placement and claims the resources), creates the instance row in the cell database, and casts build_and_run_instance to the chosen compute node.`,
        zh: `在这个环境里，${w.facts.server} 的第一条 RPC 消息是 ${label(first.actor, first.target, first.message, first.channel)}。在这之前，nova-api 先校验 token（keystonemiddleware，有缓存），向 glance 检查镜像、向 neutron 检查网络，把 RequestSpec、BuildRequest、InstanceMapping 写进 nova_api 库，然后就返回 202。这次创建的所有 RPC 消息依次是：\n${list}\nconductor 是总指挥：它 call 调度器（调度器去问 Placement 并做资源 claim），在 cell 库里创建实例记录，再把 build_and_run_instance cast 给选中的计算节点。`,
      },
      SEED_SIMPLIFIES['schedulerViaConductor'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
