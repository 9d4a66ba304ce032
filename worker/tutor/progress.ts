/**
 * What the learner's record says: what is due now and in the next two weeks,
 * and per-flow statistics. Accuracy counts every graded review; retention
 * only reviews of cards that had graduated (FSRS state Review), which is the
 * number FSRS aims at with the desired retention.
 */
import { and, eq, sql } from 'drizzle-orm';
import { FLOW_TITLES } from '../../engine/flows/trace';
import { findFamily } from '../../content/index';
import type { Text } from '../../content/types';
import type { Db } from '../db/client';
import type { CardRow, LearnerRow } from '../db/rows';
import { cards, questions, reviewLogs } from '../db/schema';
import { learnerDay, learnerDays, previousDayKey } from '../srs/day';
import { retrievability, State } from '../srs/scheduler';
import { stateName } from './answers';
import { catalogue } from './catalogue';

/** A family failed this many times is a leech: drilling it again is not working. */
export const LEECH_FAILURES = 8;
/** Stability (days) from which a card counts as mature, as in Anki. */
const MATURE_DAYS = 21;

export interface DueCard {
  family: string;
  flow: number;
  title: Text;
  due: string;
  state: string;
}

const issuedOn = (db: Db, learner: LearnerRow, dayKey: string) =>
  db.select({ family: questions.family, reason: questions.reason }).from(questions).where(and(eq(questions.learnerId, learner.id), eq(questions.day, dayKey)));

function todayCounts(rows: { family: string; reason: string }[]) {
  return {
    reviews: rows.filter((r) => r.reason === 'due').length,
    newFamilies: new Set(rows.filter((r) => r.reason === 'new').map((r) => r.family)).size,
  };
}

export async function dueReviews(db: Db, learner: LearnerRow, now: number) {
  const days = learnerDays(now, learner.timezone, 14);
  const [rows, issued] = await db.batch([
    db.select().from(cards).where(eq(cards.learnerId, learner.id)),
    issuedOn(db, learner, days[0]!.key),
  ]);
  const today = todayCounts(issued);
  const due = rows.filter((c) => c.due <= now).sort((a, b) => a.due - b.due).map((c): DueCard => {
    const f = findFamily(c.family);
    return { family: c.family, flow: f.flow, title: f.title, due: new Date(c.due).toISOString(), state: stateName(c.state) };
  });
  return {
    now: new Date(now).toISOString(),
    day: days[0]!.key,
    dueNow: due,
    count: due.length,
    newAvailable: catalogue().length - rows.length,
    leftToday: { reviews: Math.max(0, learner.reviewsPerDay - today.reviews), newFamilies: Math.max(0, learner.newPerDay - today.newFamilies) },
    // Day 0 also holds everything overdue.
    forecast: days.map((d, i) => ({ day: d.key, due: rows.filter((c) => c.due < d.end && (i === 0 || c.due >= d.start)).length })),
  };
}

interface FamilyLog {
  family: string;
  reviews: number;
  correct: number;
  graduatedReviews: number;
  graduatedRecalled: number;
}

export async function learnerStats(db: Db, learner: LearnerRow, now: number) {
  const today = learnerDay(now, learner.timezone);
  const [cardRows, logs, days, issued, reviewsToday] = await db.batch([
    db.select().from(cards).where(eq(cards.learnerId, learner.id)),
    db.select({
      family: reviewLogs.family,
      reviews: sql<number>`count(*)`,
      correct: sql<number>`sum(${reviewLogs.correct})`,
      graduatedReviews: sql<number>`sum(case when ${reviewLogs.state} = ${State.Review} then 1 else 0 end)`,
      graduatedRecalled: sql<number>`sum(case when ${reviewLogs.state} = ${State.Review} and ${reviewLogs.rating} > 1 then 1 else 0 end)`,
    }).from(reviewLogs).where(eq(reviewLogs.learnerId, learner.id)).groupBy(reviewLogs.family),
    db.selectDistinct({ day: reviewLogs.day }).from(reviewLogs).where(eq(reviewLogs.learnerId, learner.id)).orderBy(sql`${reviewLogs.day} desc`).limit(400),
    issuedOn(db, learner, today.key),
    db.select({ n: sql<number>`count(*)` }).from(reviewLogs).where(and(eq(reviewLogs.learnerId, learner.id), eq(reviewLogs.day, today.key))),
  ]);
  const cardOf = new Map<string, CardRow>(cardRows.map((c) => [c.family, c]));
  const logOf = new Map<string, FamilyLog>(logs.map((l) => [l.family, l]));
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

  const flows = Object.entries(FLOW_TITLES).map(([n, title]) => {
    const fams = catalogue().filter((f) => f.flow === Number(n));
    const famLogs = fams.map((f) => logOf.get(f.id)).filter((l): l is FamilyLog => l !== undefined);
    const sum = (k: keyof Omit<FamilyLog, 'family'>) => famLogs.reduce((s, l) => s + Number(l[k] ?? 0), 0);
    const started = fams.map((f) => cardOf.get(f.id)).filter((c): c is CardRow => c !== undefined);
    const mastery = fams.reduce((s, f) => s + (cardOf.has(f.id) ? retrievability(learner.desiredRetention, cardOf.get(f.id)!, now) : 0), 0) / fams.length;
    return {
      flow: Number(n), title, families: fams.length, started: started.length,
      mature: started.filter((c) => c.stability >= MATURE_DAYS).length,
      due: started.filter((c) => c.due <= now).length,
      attempts: sum('reviews'), accuracy: ratio(sum('correct'), sum('reviews')),
      retention: ratio(sum('graduatedRecalled'), sum('graduatedReviews')),
      mastery: Math.round(mastery * 1000) / 1000,
      leeches: started.filter((c) => c.failures >= LEECH_FAILURES).map((c) => c.family),
    };
  });
  const dayKeys = days.map((d) => d.day);
  const counts = todayCounts(issued);
  return {
    now: new Date(now).toISOString(),
    day: today.key,
    streak: streakOf(dayKeys, today.key),
    reviewsToday: Number(reviewsToday[0]?.n ?? 0),
    newFamiliesToday: counts.newFamilies,
    totals: {
      attempts: logs.reduce((s, l) => s + Number(l.reviews), 0),
      accuracy: ratio(logs.reduce((s, l) => s + Number(l.correct ?? 0), 0), logs.reduce((s, l) => s + Number(l.reviews), 0)),
      retention: ratio(logs.reduce((s, l) => s + Number(l.graduatedRecalled ?? 0), 0), logs.reduce((s, l) => s + Number(l.graduatedReviews ?? 0), 0)),
      started: cardRows.length, families: catalogue().length,
    },
    flows,
    leeches: cardRows.filter((c) => c.failures >= LEECH_FAILURES).map((c) => ({ family: c.family, failures: c.failures })),
  };
}

/** Consecutive learner days with a review, ending today (or yesterday, when today has none yet). */
export function streakOf(daysDesc: readonly string[], today: string): number {
  const have = new Set(daysDesc);
  let day = have.has(today) ? today : previousDayKey(today);
  let n = 0;
  while (have.has(day)) {
    n++;
    day = previousDayKey(day);
  }
  return n;
}
