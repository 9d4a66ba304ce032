/** The learner's schedule, statistics and a flow's walkthrough as chat text. */
import { FLOW_TITLES } from '../../engine/flows/trace';
import type { FlowWalkthrough } from '../../content/index';
import type { dueReviews, learnerStats } from '../tutor/progress';
import { BUTTON } from './messages';
import { say, type Locale, type Reply } from './types';

type Due = Awaited<ReturnType<typeof dueReviews>>;
type Stats = Awaited<ReturnType<typeof learnerStats>>;

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export function renderDue(due: Due, locale: Locale): Reply {
  const zh = locale === 'zh';
  const lines = [zh ? `现在到期：${due.count} 道` : `Due now: ${due.count}`];
  for (const card of due.dueNow.slice(0, 10)) lines.push(`• ${zh ? `流程 ${card.flow}` : `Flow ${card.flow}`}: ${say(card.title, locale)}`);
  if (due.count > 10) lines.push(zh ? `……还有 ${due.count - 10} 道` : `… and ${due.count - 10} more`);
  lines.push(zh
    ? `今天还可以做：${due.leftToday.reviews} 道复习、${due.leftToday.newFamilies} 类新题（共 ${due.newAvailable} 类没开始）`
    : `Left today: ${due.leftToday.reviews} reviews, ${due.leftToday.newFamilies} new families (${due.newAvailable} not started)`);
  const upcoming = due.forecast.slice(1).filter((d) => d.due > 0).slice(0, 7);
  if (upcoming.length) lines.push(`${zh ? '接下来：' : 'Coming up: '}${upcoming.map((d) => `${d.day.slice(5)} ${d.due}`).join(zh ? '，' : ', ')}`);
  return { text: lines.join('\n'), ...(due.count > 0 ? { choices: [{ id: '/quiz', label: say(BUTTON.quiz, locale) }] } : {}) };
}

export function renderStats(stats: Stats, locale: Locale): Reply {
  const zh = locale === 'zh';
  const { totals } = stats;
  const lines = [zh
    ? `连续 ${stats.streak} 天 · 今天 ${stats.reviewsToday} 次复习 · 正确率 ${percent(totals.accuracy)} · 已开始 ${totals.started}/${totals.families} 类题`
    : `Streak ${stats.streak} day${stats.streak === 1 ? '' : 's'} · ${stats.reviewsToday} reviews today · accuracy ${percent(totals.accuracy)} · ${totals.started}/${totals.families} families started`];
  for (const f of stats.flows) {
    lines.push(zh
      ? `${f.flow}. ${f.title.zh}：${f.attempts} 次，正确率 ${percent(f.accuracy)}，掌握 ${percent(f.mastery)}，到期 ${f.due}`
      : `${f.flow}. ${f.title.en}: ${f.attempts} tries, ${percent(f.accuracy)} right, mastery ${percent(f.mastery)}, ${f.due} due`);
  }
  if (stats.leeches.length) lines.push(`${zh ? '老是错的：' : 'Leeches: '}${stats.leeches.map((l) => l.family).join(', ')}`);
  return { text: lines.join('\n') };
}

export function renderWalkthrough(w: FlowWalkthrough, locale: Locale): Reply {
  const zh = locale === 'zh';
  const parts = [
    `${zh ? `流程 ${w.flow}` : `Flow ${w.flow}`}: ${say(w.title, locale)}`,
    say(w.summary, locale),
    w.steps.map((s, i) => `${i + 1}. ${say(s, locale)}`).join('\n'),
  ];
  if (w.interviewVsReality.length) {
    parts.push(`${zh ? '面试常说 vs 实际：' : 'Interview answer vs neutron 2024.1:'}\n${w.interviewVsReality.map((c) => `• ${say(c.expected, locale)}\n  → ${say(c.actually, locale)}`).join('\n')}`);
  }
  return { text: parts.join('\n\n'), choices: [{ id: `/quiz ${w.flow}`, label: zh ? `练习流程 ${w.flow} ▶` : `Practise flow ${w.flow} ▶` }] };
}

/** The flows by number, for a reply that needs to name them. */
export const flowList = (locale: Locale): string => Object.entries(FLOW_TITLES).map(([n, t]) => `${n}. ${say(t, locale)}`).join('\n');
