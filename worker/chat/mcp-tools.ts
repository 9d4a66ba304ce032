/**
 * The tutor as MCP tools for an AI assistant, acting for one learner. The
 * tools give questions, hints, walkthroughs, the lab and the schedule, and
 * grade answers; none returns a solution, so an assistant cannot read the
 * answer before the learner has submitted one (the explanation comes with
 * the grading).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { flowWalkthrough, question as buildQuestion, type Answer } from '../../content/index';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { describeIssues, Problem, type FieldIssue } from '../http/problem';
import { LAB_EXEC_LIMITS as L } from '../lab-exec-request';
import { runLabCommand } from '../run-lab-command';
import { answerQuestion } from '../tutor/answers';
import { newSeed } from '../tutor/ids';
import { dueReviews, learnerStats } from '../tutor/progress';
import { issueQuestion, nextHint, ownQuestion } from '../tutor/questions';
import { parseAnswerText } from './answer-text';
import { renderDue, renderWalkthrough } from './render-progress';
import { renderGraded, renderHint, renderQuestion } from './render-question';

export interface McpDeps {
  db: Db;
  now: number;
  learner: LearnerRow;
}

const CHANNEL = 'mcp';

const result = (text: string, structured?: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text }],
  ...(structured ? { structuredContent: structured } : {}),
});

/** A problem the caller can act on becomes a tool error the assistant reads; anything else is a server fault. */
async function guarded(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    const issues = e.extensions.issues as FieldIssue[] | undefined;
    return { isError: true, content: [{ type: 'text', text: issues?.length ? `${e.detail} (${describeIssues(issues)})` : e.detail }] };
  }
}

const questionId = z.uuid().describe('The id next_question returned');

export function tutorMcpServer({ db, now, learner }: McpDeps): McpServer {
  const server = new McpServer({ name: 'stacktutor', version: '1.0.0' }, {
    instructions: 'StackTutor quizzes the learner on OpenStack networking (Neutron, Linux bridge, VXLAN). Ask next_question, show the question to the learner, and submit_answer with what the learner says; do not answer for them. explain_flow and lab_exec help them study.',
  });
  const locale = learner.locale;

  server.registerTool('next_question', {
    description: "The learner's next question (due reviews first, then new material), with how to answer it. Never includes the answer.",
    inputSchema: {
      flow: z.int().min(1).max(8).optional().describe('Keep to one flow: 1 VM boot, 2 tenant network, 3 instance wiring, 4 DHCP files, 5 DHCP exchange, 6 router, 7 SNAT, 8 floating IP'),
      family: z.string().max(64).optional().describe('A question family id, e.g. f2-device-names'),
      mode: z.enum(['due', 'new', 'any']).optional().describe('due reviews only, new material only, or any (default)'),
    },
  }, (args) => guarded(async () => {
    const view = await issueQuestion(db, learner, { flow: args.flow, family: args.family, mode: args.mode ?? 'any' }, now, CHANNEL);
    const text = `${renderQuestion(view, locale).text}\n\nquestion_id: ${view.id}`;
    return result(text, view as unknown as Record<string, unknown>);
  }));

  server.registerTool('submit_answer', {
    description: 'Grade the learner\'s answer (once per question) and schedule the next review. The answer: a choice id ("b"), several ids (["a","c"]), step ids in order, an object of field values, or text; the chat forms work too ("a c", "3 1 2 4", "field=value" lines).',
    inputSchema: {
      question_id: questionId,
      answer: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.string())]).describe('The learner\'s answer'),
      duration_ms: z.int().min(0).max(86_400_000).optional().describe('How long the learner took'),
    },
  }, (args) => guarded(async () => {
    let answer: Answer = args.answer;
    if (typeof answer === 'string') {
      const row = await ownQuestion(db, learner, args.question_id);
      const format = buildQuestion(row.family, row.seed).answerFormat;
      const parsed = parseAnswerText(format, answer);
      if (!parsed.ok) throw new Problem('invalid-request', parsed.why.en, { issues: [{ path: 'answer', message: parsed.why.en }] });
      answer = parsed.answer;
    }
    const graded = await answerQuestion(db, learner, args.question_id, { answer, durationMs: args.duration_ms }, undefined, now, CHANNEL);
    return result(renderGraded(graded.body, locale, now), graded.body);
  }));

  server.registerTool('get_hint', {
    description: 'The next hint for an open question (a hinted answer is rated Hard at best).',
    inputSchema: { question_id: questionId },
  }, (args) => guarded(async () => {
    const hint = await nextHint(db, learner, args.question_id);
    return result(renderHint(hint, locale).text, hint as unknown as Record<string, unknown>);
  }));

  server.registerTool('explain_flow', {
    description: 'Walk through one of the eight flows on a fresh cloud: key steps, and where interview answers differ from neutron 2024.1. The scenario and seed replay in lab_exec.',
    inputSchema: {
      flow: z.int().min(1).max(8).describe('1 VM boot, 2 tenant network, 3 instance wiring, 4 DHCP files, 5 DHCP exchange, 6 router, 7 SNAT, 8 floating IP'),
      seed: z.string().min(1).max(64).optional().describe('Rebuild a walkthrough seen before'),
    },
    annotations: { readOnlyHint: true },
  }, (args) => guarded(async () => {
    const seed = args.seed ?? newSeed();
    const { trace: _trace, ...walkthrough } = flowWalkthrough(args.flow, seed);
    return result(renderWalkthrough({ ...walkthrough, trace: [] }, locale).text, { ...walkthrough, seed });
  }));

  server.registerTool('lab_exec', {
    description: 'Build a cloud from openstack CLI lines, then run one read-only command (ip, brctl, bridge, iptables, cat, virsh …) on a host: controller, computeN, or an instance by name.',
    inputSchema: {
      scenario: z.array(z.string().max(L.scenarioLineChars)).max(L.scenarioLines).describe('openstack lines, e.g. a question\'s scenario'),
      host: z.string().min(1).max(L.hostChars),
      command: z.string().min(1).max(L.commandChars),
      computes: z.int().min(L.minComputes).max(L.maxComputes).optional(),
      seed: z.string().min(1).max(L.seedChars).optional().describe("A question's lab.seed rebuilds that very cloud"),
    },
    annotations: { readOnlyHint: true },
  }, (args) => guarded(async () => {
    const outcome = runLabCommand(args);
    if (outcome.kind === 'unknown_host') throw new Problem('invalid-request', `unknown host ${JSON.stringify(outcome.host)}; valid hosts: ${outcome.validHosts.join(', ')}`);
    if (outcome.kind === 'scenario_failed') throw new Problem('scenario-failed', `scenario line ${outcome.error.line} (${outcome.error.text}) failed: ${outcome.error.message}`);
    const { stdout, stderr, exitCode } = outcome.result;
    return result(`${stdout}${stderr ? `\n[stderr]\n${stderr}` : ''}\n[exit ${exitCode}]`, { stdout, stderr, exitCode });
  }));

  server.registerTool('review_status', {
    description: 'What is due now, what is left today, the coming days, and progress per flow.',
    annotations: { readOnlyHint: true },
  }, () => guarded(async () => {
    const [due, stats] = await Promise.all([dueReviews(db, learner, now), learnerStats(db, learner, now)]);
    return result(renderDue(due, locale).text, { due, stats });
  }));

  return server;
}
