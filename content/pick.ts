/** Seeded choices for question authors: the same (family, seed) always picks the same things. */
import { Random } from '../engine/core/random.js';

export class Pick {
  private readonly random: Random;

  constructor(seed: string) {
    this.random = new Random(seed, {});
  }

  int(n: number, stream = 'pick'): number {
    return this.random.int(stream, n);
  }

  between(lo: number, hi: number): number {
    return this.random.between('pick', lo, hi);
  }

  one<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Pick.one of an empty list');
    return items[this.int(items.length)]!;
  }

  bool(): boolean {
    return this.int(2) === 1;
  }

  /** Fisher-Yates over a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1, 'shuffle');
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** `count` distinct items. */
  some<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}
