import { describe, expect, it } from 'vitest';
import { families } from '../../content/index';
import { SIBLING_GROUPS, siblingGroupOf } from '../../content/siblings';

describe('sibling groups', () => {
  it('name only real families, each in one group at most', () => {
    const ids = new Set(families().map((f) => f.id));
    const listed = Object.values(SIBLING_GROUPS).flat();
    for (const id of listed) expect(ids.has(id), id).toBe(true);
    expect(new Set(listed).size).toBe(listed.length);
    for (const group of Object.values(SIBLING_GROUPS)) expect(group.length).toBeGreaterThan(1);
  });

  it('put an unlisted family in a group of its own', () => {
    const loner = families().find((f) => !Object.values(SIBLING_GROUPS).flat().includes(f.id));
    if (loner) expect(siblingGroupOf(loner.id)).toBe(loner.id);
    expect(siblingGroupOf('f7-snat-walk')).toBe('snat');
  });
});
