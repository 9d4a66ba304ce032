/** Flow 6 drill: read the router-side evidence and name the fault (the distractors are the other router faults). */
import { choiceFamily } from '../../kinds/choice.js';
import { faultContext } from '../../faults.js';
import type { Family } from '../../family.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { ROUTER_FAULTS } from './_faults.js';
import { FLOW6_NOTES } from './_helpers.js';
import { ROUTER_READING, type RouterDrillFacts, routerDrillContext, routerDrillSetup } from './fix-router.js';

const base = choiceFamily<RouterDrillFacts>({
  id: 'f6-name-router-fault',
  flow: 6,
  difficulty: 2,
  title: { en: 'Drill: what broke on the router side?', zh: '排障：路由器这一侧坏在哪儿？' },
  setup: routerDrillSetup,
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const target = faultContext(world.cloud, server);
    const fault = pick.one(ROUTER_FAULTS.filter((f) => f.applies(target)));
    fault.inject(target);
    return { fault, target, server: server.name, router: target.router!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" sits behind router "${w.facts.router}", which joins two tenant subnets. Given the symptom and the outputs an operator collected, which fault is it?`,
    zh: `“${w.facts.server}” 在路由器 “${w.facts.router}” 后面，这个路由器连着两个租户子网。根据故障现象和运维收集到的输出，判断是哪个故障。`,
  }),
  context: routerDrillContext,
  options: (w) => ({ right: [w.facts.fault.name.en], wrong: ROUTER_FAULTS.filter((f) => f.id !== w.facts.fault.id).map((f) => f.name.en) }),
  whyWrong: (w, option) => {
    const f = ROUTER_FAULTS.find((x) => x.name.en === option);
    if (!f) return undefined;
    return {
      en: `${option}: the outputs do not show that. ${f.id === 'router-connected-route-missing' ? 'Every qr- still has its "proto kernel" route.' : f.id === 'metadata-redirect-missing' ? 'The REDIRECT to 9697 is still in the nat table.' : f.id === 'qr-tap-down' ? 'Every router tap in `bridge link` is UP.' : 'Every router tap is still listed under its bridge in `brctl show`.'}`,
      zh: `${f.name.zh}：输出里看不出这一点。${f.id === 'router-connected-route-missing' ? '每个 qr- 的 "proto kernel" 路由都还在。' : f.id === 'metadata-redirect-missing' ? 'nat 表里到 9697 的 REDIRECT 还在。' : f.id === 'qr-tap-down' ? '`bridge link` 里路由器的 tap 都是 UP 的。' : '`brctl show` 里路由器的 tap 都还挂在各自的网桥下。'}`,
    };
  },
  hints: () => [
    { en: 'Two faults give the same symptom; only `brctl show` versus `bridge link` tells them apart.', zh: '有两个故障现象一模一样，只能靠 `brctl show` 和 `bridge link` 区分。' },
    { en: 'Count: router taps in the bridges, "proto kernel" routes in the namespace, REDIRECT rules in the nat table.', zh: '数一数：网桥里路由器的 tap、命名空间里的 "proto kernel" 路由、nat 表里的 REDIRECT 规则。' },
    { en: 'If the gateway answers, the L2 side is fine: look at layer 3 and the nat table.', zh: '如果网关能通，二层就没问题，去看三层和 nat 表。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    return paragraphs(
      {
        en: `The injected fault: ${w.facts.fault.name.en}. ${ROUTER_READING[w.facts.fault.id]!.en}\nOne fix: \`${fix.host}$ ${fix.command}\`.`,
        zh: `注入的故障是：${w.facts.fault.name.zh}。${ROUTER_READING[w.facts.fault.id]!.zh}\n一种修法：\`${fix.host}$ ${fix.command}\`。`,
      },
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['router'],
    );
  },
});

const nameRouterFault: Family<RouterDrillFacts> = {
  ...base,
  kind: 'troubleshooting',
  ask: (world, pick) => ({ ...base.ask(world, pick), fault: world.facts.fault.symptom }),
};

export default nameRouterFault;
