import { getNextMillis } from 'bullmq';
import { z } from 'zod';
import type { Schedule } from '../db/schema/sources.js';

/** What an operator may send as a schedule: a cron expression with a time zone, or a fixed interval. */
export const scheduleInput = z.union([
  z.object({ cron: z.string().trim().min(1).max(200), tz: z.string().trim().min(1).max(64).default('UTC') }).strict(),
  z
    .object({
      everyMs: z
        .number()
        .int()
        .min(1_000, 'everyMs must be at least 1000 (one second)')
        .max(366 * 24 * 3600 * 1000),
    })
    .strict(),
]);
export type ScheduleInput = z.input<typeof scheduleInput>;

/** True when the runtime knows the IANA time zone (`Europe/Paris`, `UTC`). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a schedule the way BullMQ will use it (its own cron parser), so a schedule accepted
 * here always registers. Returns the schedule, or a message saying what is wrong.
 */
export function validateSchedule(input: unknown): { ok: true; schedule: Schedule } | { ok: false; message: string } {
  const parsed = scheduleInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    return {
      ok: false,
      message: `a schedule is {"cron": "0 3 * * 1", "tz": "UTC"} or {"everyMs": 3600000}${field ? `; ${field}: ${issue.message}` : `: ${issue.message}`}`,
    };
  }
  const s = parsed.data;
  if ('everyMs' in s) return { ok: true, schedule: { everyMs: s.everyMs } };
  if (!isKnownTimeZone(s.tz)) return { ok: false, message: `unknown time zone "${s.tz}": use an IANA name such as UTC or Europe/Paris` };
  let next: number | undefined;
  try {
    next = getNextMillis(Date.now(), { pattern: s.cron, tz: s.tz });
  } catch (err) {
    return { ok: false, message: `invalid cron expression "${s.cron}": ${(err as Error).message}` };
  }
  if (next === undefined || !Number.isFinite(next)) return { ok: false, message: `cron expression "${s.cron}" never fires` };
  return { ok: true, schedule: { cron: s.cron, tz: s.tz } };
}

/**
 * The interval a schedule promises, in ms: `everyMs`, or for a cron the longest gap between its
 * next few occurrences (so "weekdays at 9" counts as three days, not one, and a monthly cron
 * as its longest month).
 */
export function scheduleIntervalMs(schedule: Schedule, now = Date.now()): number {
  if ('everyMs' in schedule) return schedule.everyMs;
  let prev = getNextMillis(now, { pattern: schedule.cron, tz: schedule.tz });
  let longest = 0;
  for (let i = 0; i < 6 && prev !== undefined; i++) {
    const next = getNextMillis(prev, { pattern: schedule.cron, tz: schedule.tz });
    if (next === undefined) break;
    longest = Math.max(longest, next - prev);
    prev = next;
  }
  return longest;
}

export interface Freshness {
  /** `pending`: never succeeded yet but still within its window. */
  state: 'fresh' | 'stale' | 'pending';
  lastSuccessAt: string | null;
  intervalMs: number;
  /** When the source turns (or turned) stale: the last success (or its creation) plus twice the interval. */
  staleAt: string;
}

/**
 * A source is stale when its last success is older than twice its schedule's interval; a
 * source that never succeeded is measured from the time it was added.
 */
export function computeFreshness(params: { schedule: Schedule; lastSuccessAt: Date | null; createdAt: Date; now?: number }): Freshness {
  const now = params.now ?? Date.now();
  const intervalMs = scheduleIntervalMs(params.schedule, now);
  const since = (params.lastSuccessAt ?? params.createdAt).getTime();
  const staleAt = since + 2 * intervalMs;
  const state = now > staleAt ? 'stale' : params.lastSuccessAt ? 'fresh' : 'pending';
  return { state, lastSuccessAt: params.lastSuccessAt?.toISOString() ?? null, intervalMs, staleAt: new Date(staleAt).toISOString() };
}
