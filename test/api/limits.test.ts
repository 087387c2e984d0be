import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/runtime/app.js';
import { isDatabaseUnavailable } from '../../src/http/errors.js';
import { RateLimiter } from '../../src/http/rate-limit.js';
import { apiOptionsFrom, apiServices, type ApiOptions } from '../../src/http/services.js';
import { parseConfig } from '../../src/config.js';
import { closeDb, openDb } from '../../src/db/client.js';
import { createApiKey, revokeApiKey } from '../../src/db/queries/keys.js';
import { createLogger } from '../../src/log.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startInOneRateWindow, waitFor } from '../helpers/runtime.js';

/** Limits of everything public: pages, API budgets from configuration, failed sign-ins, bodies, proxies, outages. */
describe('public limits', () => {
  let tdb: TestDatabase;
  const apps: Parameters<typeof createApp>[0][] = [];
  const log = createLogger('silent');
  /** A separate "API process": its own deps, so its own limiter, caches and key memo. */
  // Hour-long windows: a budget test must not straddle a window's end (a minute's would reset mid-test).
  const makeApp = (options: ApiOptions = {}, db = tdb.db) => {
    const deps = { db, kit: {} as never, queues: {} as never, log };
    apps.push(deps);
    return createApp(deps, { watchChanges: false, rateWindowSec: 3_600, ...options });
  };
  /** A request as if from `address` (the socket's peer). */
  const from = (address: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    [{ ...init, headers }, { incoming: { socket: { remoteAddress: address } } }] as const;

  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    for (const deps of apps)
      await apiServices(deps)
        .stop()
        .catch(() => {});
    await tdb?.drop();
  });

  it('dashboard pages have a per-address budget; probes and assets have none', async () => {
    await startInOneRateWindow();
    const app = makeApp({ pagesPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/?q=x', ...from('198.51.100.7'))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await app.request('/trends', ...from('198.51.100.7'))).status).toBe(429);
    expect((await app.request('/', ...from('198.51.100.8'))).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.request('/healthz', ...from('198.51.100.7'))).status).toBe(200);
    expect((await app.request('/assets/site.css', ...from('198.51.100.7'))).status).toBe(200);
  });

  it('anonymous and keyed budgets come from the environment; a key created with its own rate gets that rate', async () => {
    await startInOneRateWindow();
    const config = parseConfig({ RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_KEYED: '4' });
    const app = makeApp(apiOptionsFrom(config));
    const anon = [];
    for (let i = 0; i < 3; i++) anon.push((await app.request('/v1/careers?limit=1', ...from('203.0.113.1'))).status);
    expect(anon).toEqual([200, 200, 429]);
    const { key } = await createApiKey(tdb.db, { role: 'client', name: 'slow', ratePerMinute: 1 });
    const first = await app.request('/v1/careers?limit=1', ...from('203.0.113.2', { authorization: `Bearer ${key}` }));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"key";q=1;w=3600');
    expect((await app.request('/v1/careers?limit=1', ...from('203.0.113.2', { authorization: `Bearer ${key}` }))).status).toBe(429);
    const { key: plain } = await createApiKey(tdb.db, { role: 'client', name: 'default' });
    expect((await app.request('/v1/careers?limit=1', ...from('203.0.113.2', { authorization: `Bearer ${plain}` }))).headers.get('ratelimit-policy')).toBe(
      '"key";q=4;w=3600',
    );
  });

  it('refused credentials are limited per address, then that address gets 429 even with a good key', async () => {
    await startInOneRateWindow();
    const app = makeApp({ authFailuresPerMinute: 3 });
    const { key } = await createApiKey(tdb.db, { role: 'operator', name: 'ops' });
    const signIn = (k: string, address = '192.0.2.9') =>
      app.request('/ops/signin', ...from(address, {}, { method: 'POST', body: new URLSearchParams({ key: k }) }));
    // Visitors without credentials fail nothing.
    for (let i = 0; i < 5; i++) expect((await app.request('/v1/ops/sources', ...from('192.0.2.9'))).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await signIn(`clk_op_guess${i}`)).status).toBe(403);
    expect((await signIn(key)).status).toBe(429);
    expect((await app.request('/v1/ops/sources', ...from('192.0.2.9', { authorization: `Bearer ${key}` }))).status).toBe(429);
    expect((await signIn(key, '192.0.2.10')).status).toBe(303);
  });

  it('a read answered before routing (its target validated once, its answer cached) still passes every guard', async () => {
    await startInOneRateWindow();
    const deps = { db: tdb.db, kit: {} as never, queues: {} as never, log };
    apps.push(deps);
    const app = createApp(deps, { watchChanges: false, rateWindowSec: 3_600, anonymousPerMinute: 3 });
    const target = '/v1/careers?limit=1';
    const ask = (headers: Record<string, string> = {}) => app.request(target, ...from('203.0.113.77', headers));
    expect((await ask()).status).toBe(200);
    expect(apiServices(deps).knownReads.has(target)).toBe(true);
    const hits = apiServices(deps).cache.hits;
    const second = await ask();
    expect(second.status).toBe(200);
    expect(second.headers.get('ratelimit')).toMatch(/^"anonymous";r=1;t=\d+$/);
    expect(apiServices(deps).cache.hits).toBe(hits + 1); // served from the cache before routing
    expect((await ask({ authorization: 'Bearer clk_not_a_key' })).status).toBe(401);
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(429);
    // Another spelling of the same read is not known: it is routed and validated.
    expect((await app.request('/v1/careers?limit=1&limit=x', ...from('203.0.113.78'))).status).toBe(400);
  });

  it('request bodies over the limit answer 413 before any handler reads them', async () => {
    const app = makeApp({ bodyLimitBytes: 2048 });
    const res = await app.request('/ops/signin', { method: 'POST', body: new URLSearchParams({ key: 'x'.repeat(10_000) }) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('behind a trusted proxy the client is the forwarded address; untrusted peers cannot choose their address', async () => {
    await startInOneRateWindow();
    const trusted = makeApp({ anonymousPerMinute: 1, trustProxy: { addresses: ['10.0.0.1'] } });
    const via = (client: string, peer = '10.0.0.1') => trusted.request('/v1/careers?limit=1', ...from(peer, { 'x-forwarded-for': client }));
    expect((await via('203.0.113.50')).status).toBe(200);
    expect((await via('203.0.113.51')).status).toBe(200); // another client behind the same proxy
    expect((await via('203.0.113.50')).status).toBe(429);
    expect((await via('198.51.100.1, 203.0.113.50')).status).toBe(429); // a forged left part changes nothing
    // A peer that is not the proxy is itself the client, whatever header it sends.
    expect((await via('203.0.113.60', '198.51.100.99')).status).toBe(200);
    expect((await via('203.0.113.61', '198.51.100.99')).status).toBe(429);
  });

  it('IPv6 clients are counted per /64', async () => {
    await startInOneRateWindow();
    const app = makeApp({ anonymousPerMinute: 2 });
    const ask = (ip: string) => app.request('/v1/careers?limit=1', ...from(ip));
    expect((await ask('2001:db8:1:2::1')).status).toBe(200);
    expect((await ask('2001:db8:1:2:ffff:ffff:ffff:fffe')).status).toBe(200);
    expect((await ask('2001:db8:1:2::99')).status).toBe(429);
    expect((await ask('2001:db8:1:3::1')).status).toBe(200);
  });

  it('the rate limiter keeps a bounded number of counters however many addresses come', async () => {
    const limiter = new RateLimiter(tdb.db.$client, log, 60_000, 50);
    const policy = { name: 'anonymous', limit: 10, windowSec: 3_600 };
    for (let i = 0; i < 300; i++) await limiter.take(`ip:10.9.${i >> 8}.${i & 255}`, policy);
    expect(limiter.size).toBeLessThanOrEqual(50);
    await limiter.stop();
  });

  it('when PostgreSQL is down a keyed request answers 503, not 401 "unknown key"', async () => {
    const down = openDb('postgres://careerlens@127.0.0.1:1/none', { max: 1 });
    try {
      const app = makeApp({}, down);
      const res = await app.request('/v1/careers', { headers: { authorization: 'Bearer clk_cl_whatever' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await closeDb(down, 0).catch(() => {});
    }
  });

  it("operators' routes use their own pool (no public statement timeout), public routes the public one", async () => {
    const down = openDb('postgres://careerlens@127.0.0.1:1/none', { max: 1 });
    try {
      const deps = { db: down, opsDb: tdb.db, kit: {} as never, queues: {} as never, log };
      apps.push(deps);
      const app = createApp(deps, { watchChanges: false, rateWindowSec: 3_600 });
      const { key } = await createApiKey(tdb.db, { role: 'operator', name: 'pool-check' });
      expect((await app.request('/v1/ops/audit', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      expect((await app.request('/v1/careers/software-developers')).status).toBe(503);
    } finally {
      await closeDb(down, 0).catch(() => {});
    }
  });

  it('a revoked key stops working at once in every API process', async () => {
    const [one, two] = [makeApp(), makeApp()];
    const { key, row } = await createApiKey(tdb.db, { role: 'client', name: 'to-revoke' });
    const ask = (app: typeof one) => app.request('/v1/careers?limit=1', { headers: { authorization: `Bearer ${key}` } });
    expect((await ask(one)).status).toBe(200);
    expect((await ask(two)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200)); // both processes are LISTENing
    await revokeApiKey(tdb.db, row.id);
    await waitFor('process one to refuse the key', async () => (await ask(one)).status === 401, 5_000, 50);
    await waitFor('process two to refuse the key', async () => (await ask(two)).status === 401, 5_000, 50);
  });

  it('invalid dates and periods answer 400 on the API and the trends page', async () => {
    const app = makeApp();
    for (const q of ['from=2023-02-31', 'to=2023-13-01', 'from=0000-01-01', 'from=2024-01-01T25:00:00Z']) {
      expect((await app.request(`/v1/careers/software-developers/history?${q}`)).status, q).toBe(400);
    }
    for (const q of ['from=2023-02-31', 'to=yesterday', 'from=2023-13', 'from=Foo%202021']) {
      expect((await app.request(`/v1/careers/software-developers/trends?${q}`)).status, q).toBe(400);
      expect((await app.request(`/trends?${q}`)).status, q).toBe(400);
      expect((await app.request(`/trends.csv?chart=movers&${q}`)).status, q).toBe(400);
    }
    // A readable period the data does not hold falls back to the page's default periods.
    expect((await app.request('/trends?from=May%201999')).status).toBe(200);
  });

  it('the trends page computes its top movers once until the data changes', async () => {
    const deps = { db: tdb.db, kit: {} as never, queues: {} as never, log };
    apps.push(deps);
    const app = createApp(deps, { watchChanges: false });
    const sql = tdb.db.$client;
    const ids = await sql<
      { id: number }[]
    >`insert into careers (slug, title, origin) values ('movers-a', 'Movers A', 'onet'), ('movers-b', 'Movers B', 'onet') returning id`;
    for (const [k, { id }] of ids.entries()) {
      await sql`insert into series_points (career_id, metric, series, period, period_start, value, source) values
        (${id}, 'salaryMedian', 'oews', 'May 2021', '2021-05-01', ${100 + k}, 'oews'), (${id}, 'salaryMedian', 'oews', 'May 2024', '2024-05-01', ${120 + 5 * k}, 'oews')`;
    }
    const svc = apiServices(deps);
    let loads = 0;
    const memo = svc.memo.bind(svc);
    svc.memo = (key, load) =>
      memo(key, () => {
        if (key.startsWith('period-movers|')) loads += 1;
        return load();
      });
    for (let i = 0; i < 3; i++) {
      const page = await app.request('/trends?metric=salaryMedian&by=abs');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Movers B');
    }
    expect(loads).toBe(1);
  });

  it('a public request held past API_STATEMENT_TIMEOUT_MS answers 503 while a lock is held elsewhere', async () => {
    const config = parseConfig({ API_STATEMENT_TIMEOUT_MS: '300' });
    const pool = openDb(tdb.url, { max: 2, statementTimeoutMs: config.API_STATEMENT_TIMEOUT_MS });
    try {
      const app = makeApp({ anonymousPerMinute: 1_000 }, pool);
      const status = await tdb.db.$client.begin(async (tx) => {
        await tx`lock table careers, career_metrics in access exclusive mode`;
        const res = await app.request('/v1/careers?limit=1', ...from('203.0.113.90'));
        return { status: res.status, type: res.headers.get('content-type'), retry: res.headers.get('retry-after') };
      });
      expect(status).toEqual({ status: 503, type: expect.stringContaining('application/problem+json'), retry: '5' });
      expect((await app.request('/v1/careers?limit=1', ...from('203.0.113.90'))).status).toBe(200); // the lock gone, it answers again
    } finally {
      await closeDb(pool, 0);
    }
  });

  it('the API pool cuts statements at its timeout, and that answers 503', async () => {
    const slow = openDb(tdb.url, { max: 1, statementTimeoutMs: 100 });
    try {
      const err = await slow.$client`select pg_sleep(2)`.then(
        () => null,
        (e: unknown) => e,
      );
      expect((err as { code?: string }).code).toBe('57014');
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await closeDb(slow, 0);
    }
  });
});
