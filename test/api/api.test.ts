import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../../src/runtime/app.js';
import { createLogger } from '../../src/log.js';
import {
  CareerListSchema,
  CareerProfileSchema,
  ChangesSchema,
  ComparisonSchema,
  HistorySchema,
  ProblemSchema,
  SimilarSchema,
  SurveySalariesSchema,
  TrendSchema,
} from '../../src/api/openapi-schemas.js';
import { apiServices } from '../../src/http/services.js';
import { seedRealData, type Seeded } from './seed.js';
import { startInOneRateWindow, waitFor } from '../helpers/runtime.js';
import { createApiKey } from '../../src/db/queries/keys.js';
import { loadMostCompared } from '../../src/db/queries/changes.js';
import { createPairReader, getStoredComparison } from '../../src/db/queries/careers.js';
import { loadComparison } from '../../src/http/careers.js';
import type { Db } from '../../src/db/client.js';

let seeded: Seeded;
let app: ReturnType<typeof createApp>;
let deps: Parameters<typeof createApp>[0];

/** Parses a response body with the route's own schema, failing with zod's issues. */
async function valid<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`response does not match its schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
  return parsed.data;
}

const problemOf = async (res: Response, status: number) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return valid(res, ProblemSchema, status);
};

beforeAll(async () => {
  seeded = await seedRealData('api');
  // No queues: the routes under test never touch them (the health routes do, and are tested elsewhere).
  deps = { db: seeded.db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
  app = createApp(deps, { anonymousPerMinute: 100_000, changePollMs: 200 });
}, 420_000); // longer than the seed's own 6-minute wait, so a slow seed reports itself

afterAll(async () => {
  await apiServices(deps)?.stop();
  await seeded?.stop();
});

describe('v1 careers', () => {
  it('searches by title with typos, filters by category, pages with a cursor', async () => {
    const typo = await valid(await app.request('/v1/careers?q=sofware%20developr'), CareerListSchema);
    expect(typo.items[0]?.slug).toBe('software-developers');
    for (const [q, slug] of [
      ['registred nurse', 'registered-nurses'],
      ['data scientst', 'data-scientists'],
      ['ceo', 'chief-executives'],
      ['softwar engneer', 'software-developers'],
    ]) {
      const r = await valid(await app.request(`/v1/careers?q=${encodeURIComponent(q!)}&limit=3`), CareerListSchema);
      expect(r.items[0]?.slug, q).toBe(slug);
    }
    const cat = typo.items[0]!.category;
    const all = await valid(await app.request(`/v1/careers?category=${encodeURIComponent(cat)}&limit=5`), CareerListSchema);
    expect(all.items).toHaveLength(5);
    expect(all.items.every((i) => i.category === cat)).toBe(true);
    const next = await valid(await app.request(`/v1/careers?category=${encodeURIComponent(cat)}&limit=5&cursor=${all.nextCursor}`), CareerListSchema);
    expect(next.items[0]!.slug).not.toBe(all.items[0]!.slug);
    expect(next.total).toBe(all.total);
    const everything = await valid(await app.request('/v1/careers?limit=100'), CareerListSchema);
    expect(everything.total).toBe(1016);
  });

  it('serves a profile by slug and by O*NET-SOC code, with trends and similar careers', async () => {
    const p = await valid(await app.request('/v1/careers/software-developers'), CareerProfileSchema);
    expect(p).toMatchObject({ onetCode: '15-1252.00', title: 'Software Developers' });
    expect(p.metrics).toHaveProperty('salary.median.source');
    expect(p.skills.some((s) => s.hot)).toBe(true);
    expect(p.aliases.length).toBeGreaterThan(0);
    const byCode = await valid(await app.request('/v1/careers/15-1252.00'), CareerProfileSchema);
    expect(byCode.slug).toBe('software-developers');
    // Trends by the data's periods: one point per OEWS release, each with its source.
    const t = await valid(await app.request('/v1/careers/software-developers/trends?metric=salaryMedian&from=2020'), TrendSchema);
    expect(t.points.map((pt) => pt.period)).toEqual(['May 2020', 'May 2021', 'May 2022', 'May 2024']);
    expect(t.points.every((pt) => pt.source === 'BLS OEWS (oews)')).toBe(true);
    expect(t.series[0]!.cagr).toBeGreaterThan(0);
    // What was published when stays available as an audit trail.
    const history = await valid(await app.request('/v1/careers/software-developers/history?metric=demandScore&from=2000-01-01'), HistorySchema);
    expect(history.points.length).toBeGreaterThanOrEqual(1);
    const s = await valid(await app.request('/v1/careers/software-developers/similar?limit=5'), SimilarSchema);
    expect(s.items.length).toBeGreaterThan(0);
    expect(s.items.some((i) => i.slug === 'software-developers')).toBe(false);
  });

  it('serves salaries by survey year with their source, as stored by the salary-survey ingest', async () => {
    const ds = await valid(await app.request('/v1/careers/data-scientists/salary-surveys'), SurveySalariesSchema);
    expect(ds.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    const [stored] = await deps.db.$client<{ median: number; count: number }[]>`
      select (f.value->>'median')::float8 as median, (f.value->>'count')::int as count from facts f join careers c on c.id = f.career_id
      where c.slug = 'data-scientists' and f.key = 'salary-survey' and f.period = '2022'`;
    expect(ds.years[2]).toEqual({
      year: 2022,
      period: '2022',
      median: stored!.median,
      p25: expect.any(Number),
      p75: expect.any(Number),
      count: stored!.count,
      source: 'ai-jobs.net salary survey (salaries)',
    });
    expect(ds.years.every((y) => y.p25 <= y.median && y.median <= y.p75)).toBe(true);
    expect((await valid(await app.request('/v1/careers/tailors-dressmakers-and-custom-sewers/salary-surveys'), SurveySalariesSchema)).years).toEqual([]);
    await problemOf(await app.request('/v1/careers/no-such-career/salary-surveys'), 404);
  });

  it('answers unknown careers 404 with the closest matches, and bad input 400, never echoing it', async () => {
    const miss = await problemOf(await app.request('/v1/careers/software-developper'), 404);
    expect(miss.closest?.[0]?.slug).toBe('software-developers');
    expect(miss.requestId).toBeTruthy();
    const hostile = [
      `/v1/careers?q=${'a'.repeat(5000)}`,
      `/v1/careers?q=${encodeURIComponent('<script>alert(1)</script>\u202e')}`,
      '/v1/careers?limit=-1',
      '/v1/careers?limit=abc',
      '/v1/careers?cursor=%00%00',
      `/v1/careers/${encodeURIComponent('<script>alert(1)</script>')}`,
      `/v1/careers/${'x'.repeat(500)}`,
      '/v1/careers/software-developers/trends?metric=bogus',
      '/v1/careers/software-developers/trends?from=yesterday',
      '/v1/careers/software-developers/trends?from=2025&to=2024',
      '/v1/careers/software-developers/history?from=2025-01-01&to=2024-01-01',
      '/v1/changes?since=-5',
      '/v1/changes?since=99999999999999999999999',
      '/v1/compare/software-developers/software-developers',
    ];
    for (const path of hostile) {
      const res = await app.request(path);
      const text = await res.clone().text();
      expect(res.status, path).toBe(400);
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('a'.repeat(200));
      await problemOf(res, 400);
    }
  });
});

describe('v1 compare, caching and changes', () => {
  it('serves the same pair in either order with a strong ETag and 304', async () => {
    const ab = await app.request('/v1/compare/software-developers/chief-executives');
    const abBody = await valid(ab.clone(), ComparisonSchema);
    const ba = await valid(await app.request('/v1/compare/chief-executives/software-developers'), ComparisonSchema);
    expect([abBody.a.slug, abBody.b.slug]).toEqual(['software-developers', 'chief-executives']);
    expect([ba.a.slug, ba.b.slug]).toEqual(['chief-executives', 'software-developers']);
    expect(ba.version).toBe(abBody.version);
    // The sides swap with the order asked, verdicts with them.
    expect(ba.a.salary).toEqual(abBody.b.salary);
    const swap = { a: 'b', b: 'a', tie: 'tie' } as const;
    for (const [k, v] of Object.entries(abBody.verdicts)) expect(ba.verdicts[k as keyof typeof ba.verdicts]).toBe(swap[v]);
    expect(abBody.a.salary.median.value).toBeGreaterThan(50_000);
    expect(abBody.a.salary.median).toHaveProperty('source');
    const etag = ab.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(ab.headers.get('cache-control')).toContain('must-revalidate');
    const again = await app.request('/v1/compare/software-developers/chief-executives', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('x-request-id')).toBeTruthy();
    expect(ab.headers.get('ratelimit')).toMatch(/^"anonymous";r=\d+;t=\d+$/);
    // Compare requests are counted (either order is one pair) for the overview's "most compared".
    await apiServices(deps).flushCounts();
    const top = await loadMostCompared(deps.db, 1);
    expect(top[0]).toMatchObject({ a: 'chief-executives', b: 'software-developers' });
    expect(top[0]!.count).toBe(3); // ab, ba and the revalidation
    const cors = await app.request('/v1/compare/software-developers/chief-executives', { headers: { Origin: 'https://example.org' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    expect(cors.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('answers many cold pairs at once, each body exactly the expanded comparison, with one pair query per turn', async () => {
    const careers = await deps.db.$client<{ id: number; slug: string }[]>`select id, slug from careers order by md5(slug) limit 60`;
    const pairs = Array.from({ length: 30 }, (_, i) => [careers[2 * i]!, careers[2 * i + 1]!] as const);
    // Cold: every pair in one order or the other, all requested at once.
    const bodies = await Promise.all(
      pairs.map(async ([a, b], i) => {
        const [x, y] = i % 2 ? [b, a] : [a, b];
        const res = await app.request(`/v1/compare/${x.slug}/${y.slug}`);
        const text = await res.text();
        expect(res.status, text.slice(0, 300)).toBe(200);
        expect(ComparisonSchema.safeParse(JSON.parse(text)).success).toBe(true);
        return { x, y, text };
      }),
    );
    for (const { x, y, text } of bodies) expect(text).toBe(JSON.stringify(await loadComparison(deps, x.slug, y.slug)));

    // The reader: concurrent reads in one turn are one query; results match the one-pair lookup.
    let queries = 0;
    const sql = deps.db.$client;
    const counting = {
      $client: Object.assign((...args: Parameters<typeof sql>) => {
        queries++;
        return sql(...args);
      }, sql),
    } as unknown as Db;
    const read = createPairReader(counting, 16);
    const asked = [...pairs.map(([a, b]) => [b.id, a.id] as const), [pairs[0]![0].id, pairs[0]![1].id] as const, [careers[0]!.id, 999_999] as const];
    const got = await Promise.all(asked.map(([x, y]) => read(x, y)));
    expect(queries).toBe(Math.ceil(asked.length / 16));
    for (const [k, [x, y]] of asked.entries()) expect(got[k]).toEqual(await getStoredComparison(deps.db, x, y));
    expect(got.at(-1)).toBeUndefined();
    const failing = createPairReader({ $client: () => Promise.reject(new Error('connection lost')) } as unknown as Db);
    await expect(Promise.all([failing(1, 2), failing(3, 4)])).rejects.toThrow('connection lost');
  });

  it('serves repeated reads from memory and drops the cache when a change is notified', async () => {
    const svc = apiServices(deps);
    await app.request('/v1/careers/software-developers');
    const hits = svc.cache.hits;
    const before = await app.request('/v1/careers/software-developers');
    expect(svc.cache.hits).toBe(hits + 1);
    const seq = svc.watcher!.lastSeq;
    const cursorBefore = (await valid(await app.request('/v1/changes?limit=1'), ChangesSchema)).latest;
    // A worker's write and NOTIFY, as recompute-pairs does it.
    const sql = seeded.db.$client;
    await sql`update career_metrics set seq = nextval('change_seq'), txid = pg_current_xact_id(), version = version || 'x' where career_id = (select id from careers where slug = 'software-developers')`;
    await sql`select pg_notify('careerlens_changes', 'pairs')`;
    await waitFor('the cache to drop', async () => svc.watcher!.lastSeq > seq && svc.cache.size === 0, 10_000, 20);
    const after = await app.request('/v1/careers/software-developers', { headers: { 'If-None-Match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    // The feed shows a change once every older transaction has ended, in any database of the
    // cluster (transaction ids are cluster-wide): another test file's ingest can hold it a moment.
    const feed = async (since: string, want: number) => {
      let page = await valid(await app.request(`/v1/changes?since=${since}`), ChangesSchema);
      await waitFor(
        'the change feed to show the change',
        async () => {
          page = await valid(await app.request(`/v1/changes?since=${since}`), ChangesSchema);
          return page.items.length >= want;
        },
        60_000,
        50,
      );
      return page;
    };
    const changes = await feed(cursorBefore, 1);
    expect(changes.items.map((i) => i.kind === 'career' && i.slug)).toEqual(['software-developers']);
    expect((await valid(await app.request(`/v1/changes?since=${changes.items[0]!.seq}`), ChangesSchema)).items).toEqual([]);
    // A transaction still running holds a lower seq: a later commit must wait behind it, so no
    // change ever lands behind a cursor already handed out.
    const mark = (await valid(await app.request('/v1/changes?limit=1'), ChangesSchema)).latest;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const holding = new Promise<void>((r) => {
      started = r;
    });
    const slow = sql.begin(async (tx) => {
      await tx`update career_metrics set seq = nextval('change_seq'), txid = pg_current_xact_id(), version = version || 'y' where career_id = (select id from careers where slug = 'chief-executives')`;
      started();
      await gate;
    });
    await holding;
    await sql`update career_metrics set seq = nextval('change_seq'), txid = pg_current_xact_id(), version = version || 'y' where career_id = (select id from careers where slug = 'software-developers')`;
    const held = await valid(await app.request(`/v1/changes?since=${mark}`), ChangesSchema);
    expect(held.items).toEqual([]);
    release();
    await slow;
    const both = await feed(mark, 2);
    expect(both.items.map((i) => i.kind === 'career' && i.slug)).toEqual(['chief-executives', 'software-developers']);
    const first = await valid(await app.request('/v1/changes?limit=10'), ChangesSchema);
    expect(first.items).toHaveLength(10);
    expect(first.nextCursor).toBe(first.items[9]!.seq);
  });

  it('limits anonymous clients more than keyed ones, with RateLimit headers and 429', async () => {
    await startInOneRateWindow();
    const limited = createApp({ ...deps }, { anonymousPerMinute: 3, keyedPerMinute: 6, watchChanges: false });
    const codes: number[] = [];
    let last: Response | undefined;
    // Its own client address, so earlier tests' anonymous requests (shared counters) do not count.
    const env = { incoming: { socket: { remoteAddress: '203.0.113.7' } } };
    for (let i = 0; i < 5; i++) {
      last = await limited.request('/v1/careers?limit=1', {}, env);
      codes.push(last.status);
    }
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.headers.get('ratelimit-policy')).toBe('"anonymous";q=3;w=60');
    await problemOf(last!, 429);
    const { key } = await createApiKey(deps.db, { role: 'client', name: 'rate-limit test' });
    const keyed = await limited.request('/v1/careers?limit=1', { headers: { Authorization: `Bearer ${key}` } }, env);
    expect(keyed.status).toBe(200);
    const bogus = await limited.request('/v1/careers?limit=1', { headers: { Authorization: 'Bearer clk_cl_not-a-key' } }, env);
    await problemOf(bogus, 401);
    expect(keyed.headers.get('ratelimit')).toMatch(/^"key";r=5;t=\d+$/);
  });
});

describe('OpenAPI', () => {
  it("is a 3.1 document whose paths are exactly the v1 and operators' routes, with a readable /docs page", async () => {
    type Op = { responses: Record<string, unknown>; tags?: string[]; security?: Record<string, string[]>[]; operationId?: string };
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths).sort();
    expect(paths.filter((p) => !p.startsWith('/v1/ops/'))).toEqual([
      '/v1/careers',
      '/v1/careers/{slug}',
      '/v1/careers/{slug}/history',
      '/v1/careers/{slug}/salary-surveys',
      '/v1/careers/{slug}/similar',
      '/v1/careers/{slug}/skills',
      '/v1/careers/{slug}/trends',
      '/v1/changes',
      '/v1/compare/{a}/{b}',
    ]);
    // The operators' API (src/api/routes/ops.ts): every route, under the `ops` tag, behind an operator key.
    const opsOps = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/ops/'))
      .flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ at: `${m.toUpperCase()} ${p}`, ...op })));
    expect(opsOps.map((o) => o.at).sort()).toEqual([
      'DELETE /v1/ops/sources/{id}',
      'DELETE /v1/ops/title-pins',
      'GET /v1/ops/alerts',
      'GET /v1/ops/audit',
      'GET /v1/ops/runs',
      'GET /v1/ops/runs/{id}',
      'GET /v1/ops/sources',
      'GET /v1/ops/title-pins',
      'GET /v1/ops/unmatched-titles',
      'POST /v1/ops/recompute',
      'POST /v1/ops/runs/{id}/cancel',
      'POST /v1/ops/runs/{id}/retry',
      'POST /v1/ops/sources/{id}/pause',
      'POST /v1/ops/sources/{id}/resume',
      'POST /v1/ops/sources/{id}/runs',
      'PUT /v1/ops/sources/{id}/schedule',
      'PUT /v1/ops/title-pins',
    ]);
    expect(doc.components.securitySchemes.operatorKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const o of opsOps) {
      expect(o.tags, o.at).toEqual(['ops']);
      expect(o.security, o.at).toEqual([{ operatorKey: [] }]);
      expect(o.responses, o.at).toHaveProperty(['401']);
      expect(o.responses, o.at).toHaveProperty(['403']);
      // Documented and routed: without a key, the operators' routes answer 401 (not the router's 404).
      const [method, path] = o.at.split(' ') as [string, string];
      const res = await app.request(path.replace('{id}', '1'), { method });
      expect(res.status, o.at).toBe(401);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('/v1/ops/')) continue;
      for (const [method, op] of Object.entries(item)) {
        expect(method).toBe('get');
        expect(op.responses['200'], path).toBeDefined();
        // Every documented path answers (not the router's 404).
        const concrete = path.replace('{slug}', 'software-developers').replace('{a}', 'software-developers').replace('{b}', 'chief-executives');
        const res = await app.request(concrete);
        expect(res.status, concrete).toBe(200);
      }
    }
    // Every $ref resolves inside the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty([r]);
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) {
        for (const param of (op as { parameters?: { in: string; name: string; required?: boolean }[] }).parameters ?? [])
          if (param.in === 'path') expect(param.required).toBe(true);
      }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Comparison', 'CareerList', 'CareerProfile', 'Problem', 'Changes']));
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('GET /v1/compare/{a}/{b}');
  });
});
