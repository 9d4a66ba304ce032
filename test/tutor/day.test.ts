import { describe, expect, it } from 'vitest';
import { isValidTimeZone, learnerDay, learnerDays } from '../../worker/srs/day';

const at = (iso: string) => Date.parse(iso);

describe('the learner day (4 a.m. local)', () => {
  it('puts 03:59 local on the previous day and 04:00 on the new one', () => {
    expect(learnerDay(at('2026-05-03T19:59:00Z'), 'Asia/Shanghai').key).toBe('2026-05-03');
    expect(learnerDay(at('2026-05-03T20:00:00Z'), 'Asia/Shanghai').key).toBe('2026-05-04');
    expect(learnerDay(at('2026-05-04T03:59:59Z'), 'UTC').key).toBe('2026-05-03');
  });

  it('gives the instants the day starts and ends at', () => {
    const d = learnerDay(at('2026-05-04T12:00:00Z'), 'Asia/Shanghai');
    expect(new Date(d.start).toISOString()).toBe('2026-05-03T20:00:00.000Z');
    expect(new Date(d.end).toISOString()).toBe('2026-05-04T20:00:00.000Z');
  });

  it('has 23 and 25 hour days across daylight-saving changes', () => {
    // New York springs forward on 2026-03-08 at 02:00 and falls back on 2026-11-01 at 02:00:
    // the learner days that hold those instants began at 4 a.m. the day before.
    const spring = learnerDay(at('2026-03-07T17:00:00Z'), 'America/New_York');
    expect(spring.key).toBe('2026-03-07');
    expect((spring.end - spring.start) / 3600_000).toBe(23);
    expect((learnerDay(at('2026-03-08T17:00:00Z'), 'America/New_York').end - learnerDay(at('2026-03-08T17:00:00Z'), 'America/New_York').start) / 3600_000).toBe(24);
    const fall = learnerDay(at('2026-10-31T17:00:00Z'), 'America/New_York');
    expect((fall.end - fall.start) / 3600_000).toBe(25);
    expect(new Date(fall.start).toISOString()).toBe('2026-10-31T08:00:00.000Z');
    expect(new Date(fall.end).toISOString()).toBe('2026-11-01T09:00:00.000Z');
  });

  it('lists consecutive days without gaps or overlaps', () => {
    const days = learnerDays(at('2026-03-01T00:00:00Z'), 'Europe/Berlin', 40);
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
    expect(new Set(days.map((d) => d.key)).size).toBe(40);
  });

  it('knows real time zones from made-up ones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
