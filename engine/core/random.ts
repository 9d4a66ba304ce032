/**
 * Seeded randomness. Every UUID, MAC, VNI and random IP pick in the engine comes
 * from a named stream here, so one seed always rebuilds the same cloud and
 * pinning one object's `--id` does not shift the values of objects of other kinds.
 */

/** Serializable PRNG state (sfc32), kept inside the cloud so a clone continues identically. */
export type RngState = [number, number, number, number];

export type RngStreams = Record<string, RngState>;

/** cyrb128: a small string hash giving four 32-bit words to seed sfc32. */
function hash128(text: string): RngState {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Next 32-bit unsigned value of the stream; advances the state in place. */
function next32(s: RngState): number {
  const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
  s[3] = (s[3] + 1) >>> 0;
  s[0] = s[1] ^ (s[1] >>> 9);
  s[1] = (s[2] + (s[2] << 3)) >>> 0;
  s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
  s[2] = (s[2] + t) >>> 0;
  return t;
}

/** The streams as they were before a command touched them (null: the stream did not exist yet). */
export type RngJournal = Map<string, RngState | null>;

function stream(streams: RngStreams, seed: string, name: string, journal?: RngJournal): RngState {
  let s = streams[name];
  if (journal && !journal.has(name)) journal.set(name, s ? [s[0], s[1], s[2], s[3]] : null);
  if (!s) {
    s = hash128(`${seed}\u0000${name}`);
    // Warm up: the first outputs of sfc32 from a hashed seed are weakly mixed.
    for (let i = 0; i < 12; i++) next32(s);
    streams[name] = s;
  }
  return s;
}

/** A view over the cloud's streams for one seed; cheap to create per command. */
export class Random {
  constructor(private readonly seed: string, private readonly streams: RngStreams, private readonly journal?: RngJournal) {}

  /** Puts every stream this Random advanced back where it was (a failed command changes nothing). */
  rollback(): void {
    for (const [name, saved] of this.journal ?? []) {
      if (saved) this.streams[name] = saved;
      else delete this.streams[name];
    }
  }

  /** Uniform integer in [0, n). */
  int(name: string, n: number): number {
    if (n <= 0) throw new RangeError('Random.int needs n > 0');
    return next32(stream(this.streams, this.seed, name, this.journal)) % n;
  }

  /** Uniform integer in [lo, hi] inclusive. */
  between(name: string, lo: number, hi: number): number {
    return lo + this.int(name, hi - lo + 1);
  }

  bytes(name: string, count: number): number[] {
    const s = stream(this.streams, this.seed, name, this.journal);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(next32(s) & 0xff);
    return out;
  }

  /** A version-4 UUID string. */
  uuid(name = 'uuid'): string {
    const b = this.bytes(name, 16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    let h = '';
    for (const x of b) h += HEX[x];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** A random locally administered unicast MAC, as the kernel gives veths, bridges and vxlan devices. */
  kernelMac(name = 'kernel-mac'): string {
    const b = this.bytes(name, 6);
    b[0] = (b[0]! & 0xfe) | 0x02;
    return formatMac(b);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function formatMac(bytes: readonly number[]): string {
  return bytes.map((x) => HEX[x & 0xff]).join(':');
}
