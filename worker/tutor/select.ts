/**
 * Which family to ask next: a pure function of the catalogue, the learner's
 * cards and what was already issued today. Due reviews come first (most
 * overdue first), then new families in curriculum order (flow, then
 * difficulty); daily caps and sibling burying apply to both, except that a
 * card still in its (re)learning steps is never held back by the review cap.
 */
import type { Difficulty, Flow } from '../../content/types';
import { State } from '../srs/scheduler';

export interface CatalogueEntry {
  id: string;
  flow: Flow;
  difficulty: Difficulty;
  siblingGroup: string;
}

export interface CardState {
  due: number;
  state: number;
}

export interface IssuedToday {
  family: string;
  siblingGroup: string;
  reason: 'due' | 'new' | 'practice';
  open: boolean;
}

export interface Selection {
  flow?: number | undefined;
  family?: string | undefined;
  difficulty?: number | undefined;
  mode: 'due' | 'new' | 'any';
}

export interface Caps {
  newPerDay: number;
  reviewsPerDay: number;
}

export type Choice =
  | { family: string; reason: 'due' | 'new' | 'practice' }
  | { family: null; why: string; nextDueAt: number | null };

export function chooseNext(
  catalogue: readonly CatalogueEntry[],
  cards: ReadonlyMap<string, CardState>,
  today: readonly IssuedToday[],
  caps: Caps,
  selection: Selection,
  now: number,
): Choice {
  if (selection.family !== undefined) {
    const card = cards.get(selection.family);
    return { family: selection.family, reason: !card ? 'new' : card.due <= now ? 'due' : 'practice' };
  }
  const wanted = catalogue.filter((f) => (selection.flow === undefined || f.flow === selection.flow) && (selection.difficulty === undefined || f.difficulty === selection.difficulty));
  const open = new Set(today.filter((q) => q.open).map((q) => q.family));
  // A group met today is buried for its other families; the family met may come back when due again.
  const metGroups = new Map<string, Set<string>>();
  for (const q of today) (metGroups.get(q.siblingGroup) ?? metGroups.set(q.siblingGroup, new Set()).get(q.siblingGroup)!).add(q.family);
  const buried = (f: CatalogueEntry) => open.has(f.id) || [...(metGroups.get(f.siblingGroup) ?? [])].some((other) => other !== f.id);

  const reviewsLeft = caps.reviewsPerDay - today.filter((q) => q.reason === 'due').length;
  const newLeft = caps.newPerDay - new Set(today.filter((q) => q.reason === 'new').map((q) => q.family)).size;

  const due = wanted
    .filter((f) => {
      const card = cards.get(f.id);
      if (!card || card.due > now || buried(f)) return false;
      const learning = card.state === State.Learning || card.state === State.Relearning;
      return learning || reviewsLeft > 0;
    })
    .sort((a, b) => cards.get(a.id)!.due - cards.get(b.id)!.due);
  if (selection.mode !== 'new' && due[0]) return { family: due[0].id, reason: 'due' };

  if (selection.mode !== 'due' && newLeft > 0) {
    const fresh = wanted.filter((f) => !cards.has(f.id) && !buried(f)).sort((a, b) => a.flow - b.flow || a.difficulty - b.difficulty);
    if (fresh[0]) return { family: fresh[0].id, reason: 'new' };
  }

  const upcoming = wanted.map((f) => cards.get(f.id)?.due).filter((d): d is number => d !== undefined && d > now);
  const nextDueAt = upcoming.length ? Math.min(...upcoming) : null;
  return { family: null, why: whyNothing(selection.mode, wanted.length, reviewsLeft, newLeft, due.length), nextDueAt };
}

function whyNothing(mode: Selection['mode'], wanted: number, reviewsLeft: number, newLeft: number, due: number): string {
  if (wanted === 0) return 'no question family matches this flow and difficulty';
  const parts: string[] = [];
  if (mode !== 'new') parts.push(reviewsLeft <= 0 ? "today's review limit is reached" : due === 0 ? 'nothing is due' : '');
  if (mode !== 'due') parts.push(newLeft <= 0 ? "today's limit of new families is reached" : 'every matching family has been started or met today');
  return parts.filter(Boolean).join('; ');
}
