/**
 * StackTutor's content: question families over live engine state.
 *   families()                  -> the catalogue
 *   question(id, seed)          -> what the learner sees (never the answer)
 *   solution(id, seed)          -> an answer that earns full marks
 *   grade(id, seed, answer)     -> per-item results, score, feedback, explanation
 */
import { type Family, grade as gradeFamily, question as questionFamily, solution as solutionFamily } from './family.js';
import { FAMILIES } from './families/index.js';
import type { Answer, Flow, GradeResult, Kind, Question, Text } from './types.js';

export type { Answer, GradeResult, Question } from './types.js';

export interface FamilySummary {
  id: string;
  flow: Flow;
  kind: Kind;
  difficulty: number;
  title: Text;
}

export class UnknownFamilyError extends Error {
  constructor(readonly family: string) {
    super(`no question family "${family}"`);
  }
}

export function findFamily(id: string): Family<any> {
  const f = FAMILIES.find((x) => x.id === id);
  if (!f) throw new UnknownFamilyError(id);
  return f;
}

export function families(): FamilySummary[] {
  return FAMILIES.map((f) => ({ id: f.id, flow: f.flow, kind: f.kind, difficulty: f.difficulty, title: f.title }));
}

export const question = (id: string, seed: string): Question => questionFamily(findFamily(id), seed);
export const solution = (id: string, seed: string): Answer => solutionFamily(findFamily(id), seed);
export const grade = (id: string, seed: string, answer: Answer): GradeResult => gradeFamily(findFamily(id), seed, answer);

export { flowSummaries, flowWalkthrough, type FlowSummary, type FlowWalkthrough } from './walkthroughs.js';
