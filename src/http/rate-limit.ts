import type { Sql } from '../db/client.js';
import type { Logger } from '../log.js';
import { addRateCounts, deleteOldRateCounts } from '../db/queries/rate-limit.js';

export interface RateLimitPolicy {
  /** Policy name shown in the RateLimit headers. */
  name: string;
  /** Requests allowed per window. */
  limit: number;
  /** Window length, seconds. */
  windowSec: number;
}

export interface RateDecision {
  allowed: boolean;
  policy: RateLimitPolicy;
  remaining: number;
  /** Seconds until the window resets. */
  resetSec: number;
}

interface Counter {
  windowStart: number;
  synced: number;
  pending: number;
  ready?: Promise<void>;
}

/**
 * Fixed-window request counters shared by every API process through Postgres (the one store
 * both runtime modes have). A request never waits for the database except the first one of a
 * client in a window, which learns the shared count; after that each process counts locally and
 * adds its counts to the shared row every `flushMs`, learning the other processes' counts in
 * the same statement. So N processes can overshoot a limit by at most what they admit in one
 * flush interval, and the hot path costs no round trip.
 */
export class RateLimiter {
  private counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;

  /**
   * @param flushMs how often local counts go to the shared rows, ms.
   * @param maxCounters clients tracked at once in this process; past it the oldest counters are
   *   dropped (their shared rows stay, so a returning client re-learns its count), which bounds
   *   memory however many addresses a flood comes from.
   */
  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
    flushMs = 250,
    private readonly maxCounters = 100_000,
  ) {
    this.timer = setInterval(() => {
      void this.flush();
    }, flushMs);
    this.timer.unref();
  }

  /** Counters held in this process (at most maxCounters). */
  get size(): number {
    return this.counters.size;
  }

  /** True when `key` already used its budget under `policy` in this window, as far as this process knows; counts nothing. */
  exceeded(key: string, policy: RateLimitPolicy): boolean {
    const windowStart = Math.floor(Date.now() / 1000 / policy.windowSec) * policy.windowSec;
    const c = this.counters.get(`${policy.name}|${key}`);
    return c !== undefined && c.windowStart === windowStart && c.synced + c.pending >= policy.limit;
  }

  /** Counts one request of `key` under `policy` and says whether it may proceed. */
  async take(key: string, policy: RateLimitPolicy): Promise<RateDecision> {
    const nowSec = Date.now() / 1000;
    const windowStart = Math.floor(nowSec / policy.windowSec) * policy.windowSec;
    const id = `${policy.name}|${key}`;
    let c = this.counters.get(id);
    if (!c || c.windowStart !== windowStart) {
      c = { windowStart, synced: 0, pending: 0 };
      if (this.counters.size >= this.maxCounters) this.evict();
      this.counters.delete(id);
      this.counters.set(id, c);
      c.ready = this.sync([[id, c]]).catch((err: Error) => {
        this.log.warn({ err: err.message }, 'rate-limit store unreachable; counting locally');
      });
    }
    if (c.ready) await c.ready;
    const used = c.synced + c.pending;
    const resetSec = Math.max(1, Math.ceil(windowStart + policy.windowSec - nowSec));
    if (used >= policy.limit) return { allowed: false, policy, remaining: 0, resetSec };
    c.pending++;
    return { allowed: true, policy, remaining: Math.max(0, policy.limit - used - 1), resetSec };
  }

  /**
   * Drops the oldest tenth of the counters (Map order is insertion order), those with nothing
   * left to flush first. A flood of new addresses faster than the flush can cost their unflushed
   * counts, never the memory bound.
   */
  private evict(): void {
    let drop = Math.ceil(this.maxCounters / 10);
    for (const settledOnly of [true, false]) {
      for (const [id, c] of this.counters) {
        if (drop === 0) return;
        if (settledOnly && c.pending > 0) continue;
        this.counters.delete(id);
        drop--;
      }
    }
  }

  /** Adds every local count to the shared rows and reads back the totals. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = (async () => {
      const nowSec = Date.now() / 1000;
      for (const [id, c] of this.counters) if (c.windowStart + 3600 < nowSec) this.counters.delete(id);
      const due = [...this.counters].filter(([, c]) => c.pending > 0);
      if (due.length) await this.sync(due);
    })()
      .catch((err: Error) => {
        this.log.warn({ err: err.message }, 'rate-limit flush failed; will retry');
      })
      .finally(() => {
        if (this.flushing === run) this.flushing = undefined;
      });
    this.flushing = run;
    return run;
  }

  private async sync(entries: [string, Counter][]): Promise<void> {
    const sent = entries.map(([, c]) => c.pending);
    const rows = await addRateCounts(
      this.sql,
      entries.map(([id, c], i) => ({ key: id, windowStart: c.windowStart, add: sent[i]! })),
    );
    const byId = new Map(rows.map((r) => [`${r.key}@${r.windowStart}`, r.count]));
    entries.forEach(([id, c], i) => {
      const total = byId.get(`${id}@${c.windowStart}`);
      if (total === undefined) return;
      c.pending -= sent[i]!;
      c.synced = total;
    });
    // Old windows are of no use to anyone; one process trimming them now and then is enough.
    if (Math.random() < 0.01) await deleteOldRateCounts(this.sql);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** The RFC draft (draft-ietf-httpapi-ratelimit-headers) header values for a decision. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const h: Record<string, string> = {
    'RateLimit-Policy': `"${d.policy.name}";q=${d.policy.limit};w=${d.policy.windowSec}`,
    RateLimit: `"${d.policy.name}";r=${d.remaining};t=${d.resetSec}`,
  };
  if (!d.allowed) h['Retry-After'] = String(d.resetSec);
  return h;
}
