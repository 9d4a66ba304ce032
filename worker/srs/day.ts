/**
 * The learner's day: it starts at 4 a.m. local time (as Anki's does), so a
 * late-night session still counts as the evening's. Local time comes from
 * Intl, which knows every IANA zone and its daylight-saving rules.
 */

/** Hour at which a new learner day begins, local time. */
export const DAY_STARTS_AT_HOUR = 4;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows ("Asia/Shanghai", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at instant `at`, as if it were UTC (for date arithmetic). */
function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The instant whose wall clock in `timeZone` reads `wall` (the earlier one when a DST fold repeats it). */
function instantOf(wall: number, timeZone: string): number {
  // Two passes settle the offset, also across a DST change between `wall` and the guess.
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - (wallClock(guess, timeZone) - guess);
  return guess;
}

export interface LearnerDay {
  /** YYYY-MM-DD of the day that began at 4 a.m. local time. */
  key: string;
  start: number;
  end: number;
}

/** The learner day containing instant `at`. */
export function learnerDay(at: number, timeZone: string): LearnerDay {
  const shifted = wallClock(at, timeZone) - DAY_STARTS_AT_HOUR * HOUR;
  const midnight = Math.floor(shifted / DAY) * DAY;
  const key = new Date(midnight).toISOString().slice(0, 10);
  const start = instantOf(midnight + DAY_STARTS_AT_HOUR * HOUR, timeZone);
  const end = instantOf(midnight + DAY + DAY_STARTS_AT_HOUR * HOUR, timeZone);
  return { key, start, end };
}

/** The `count` learner days from the one containing `at`, in order. */
export function learnerDays(at: number, timeZone: string, count: number): LearnerDay[] {
  const days: LearnerDay[] = [];
  let day = learnerDay(at, timeZone);
  for (let i = 0; i < count; i++) {
    days.push(day);
    day = learnerDay(day.end, timeZone);
  }
  return days;
}

/** The key of the day before `key` (YYYY-MM-DD). */
export function previousDayKey(key: string): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}
