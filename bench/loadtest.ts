/**
 * `npm run loadtest [-- --short]`: many learners at once get and answer
 * questions against the local worker (wrangler dev, local D1), and every
 * answer is sent twice with one Idempotency-Key, as a client retrying after a
 * lost response would. Afterwards D1 must hold exactly one attempt and one
 * review log per accepted answer, every retry must have got the first
 * response back, and every card must equal the replay of its review log.
 * Exits non-zero on any 5xx, lost or doubled write, or card mismatch.
 */
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { solution } from '../content/index.js';
import type { AnswerFormat } from '../content/types.js';
import { replayCard, type Grade } from '../worker/srs/scheduler.js';
import { startLocalWorker } from './local-worker.js';

const short = process.argv.includes('--short');
const LEARNERS = short ? 12 : 60;
const CONNECTIONS = short ? 8 : 24;
const SECONDS = short ? 6 : 30;

interface Ctx { key?: string; q?: { id: string; body: string; idem: string }; first?: string }

const asciiOnly = (text: string) => text.replace(/[^\x00-\x7f]/g, '');

/** A wrong answer of the right shape: the grader must score it, not refuse it. */
function wrongAnswer(format: AnswerFormat, right: unknown): unknown {
  if (format.type === 'choice') {
    const other = format.choices.map((c) => c.id).filter((id) => (Array.isArray(right) ? !right.includes(id) : id !== right));
    return format.multiple ? other.slice(0, 1) : other[0] ?? right;
  }
  if (format.type === 'ordering') return [...(right as string[])].reverse();
  if (format.type === 'fields') return Object.fromEntries(format.fields.map((f) => [f.id, 'wrong']));
  return 'wrong';
}

const local = await startLocalWorker();
let failures: string[] = [];
try {
  const keys: string[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const r = await fetch(`${local.base}/v1/learners`, { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': `10.77.${i >> 8}.${i & 255}` }, body: '{}' });
    const key = ((await r.json()) as { apiKey: string }).apiKey;
    await fetch(`${local.base}/v1/me`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"newPerDay":200,"reviewsPerDay":2000}' });
    keys.push(key);
  }

  let turn = 0;
  const accepted = new Set<string>();
  // Answers sent: one still in flight when the run stops is written but never acknowledged.
  const sent = new Set<string>();
  const statuses = new Map<number, number>();
  let retriesMatched = 0;
  let retriesDiffered = 0;
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const json = { 'content-type': 'application/json' };

  const result = await autocannon({
    url: local.base, connections: CONNECTIONS, duration: SECONDS, timeout: 30,
    requests: [
      {
        method: 'POST', path: '/v1/questions', body: '{"mode":"any"}',
        setupRequest: (req: any, ctx: any) => {
          ctx.key = keys[turn++ % keys.length];
          return { ...req, headers: { ...json, authorization: `Bearer ${ctx.key}` } };
        },
        onResponse: (status: number, body: string, ctx: any) => {
          count(status);
          if (status !== 201) return;
          const q = JSON.parse(body) as { id: string; family: string; seed: string; answerFormat: AnswerFormat };
          const right = solution(q.family, q.seed);
          const answer = Math.random() < 0.7 ? right : wrongAnswer(q.answerFormat, right);
          ctx.q = { id: q.id, body: JSON.stringify({ answer }), idem: `${q.id}:answer` };
        },
      },
      {
        method: 'POST',
        setupRequest: (req: any, ctx: any) => {
          if (!ctx.q) return null;
          sent.add(ctx.q.id);
          return { ...req, path: `/v1/questions/${ctx.q.id}/answers`, body: ctx.q.body, headers: { ...json, authorization: `Bearer ${ctx.key}`, 'idempotency-key': ctx.q.idem } };
        },
        onResponse: (status: number, body: string, ctx: any) => {
          count(status);
          if (status === 201) { accepted.add(ctx.q!.id); ctx.first = body; }
        },
      },
      {
        // The retry: same key, same body.
        method: 'POST',
        setupRequest: (req: any, ctx: any) => (ctx.q ? { ...req, path: `/v1/questions/${ctx.q.id}/answers`, body: ctx.q.body, headers: { ...json, authorization: `Bearer ${ctx.key}`, 'idempotency-key': ctx.q.idem } } : null),
        onResponse: (status: number, body: string, ctx: any) => {
          count(status);
          if (status === 201) accepted.add(ctx.q!.id);
          if (ctx.first !== undefined && status === 201) {
            // autocannon decodes each network chunk to text on its own, so a Chinese character split
            // across two chunks arrives as U+FFFD: compare the responses without non-ASCII text.
            if (asciiOnly(body) === asciiOnly(ctx.first)) retriesMatched++;
            else {
              retriesDiffered++;
              if (process.env['LOADTEST_DEBUG']) process.stderr.write(`retry differs:\n${ctx.first}\n${body}\n`);
            }
          }
        },
      },
    ],
  } as any);

  const dupAttempts = local.query<{ question_id: string; n: number }>('select question_id, count(*) as n from attempts group by question_id having n > 1');
  const dupLogs = local.query<{ question_id: string; n: number }>('select question_id, count(*) as n from review_logs group by question_id having n > 1');
  const attempted = new Set(local.query<{ question_id: string }>('select question_id from attempts').map((r) => r.question_id));
  const lost = [...accepted].filter((id) => !attempted.has(id));
  const unseen = [...attempted].filter((id) => !sent.has(id));
  const inFlightAtStop = [...attempted].filter((id) => sent.has(id) && !accepted.has(id)).length;
  const logs = local.query<{ learner_id: string; family: string; seq: number; rating: number; review: number; desired_retention: number }>('select learner_id, family, seq, rating, review, desired_retention from review_logs order by learner_id, family, seq');
  const cards = local.query<{ learner_id: string; family: string; due: number; stability: number; difficulty: number; reps: number; lapses: number; state: number; reviews: number }>('select * from cards');
  let cardMismatches = 0;
  for (const card of cards) {
    const mine = logs.filter((l) => l.learner_id === card.learner_id && l.family === card.family);
    const replayed = replayCard(mine.map((l) => ({ rating: l.rating as Grade, review: l.review, desiredRetention: l.desired_retention })));
    const gapless = mine.every((l, i) => l.seq === i) && mine.length === card.reviews;
    if (!replayed || !gapless || replayed.due.getTime() !== card.due || replayed.stability !== card.stability || replayed.reps !== card.reps || replayed.state !== card.state) cardMismatches++;
  }
  const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const summary = {
    date: new Date().toISOString().slice(0, 10), form: short ? 'short' : 'long', learners: LEARNERS, connections: CONNECTIONS, seconds: SECONDS,
    requests: result.requests.total, requestsPerSecond: result.requests.average, latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses: Object.fromEntries([...statuses].sort()), errors: result.errors, timeouts: result.timeouts, fiveXX,
    acceptedAnswers: accepted.size, attempts: attempted.size, reviewLogs: logs.length, lostWrites: lost.length, phantomWrites: unseen.length, inFlightAtStop,
    duplicateAttempts: dupAttempts.length, duplicateReviewLogs: dupLogs.length, retriesMatched, retriesDiffered, cards: cards.length, cardMismatches,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  failures = [
    ...(fiveXX ? [`${fiveXX} responses were 5xx`] : []),
    ...(result.errors || result.timeouts ? [`${result.errors} connection errors, ${result.timeouts} timeouts`] : []),
    ...(lost.length ? [`${lost.length} accepted answers have no attempt`] : []),
    ...(unseen.length ? [`${unseen.length} attempts exist for answers nobody sent`] : []),
    ...(dupAttempts.length || dupLogs.length ? ['an answer was written twice'] : []),
    ...(retriesDiffered ? [`${retriesDiffered} retries got a different response`] : []),
    ...(cardMismatches ? [`${cardMismatches} cards differ from the replay of their review log`] : []),
    ...(accepted.size === 0 ? ['no answer was accepted: the load test did not exercise anything'] : []),
    ...(logs.length !== attempted.size ? [`${logs.length} review logs for ${attempted.size} attempts`] : []),
  ];
  if (!short) writeFileSync(new URL('../docs/results/loadtest.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  local.stop();
}
if (failures.length) {
  process.stderr.write(`load test FAILED:\n- ${failures.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write('load test passed: no 5xx, no lost or doubled writes, every card equals its replay\n');
