import { describe, expect, it } from 'vitest';
import { computeFreshness, scheduleIntervalMs, validateSchedule } from '../../src/ops/schedule.js';

describe('schedules', () => {
  it('accepts cron with a time zone and fixed intervals', () => {
    expect(validateSchedule({ cron: '0 3 * * 1', tz: 'Europe/Paris' })).toEqual({ ok: true, schedule: { cron: '0 3 * * 1', tz: 'Europe/Paris' } });
    expect(validateSchedule({ cron: '0 3 * * 1' })).toEqual({ ok: true, schedule: { cron: '0 3 * * 1', tz: 'UTC' } });
    expect(validateSchedule({ everyMs: 60_000 })).toEqual({ ok: true, schedule: { everyMs: 60_000 } });
  });

  it('rejects bad cron, unknown zones and malformed bodies with a clear message', () => {
    const bad = validateSchedule({ cron: 'every tuesday', tz: 'UTC' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/invalid cron expression "every tuesday"/);
    expect(validateSchedule({ cron: '0 3 * * 1', tz: 'Mars/Olympus' })).toEqual({
      ok: false,
      message: expect.stringMatching(/unknown time zone "Mars\/Olympus"/),
    });
    expect(validateSchedule({ cron: '61 3 * * 1' }).ok).toBe(false);
    expect(validateSchedule({ everyMs: 5 })).toEqual({ ok: false, message: expect.stringMatching(/at least 1000/) });
    expect(validateSchedule({ cron: '0 3 * * 1', everyMs: 1000 }).ok).toBe(false);
    expect(validateSchedule('0 3 * * 1').ok).toBe(false);
  });

  it('measures a cron interval as its longest gap between occurrences', () => {
    expect(scheduleIntervalMs({ cron: '0 3 * * 1', tz: 'UTC' })).toBe(7 * 24 * 3600_000);
    expect(scheduleIntervalMs({ cron: '0 9 * * 1-5', tz: 'UTC' })).toBe(3 * 24 * 3600_000);
    expect(scheduleIntervalMs({ cron: '*/5 * * * *', tz: 'UTC' })).toBe(5 * 60_000);
    expect(scheduleIntervalMs({ everyMs: 1234 })).toBe(1234);
  });

  it('calls a source stale once its last success is older than twice the interval', () => {
    const now = Date.parse('2026-01-10T00:00:00Z');
    const day = 24 * 3600_000;
    const schedule = { everyMs: day };
    const createdAt = new Date(now - 30 * day);
    expect(computeFreshness({ schedule, lastSuccessAt: new Date(now - 1.5 * day), createdAt, now }).state).toBe('fresh');
    expect(computeFreshness({ schedule, lastSuccessAt: new Date(now - 2.5 * day), createdAt, now }).state).toBe('stale');
    expect(computeFreshness({ schedule, lastSuccessAt: null, createdAt: new Date(now - day), now }).state).toBe('pending');
    expect(computeFreshness({ schedule, lastSuccessAt: null, createdAt, now })).toMatchObject({ state: 'stale', intervalMs: day });
  });
});
