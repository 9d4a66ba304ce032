/**
 * The shapes of StackTutor's questions, answers and grades. A question is
 * `(family, seed)`: the family builds a seeded scenario, the engine builds the
 * cloud, and the family reads its target, its solution and its grading from
 * that live state, never from a string stored beside the question.
 */
import type { Cloud } from '../engine/index.js';

export type Flow = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type Kind =
  | 'single-choice'
  | 'multiple-choice'
  | 'ordering'
  | 'fill-in'
  | 'command-output'
  | 'packet'
  | 'troubleshooting'
  | 'explain';

/** 1 recall, 2 apply to this cloud, 3 reason across components. */
export type Difficulty = 1 | 2 | 3;

/** Every learner-facing text exists in English and in Chinese. */
export interface Text {
  en: string;
  zh: string;
}

/** What an interviewer shows: a command run on a host of this cloud, with its real output. */
export interface Shown {
  host: string;
  command: string;
  output: string;
}

export interface Choice {
  id: string;
  text: string;
}

export interface Field {
  id: string;
  label: Text;
  /** e.g. "tapXXXXXXXX-XX", "203.0.113.5", "1450" */
  placeholder?: string;
}

/** How the learner answers, and what shape the answer has. */
export type AnswerFormat =
  /** answer: the chosen id (single) or ids (multiple) */
  | { type: 'choice'; multiple: boolean; choices: Choice[] }
  /** answer: every item id, first to last */
  | { type: 'ordering'; items: Choice[] }
  /** answer: { [fieldId]: text } */
  | { type: 'fields'; fields: Field[] }
  /** answer: lines of text (rules, file lines, routes) or a command */
  | { type: 'lines'; label: Text; placeholder?: string }
  /** answer: free text in English or Chinese */
  | { type: 'free'; label: Text };

export type Answer = string | string[] | Record<string, string>;

/** The question as a learner sees it: never its answer. */
export interface Question {
  family: string;
  seed: string;
  flow: Flow;
  kind: Kind;
  difficulty: Difficulty;
  title: Text;
  prompt: Text;
  /** The scenario lines that build this cloud, to replay in the lab. */
  scenario: string[];
  /** Compute nodes of this cloud. */
  computes: number;
  /** A fault injected after the scenario, described for the lab (troubleshooting drills). */
  fault?: Text;
  context: Shown[];
  answerFormat: AnswerFormat;
  /** Up to three hints, from a nudge to nearly the answer. */
  hints: Text[];
}

export type Verdict = 'correct' | 'partial' | 'wrong' | 'missing' | 'extra';

export interface ItemResult {
  item: string;
  expected: string;
  given: string;
  verdict: Verdict;
  severity: 'essential' | 'minor';
  /** What the engine really has and which command shows it. */
  message?: Text;
}

export interface GradeResult {
  family: string;
  seed: string;
  score: number;
  correct: boolean;
  items: ItemResult[];
  feedback: Text;
  explanation: Text;
}

/** The built state a family reads: the cloud, and its own picks from setup. */
export interface World<F = unknown> {
  seed: string;
  cloud: Cloud;
  facts: F;
  /** Runs a read-only command on a node or in a guest, as the lab does. */
  run(host: string, command: string): string;
}
