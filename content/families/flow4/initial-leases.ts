/** Flow 4: the bootstrap leases file the DHCP agent writes before it (re)starts dnsmasq. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { renderInitialLeases } from '../../../engine/agents/dnsmasq.js';
import { DHCP_HOST, dhcpFile, lines, portsOn, readDhcpFile, tenantNetwork, withMessages } from './_helpers.js';

interface Facts { network: string; networkId: string; now: number }

/** What _output_init_lease_file writes at `now`, from the engine's own renderer over the live database. */
function seeded(w: World<Facts>): string[] {
  return lines(renderInitialLeases(w.cloud.db, w.cloud.config, w.facts.networkId, w.facts.now));
}

const family = linesFamily<Facts>({
  id: 'f4-initial-leases',
  flow: 4,
  difficulty: 3,
  compare: 'text',
  label: { en: 'The leases file as the agent writes it, one line per entry', zh: 'agent 写出的 leases 文件，每行一条' },
  placeholder: '<expiry> <mac> <ip> …',
  title: { en: 'Write the leases file the DHCP agent seeds on restart', zh: '写出 DHCP agent 重启时预先写入的 leases 文件' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    // The agent restarts a few minutes after the last command.
    return { network: net.name, networkId: net.id, now: world.cloud.clock + 60 * pick.between(2, 30) };
  },
  prompt: (w) => ({
    en: `neutron-dhcp-agent on ${DHCP_HOST} is restarted at epoch ${w.facts.now} (dhcp_lease_duration is the default 86400). Before it starts dnsmasq again for "${w.facts.network}", it rewrites ${dhcpFile(w.facts.networkId, 'leases')}. Write what it writes.`,
    zh: `${DHCP_HOST} 上的 neutron-dhcp-agent 在 epoch ${w.facts.now} 时重启（dhcp_lease_duration 为默认的 86400）。在为 “${w.facts.network}” 重新拉起 dnsmasq 之前，它会重写 ${dhcpFile(w.facts.networkId, 'leases')}。请写出它写入的内容。`,
  }),
  context: (w) => [
    shown(w, DHCP_HOST, `cat ${dhcpFile(w.facts.networkId, 'leases')}`),
    shown(w, DHCP_HOST, `cat ${dhcpFile(w.facts.networkId, 'host')}`),
  ],
  expected: seeded,
  source: (w) => ({ host: DHCP_HOST, command: `cat ${dhcpFile(w.facts.networkId, 'leases')}  # the agent's seed, before dnsmasq starts and fills in names` }),
  hints: () => [
    { en: 'The current file is dnsmasq\'s own database; the agent\'s seed has the same first three columns but knows nothing about hostnames or client IDs.', zh: '现在的文件是 dnsmasq 自己维护的数据库；agent 预写的版本前三列格式一样，但它不知道主机名和 client ID。' },
    { en: 'The seed covers every reservation of the host file, not only the clients that already have a lease.', zh: '预写内容覆盖 host 文件里的每一条预留，不只是已经拿过租约的客户端。' },
    { en: 'Each line is <expiry> <mac> <ip> followed by two placeholder fields; the expiry is the restart time plus the lease duration.', zh: '每行是 <过期时间> <mac> <ip>，后面跟两个占位字段；过期时间是重启时刻加上租期。' },
  ],
  explain: (w) => {
    const got = seeded(w);
    const current = lines(readDhcpFile(w, w.facts.networkId, 'leases'));
    return paragraphs(
      {
        en: `At ${w.facts.now} the agent (_output_init_lease_file) writes:\n${got.join('\n')}\nOne line per host-file reservation on a DHCP-enabled IPv4 subnet, in the form "<now + dhcp_lease_duration> <mac> <ip> * *" (the expiry is 0 for infinite leases). The hostname and client-ID columns are "*": dnsmasq fills in the hostname from its host file when it loads the seed, and the client ID when the client next talks to it, as in the current file:\n${current.join('\n')}\nThe point is to avoid NAKs: a freshly started dnsmasq (after a restart or a reschedule to another agent) would otherwise refuse renewals for leases it has never heard of. dnsmasq owns the file afterwards; a port change only rewrites host/addn_hosts/opts and sends SIGHUP, which keeps the leases.`,
        zh: `在 ${w.facts.now} 时 agent（_output_init_lease_file）写入：\n${got.join('\n')}\nhost 文件里每一条（开了 DHCP 的 IPv4 子网上的）预留对应一行，格式是 “<当前时间 + dhcp_lease_duration> <mac> <ip> * *”（无限租期时过期时间写 0）。主机名和 client-ID 两列写 “*”：dnsmasq 加载时按 host 文件补上主机名，客户端下次来续租时再补上 client ID，就像现在的文件：\n${current.join('\n')}\n目的是避免 NAK：dnsmasq 刚重启（或网络被调度到另一个 agent）时，不认识的租约续租请求会被拒绝。之后文件归 dnsmasq 管；端口变化时 agent 只重写 host/addn_hosts/opts 并发 SIGHUP，租约保留。`,
      },
      {
        en: 'The seed lists the host and interface files but not leases; interviewers who ask about leases usually want the restart/NAK story above.',
        zh: '资料里只提了 host 和 interface 文件，没提 leases；面试官问 leases 时一般想听的就是上面这段重启和 NAK 的原因。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});

/** Lines copied from dnsmasq's current file, or for the DHCP port, are explained. */
export default withMessages(family, (item, w): Text | undefined => {
  if (item.verdict !== 'extra') return undefined;
  const f = item.given.trim().split(/\s+/);
  const port = portsOn(w, w.facts.networkId).find((p) => p.macAddress === f[1]?.toLowerCase());
  if (port?.deviceOwner === 'network:dhcp') return { en: `\`${item.given}\`: the DHCP port has no reservation, so it gets no lease line.`, zh: `\`${item.given}\`：DHCP 端口没有预留，也就没有租约行。` };
  if (f.length === 5 && (f[3] !== '*' || f[4] !== '*')) return { en: `\`${item.given}\`: the agent cannot know hostname and client ID; it writes "* *" and dnsmasq fills them in later.`, zh: `\`${item.given}\`：agent 不知道主机名和 client ID，写的是 “* *”，之后由 dnsmasq 补上。` };
  if (f[0] && f[0] !== String(w.facts.now + w.cloud.config.dhcpLeaseDuration)) return { en: `\`${item.given}\`: the first column is the expiry, ${w.facts.now} + ${w.cloud.config.dhcpLeaseDuration}.`, zh: `\`${item.given}\`：第一列是过期时间，${w.facts.now} + ${w.cloud.config.dhcpLeaseDuration}。` };
  return undefined;
});
