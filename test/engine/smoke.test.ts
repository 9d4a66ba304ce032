import { describe, expect, it } from 'vitest';
import { buildCloud, hostNames } from '../../engine/index';

describe('engine contract smoke test', () => {
  it('builds the default cloud: a controller and two computes', () => {
    const built = buildCloud([]);
    expect(built.ok).toBe(true);
    expect(hostNames(built.cloud)).toEqual(['controller', 'compute1', 'compute2']);
  });

  it('adds compute nodes when asked', () => {
    const built = buildCloud([], { computes: 3 });
    expect(hostNames(built.cloud)).toEqual(['controller', 'compute1', 'compute2', 'compute3']);
  });
});
