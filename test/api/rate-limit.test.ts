import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { RateLimiter, rateLimitHeaders } from '../../src/http/rate-limit.js';
import { createLogger } from '../../src/log.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('rate limiter shared through Postgres', () => {
  it('two API processes share one budget per client (within one flush interval of slack)', async () => {
    const log = createLogger('silent');
    const p1 = new RateLimiter(tdb.db.$client, log, 20);
    const p2 = new RateLimiter(tdb.db.$client, log, 20);
    const policy = { name: 'anonymous', limit: 10, windowSec: 60 };
    let allowed = 0;
    for (let i = 0; i < 20; i++) {
      const d = await (i % 2 ? p2 : p1).take('ip:198.51.100.1', policy);
      if (d.allowed) allowed++;
      await new Promise((r) => setTimeout(r, 30)); // longer than a flush: each process sees the other's counts
    }
    // Each process's view of the other's counts lags by at most one flush: one request of slack here.
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(11);
    const denied = await p1.take('ip:198.51.100.1', policy);
    expect(denied.allowed).toBe(false);
    expect(rateLimitHeaders(denied)['Retry-After']).toMatch(/^\d+$/);
    // Another client has its own budget.
    expect((await p2.take('ip:198.51.100.2', policy)).allowed).toBe(true);
    await p1.stop();
    await p2.stop();
  });
});
