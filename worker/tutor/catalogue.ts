/** The question families as the tutor schedules them: content's catalogue plus sibling groups. */
import { families, findFamily, UnknownFamilyError } from '../../content/index';
import { siblingGroupOf } from '../../content/siblings';
import type { Family } from '../../content/family';
import type { CatalogueEntry } from './select';

let cached: CatalogueEntry[] | undefined;

export function catalogue(): readonly CatalogueEntry[] {
  cached ??= families().map((f) => ({ id: f.id, flow: f.flow, difficulty: f.difficulty as CatalogueEntry['difficulty'], siblingGroup: siblingGroupOf(f.id) }));
  return cached;
}

export function familyOrNull(id: string): Family<unknown> | null {
  try {
    return findFamily(id);
  } catch (e) {
    if (e instanceof UnknownFamilyError) return null;
    throw e;
  }
}

export function isFamily(id: string): boolean {
  return catalogue().some((f) => f.id === id);
}
