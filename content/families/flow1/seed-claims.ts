/**
 * Flow 1: statements about this cloud's boot, half of them the interview material's
 * version. Each statement is checked against the message bus, so whether it is
 * true is read from what really happened, not written into the family.
 */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { BusEvent } from '../../../engine/core/types.js';
import type { Text, World } from '../../types.js';
import { bilingual, eventsAbout, firstEvent, firstPortId } from './_helpers.js';

interface Facts { server: string; keys: string[] }

interface Boot {
  server: string;
  host: string;
  ip: string;
  tap: string;
  bridge: string;
  image: string;
  events: BusEvent[];
}

interface Claim {
  text: (b: Boot) => Text;
  /** Whether the statement holds, read from the bus. */
  holds: (b: Boot) => boolean;
  /** What really happened (shown when the learner gets this one wrong). */
  truth: (b: Boot) => Text;
}

const idx = (b: Boot, re: RegExp, from?: string) => b.events.findIndex((e) => re.test(e.name) && (from === undefined || e.from.startsWith(from)));
const has = (b: Boot, re: RegExp, from?: string, to?: string) => b.events.some((e) => re.test(e.name) && (from === undefined || e.from.startsWith(from)) && (to === undefined || e.to.startsWith(to)));
const downloaded = (b: Boot) => has(b, /^GET \/v2\/images\/[^/]+\/file$/, 'nova-compute');

const CLAIMS: Record<string, Claim> = {
  apiToConductor: {
    text: () => ({ en: 'nova-api cast schedule_and_build_instances to nova-conductor; it never sent nova-scheduler anything.', zh: `nova-api 把 schedule_and_build_instances cast 给 nova-conductor，从没给 nova-scheduler 发过任何消息。` }),
    holds: (b) => has(b, /^schedule_and_build_instances$/, 'nova-api', 'nova-conductor') && !b.events.some((e) => e.from === 'nova-api' && e.to === 'nova-scheduler'),
    truth: () => ({ en: 'nova-api cast schedule_and_build_instances to nova-conductor and never talked to nova-scheduler.', zh: 'nova-api 把 schedule_and_build_instances cast 给了 nova-conductor，从来没有直接找 nova-scheduler。' }),
  },
  apiToScheduler: {
    text: (b) => ({ en: `nova-api put a message on RabbitMQ asking nova-scheduler to create ${b.server}.`, zh: `nova-api 往 RabbitMQ 发了一条消息，让 nova-scheduler 去创建 ${b.server}。` }),
    holds: (b) => b.events.some((e) => e.from === 'nova-api' && e.to === 'nova-scheduler'),
    truth: () => ({ en: 'nova-api never messages nova-scheduler: it casts to nova-conductor, and the conductor calls select_destinations.', zh: 'nova-api 从不直接给 nova-scheduler 发消息：它 cast 给 nova-conductor，由 conductor 去 call select_destinations。' }),
  },
  ipamBeforeDhcp: {
    text: (b) => ({ en: `${b.ip} was fixed by neutron-server's IPAM when nova-compute@${b.host} sent POST /v2.0/ports, before ${b.server} sent any DHCPDISCOVER.`, zh: `${b.ip} 是 nova-compute@${b.host} 发 POST /v2.0/ports 时由 neutron-server 的 IPAM 定下来的，早于 ${b.server} 发出任何 DHCPDISCOVER。` }),
    holds: (b) => idx(b, /^POST \/v2\.0\/ports$/, 'nova-compute') >= 0 && idx(b, /^POST \/v2\.0\/ports$/, 'nova-compute') < idx(b, /^DHCPDISCOVER$/),
    truth: (b) => ({ en: `${b.ip} was allocated at POST /v2.0/ports by neutron IPAM; dnsmasq only hands out the MAC-to-IP mapping it finds in its host file.`, zh: `${b.ip} 是在 POST /v2.0/ports 时由 neutron IPAM 分配的；dnsmasq 只是按 host 文件里的 MAC-IP 对应关系发出去。` }),
  },
  dhcpPicks: {
    text: (b) => ({ en: `dnsmasq picked ${b.ip} as the first free address when ${b.server} broadcast its DHCPDISCOVER.`, zh: `${b.server} 广播 DHCPDISCOVER 时，dnsmasq 挑了第一个空闲地址 ${b.ip}。` }),
    holds: (b) => idx(b, /^POST \/v2\.0\/ports$/, 'nova-compute') < 0 || idx(b, /^DHCPDISCOVER$/) < idx(b, /^POST \/v2\.0\/ports$/, 'nova-compute'),
    truth: (b) => ({ en: `The address was decided long before DHCP: neutron IPAM allocated ${b.ip} (randomly among the first free ones, since Stein) when the port was created.`, zh: `地址在 DHCP 之前早就定了：创建端口时 neutron IPAM 分配了 ${b.ip}（Stein 起是在空闲地址里随机挑的）。` }),
  },
  cellAfterSchedule: {
    text: (b) => ({ en: `nova-conductor wrote ${b.server}'s row into the cell database only after nova-scheduler had claimed ${b.host} in Placement.`, zh: `nova-conductor 是在 nova-scheduler 在 Placement 里 claim 了 ${b.host} 之后，才把 ${b.server} 的记录写进 cell 库的。` }),
    holds: (b) => {
      const claim = idx(b, /^PUT \/allocations\//, 'nova-scheduler');
      const insert = b.events.findIndex((e) => e.from === 'nova-conductor' && /^INSERT instances/.test(e.name));
      return claim >= 0 && insert > claim;
    },
    truth: (b) => ({ en: `The instances row is created in ${b.host}'s cell by nova-conductor after the Placement claim; before that only the BuildRequest in nova_api exists.`, zh: `instances 表的记录是在 Placement claim 之后，由 nova-conductor 写进 ${b.host} 所在 cell 的；在此之前只有 nova_api 库里的 BuildRequest。` }),
  },
  apiWritesInstance: {
    text: (b) => ({ en: `nova-api wrote ${b.server} into the instances table before the scheduler ran.`, zh: `调度器运行之前，nova-api 就已经把 ${b.server} 写进了 instances 表。` }),
    holds: (b) => b.events.some((e) => e.from === 'nova-api' && /INSERT instances/.test(e.name)),
    truth: () => ({ en: 'nova-api only wrote RequestSpec, BuildRequest and InstanceMapping into the nova_api database; the instances row comes from the conductor, in the cell database, after scheduling.', zh: 'nova-api 只往 nova_api 库写了 RequestSpec、BuildRequest、InstanceMapping；instances 记录是调度之后由 conductor 写进 cell 库的。' }),
  },
  libvirtTap: {
    text: (b) => ({ en: `libvirt on ${b.host} created ${b.tap} and enslaved it to ${b.bridge}; the Linux bridge agent did not create it.`, zh: `${b.tap} 是 ${b.host} 上的 libvirt 创建并挂到 ${b.bridge} 上的，不是 linuxbridge agent 创建的。` }),
    holds: (b) => b.events.some((e) => e.from.startsWith('nova-compute') && e.to.startsWith('libvirt') && e.changes.some((c) => c.includes(`creates TAP ${b.tap}`)))
      && !b.events.some((e) => e.from.startsWith('neutron-linuxbridge-agent') && e.changes.some((c) => c.includes(`add ${b.tap}`))),
    truth: (b) => ({ en: `libvirt created ${b.tap} from the domain XML and put it into ${b.bridge}; the agent only set its MTU and wired the bridge's uplink.`, zh: `${b.tap} 是 libvirt 按 domain XML 创建并挂进 ${b.bridge} 的；agent 只设置了它的 MTU、保证网桥的上联口。` }),
  },
  agentTap: {
    text: (b) => ({ en: `neutron-linuxbridge-agent on ${b.host} created ${b.tap} and plugged it into ${b.server}.`, zh: `${b.host} 上的 neutron-linuxbridge-agent 创建了 ${b.tap} 并把它接到 ${b.server} 上。` }),
    holds: (b) => b.events.some((e) => e.from.startsWith('neutron-linuxbridge-agent') && e.changes.some((c) => c.includes(`add ${b.tap}`) || c.includes(`creates TAP ${b.tap}`))),
    truth: (b) => ({ en: `The agent found ${b.tap} already in ${b.bridge} (libvirt made it) and left it alone: it never addifs a compute: port.`, zh: `agent 发现 ${b.tap} 时它已经在 ${b.bridge} 里了（libvirt 建的），agent 不会去动 compute: 端口的 tap。` }),
  },
  schedulerCasts: {
    text: (b) => ({ en: `nova-scheduler cast build_and_run_instance to nova-compute@${b.host}.`, zh: `nova-scheduler 把 build_and_run_instance cast 给了 nova-compute@${b.host}。` }),
    holds: (b) => has(b, /^build_and_run_instance$/, 'nova-scheduler'),
    truth: (b) => ({ en: `${firstEvent(b.events, /^build_and_run_instance$/)?.from ?? 'nova-conductor'} cast build_and_run_instance; the scheduler only answers select_destinations.`, zh: `build_and_run_instance 是 ${firstEvent(b.events, /^build_and_run_instance$/)?.from ?? 'nova-conductor'} cast 的；调度器只负责回答 select_destinations。` }),
  },
  pausedUntilPlugged: {
    text: (b) => ({ en: `${b.server} was defined paused and resumed only after neutron-server sent network-vif-plugged.`, zh: `${b.server} 先以暂停状态定义，直到 neutron-server 发来 network-vif-plugged 才 resume。` }),
    holds: (b) => {
      const define = b.events.findIndex((e) => /paused/.test(e.name));
      const plugged = b.events.findIndex((e) => e.name === 'POST /v2.1/os-server-external-events');
      const resume = idx(b, /^resume$/);
      return define >= 0 && define < plugged && plugged < resume;
    },
    truth: () => ({ en: 'libvirt defined the guest paused; it was resumed only when network-vif-plugged arrived (vif_plugging_timeout 300 s, fatal).', zh: 'libvirt 先以暂停状态定义虚拟机，等 network-vif-plugged 到了才 resume（vif_plugging_timeout 300 秒，超时即失败）。' }),
  },
  runsAtOnce: {
    text: (b) => ({ en: `${b.server} started running as soon as libvirt defined it; nova does not wait for neutron.`, zh: `libvirt 一定义好 ${b.server} 它就开始运行了，nova 不等 neutron。` }),
    holds: (b) => !b.events.some((e) => /paused/.test(e.name)),
    truth: () => ({ en: 'The guest started paused and waited for network-vif-plugged from neutron.', zh: '虚拟机是暂停启动的，要等 neutron 的 network-vif-plugged。' }),
  },
  glanceDownload: {
    text: (b) => ({ en: `nova-compute@${b.host} downloaded ${b.image} from glance-api for this boot.`, zh: `这次启动时 nova-compute@${b.host} 从 glance-api 下载了 ${b.image}。` }),
    holds: (b) => downloaded(b),
    truth: (b) => (downloaded(b)
      ? { en: `${b.image} was not in ${b.host}'s _base cache yet, so nova-compute fetched it.`, zh: `${b.host} 的 _base 缓存里还没有 ${b.image}，所以 nova-compute 去 glance 下载了。` }
      : { en: `${b.image} was already in ${b.host}'s _base cache (an earlier boot there fetched it), so this boot did not download anything from glance.`, zh: `${b.host} 的 _base 缓存里已经有 ${b.image}（之前在这台上启动过的实例下载过），这次启动没有从 glance 下载。` }),
  },
  noGlanceDownload: {
    text: (b) => ({ en: `nova-compute@${b.host} did not download ${b.image} from glance for this boot: it used its _base cache.`, zh: `这次启动 nova-compute@${b.host} 没有从 glance 下载 ${b.image}，用的是 _base 缓存。` }),
    holds: (b) => !downloaded(b) && has(b, /^image cache hit$/),
    truth: (b) => (downloaded(b)
      ? { en: `This was the first boot of ${b.image} on ${b.host}: a cache miss, so nova-compute fetched it (GET /v2/images/<id>/file).`, zh: `这是 ${b.image} 在 ${b.host} 上的第一次启动，缓存未命中，nova-compute 去 glance 下载了（GET /v2/images/<id>/file）。` }
      : { en: `${b.image} was already cached on ${b.host}.`, zh: `${b.image} 已经在 ${b.host} 上缓存了。` }),
  },
  computeWritesDb: {
    text: (b) => ({ en: `nova-compute@${b.host} wrote vm_state active into the database itself once the guest ran.`, zh: `虚拟机运行后，nova-compute@${b.host} 自己把 vm_state active 写进了数据库。` }),
    holds: (b) => b.events.some((e) => e.from.startsWith('nova-compute') && /DB$/.test(e.to)),
    truth: (b) => ({ en: `nova-compute@${b.host} saved the instance through nova-conductor (instance.save over RPC); compute nodes never touch the database directly.`, zh: `nova-compute@${b.host} 是通过 nova-conductor（RPC 的 instance.save）保存实例状态的；计算节点从不直接连数据库。` }),
  },
  tokenCached: {
    text: () => ({ en: 'nova-api had the user\'s token validated by keystonemiddleware (GET /v3/auth/tokens to keystone); validated tokens are cached, so not every request reaches keystone.', zh: 'nova-api 通过 keystonemiddleware 校验用户 token（向 keystone 发 GET /v3/auth/tokens）；校验过的 token 会被缓存，不是每个请求都要找 keystone。' }),
    holds: (b) => has(b, /^GET \/v3\/auth\/tokens$/, 'nova-api', 'keystone') && !b.events.some((e) => e.to === 'keystone DB'),
    truth: () => ({ en: 'keystonemiddleware in nova-api validated the token against keystone (and caches the result).', zh: 'nova-api 里的 keystonemiddleware 向 keystone 校验了 token（结果会缓存）。' }),
  },
  tokenDb: {
    text: () => ({ en: 'keystone stored the token in its database, and nova-api looked it up there before accepting the request.', zh: 'keystone 把 token 存进了数据库，nova-api 接受请求前去数据库里查了这个 token。' }),
    holds: (b) => b.events.some((e) => e.to === 'keystone DB' || (e.from === 'nova-api' && /DB$/.test(e.to) && /token/.test(e.name))),
    truth: () => ({ en: 'Tokens are Fernet by default: nothing is stored, keystone decrypts and checks them; nova-api asks keystone through keystonemiddleware (GET /v3/auth/tokens), with a cache.', zh: '默认是 Fernet token，根本不落库，keystone 解密校验即可；nova-api 是通过 keystonemiddleware 向 keystone 发 GET /v3/auth/tokens 来校验的，还带缓存。' }),
  },
  computeViaConductor: {
    text: (b) => ({ en: `nova-compute@${b.host} saved vm_state active through nova-conductor, not by writing the database itself.`, zh: `nova-compute@${b.host} 是通过 nova-conductor 保存 vm_state active 的，没有自己写数据库。` }),
    holds: (b) => b.events.some((e) => e.from.startsWith('nova-compute') && e.to === 'nova-conductor' && e.name === 'instance.save'),
    truth: (b) => ({ en: `nova-compute@${b.host} called instance.save on nova-conductor.`, zh: `nova-compute@${b.host} 调用了 nova-conductor 的 instance.save。` }),
  },
};

function boot(w: World<Facts>): Boot {
  const server = serverNamed(w.cloud, w.facts.server);
  const portId = firstPortId(server);
  return {
    server: server.name, host: server.host!, ip: w.cloud.db.ports[portId]!.fixedIps[0]!.ipAddress,
    tap: names.tapName(portId), bridge: names.bridgeName(w.cloud.db.ports[portId]!.networkId),
    image: w.cloud.db.images[server.imageId]!.name, events: eventsAbout(w.cloud, [server.id, portId]),
  };
}

export default choiceFamily<Facts>({
  id: 'f1-seed-claims',
  flow: 1,
  traces: true,
  difficulty: 2,
  multiple: true,
  title: { en: 'Which statements about this boot are true?', zh: '关于这次启动，哪些说法是对的？' },
  setup: (pick) => {
    // Sometimes a second instance follows on the same node (a cache hit), sometimes it is the first boot there.
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 4), computes: [2, 3], router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    // Four statements about things that really happened and three of the interview material's versions.
    const pairs: Array<[string, string]> = [
      ['apiToConductor', 'apiToScheduler'], ['ipamBeforeDhcp', 'dhcpPicks'], ['cellAfterSchedule', 'apiWritesInstance'],
      ['libvirtTap', 'agentTap'], ['pausedUntilPlugged', 'runsAtOnce'], ['glanceDownload', 'noGlanceDownload'],
      ['computeViaConductor', 'computeWritesDb'], ['apiToConductor', 'schedulerCasts'], ['tokenCached', 'tokenDb'],
    ];
    const chosen = pick.some(pairs, 4);
    const keys = [...new Set(chosen.flatMap(([a, b]) => (pick.bool() ? [a, b] : [a, b].reverse())))].slice(0, 7);
    return { server: server.name, keys };
  },
  prompt: (w) => ({
    en: `The statements below are about the boot of "${w.facts.server}" in this cloud. Some are what the interview notes say, some are what really happened here. Select every statement that is true for this cloud.`,
    zh: `下面的说法都是关于这个环境里 “${w.facts.server}” 的启动过程的。有的是面试资料里的说法，有的是这里实际发生的事。请选出所有在这个环境里成立的说法。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list --long -c Name -c Status -c Host -c Networks'),
    shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses" -c Status`),
  ],
  options: (w) => {
    const b = boot(w);
    const right: string[] = [];
    const wrong: string[] = [];
    for (const k of w.facts.keys) (CLAIMS[k]!.holds(b) ? right : wrong).push(bilingual(CLAIMS[k]!.text(b)));
    return { right, wrong };
  },
  whyWrong: (w, option) => {
    const b = boot(w);
    const claim = Object.values(CLAIMS).find((c) => bilingual(c.text(b)) === option);
    return claim ? { en: `Not true here: ${claim.truth(b).en}`, zh: `在这个环境里不成立：${claim.truth(b).zh}` } : undefined;
  },
  hints: () => [
    { en: 'Since cells v2 one service sits between nova-api, the scheduler and the compute nodes.', zh: 'cells v2 之后，nova-api、调度器和计算节点之间隔着一个服务。' },
    { en: 'The port, with its IP and MAC, exists before the guest is even defined.', zh: '端口（连同 IP 和 MAC）在虚拟机定义之前就已经存在了。' },
    { en: 'Look at the list: was another instance booted earlier on the same node? nova keeps base images in _base.', zh: '看看列表：同一台节点上之前有没有启动过别的实例？nova 会把基础镜像缓存在 _base 里。' },
  ],
  explain: (w) => {
    const b = boot(w);
    const lines = w.facts.keys.map((k) => {
      const c = CLAIMS[k]!;
      return c.holds(b) ? `✓ ${c.text(b).en}` : `✗ ${c.text(b).en} — ${c.truth(b).en}`;
    });
    const linesZh = w.facts.keys.map((k) => {
      const c = CLAIMS[k]!;
      return c.holds(b) ? `✓ ${c.text(b).zh}` : `✗ ${c.text(b).zh} —— ${c.truth(b).zh}`;
    });
    return paragraphs(
      { en: `For ${b.server} on ${b.host}:\n${lines.join('\n')}`, zh: `${b.server}（在 ${b.host} 上）：\n${linesZh.join('\n')}` },
      {
        en: 'Where the seed is wrong or coarse: it sends nova-api\'s message to the scheduler and lets the scheduler drive the conductor and cast to compute (it is nova-api -> conductor -> scheduler/Placement, and the conductor casts); it has nova-api write "the nova DB" (only nova_api; the instances row comes later in the cell DB); it always downloads the image (only on a _base cache miss, never for boot-from-volume); it leaves out Placement, the paused guest and network-vif-plugged. Its token steps (4-5, 11, 14, 17) are right in principle, but keystonemiddleware caches validated tokens and Fernet tokens are never stored. Interviewers still accept the seed\'s outline; saying what really happens earns the extra marks.',
        zh: '资料里不对或太粗的地方：它让 nova-api 直接给调度器发消息、再由调度器指挥 conductor 并通知计算节点（实际是 nova-api -> conductor -> 调度器/Placement，由 conductor cast 给计算节点）；说 nova-api 写“nova 数据库”（只写 nova_api 库，instances 记录后来才在 cell 库里建）；说总是从 glance 下载镜像（只有 _base 缓存未命中时才下，从卷启动根本不下）；完全没提 Placement、暂停启动和 network-vif-plugged。token 校验那几步（第 4-5、11、14、17 步）原理上没错，但 keystonemiddleware 会缓存校验结果，Fernet token 也根本不落库。面试官一般接受资料里的大框架，能讲出实际情况是加分项。',
      },
      SEED_SIMPLIFIES['schedulerViaConductor'],
      SEED_SIMPLIFIES['agentCreatesTap'],
      SEED_SIMPLIFIES['ipFirstFree'],
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
