import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { startTestRuntime, testEnv, waitFor, writeSourcesFile, type Backend } from '../helpers/runtime.js';
import type { Runtime } from '../../src/runtime/start.js';

/**
 * The whole pipeline on each queue backend: a job scheduler tick fetches the O*NET occupations
 * over HTTP → careers in Postgres → `careers-changed` → metrics → every pair's comparison → the
 * API and the compare page serve them.
 */
describe.each<Backend>(['redis', 'postgres'])('thin slice on the %s queue backend', (backend) => {
  let tdb: TestDatabase;
  let server: StaticServer;
  let rt: Runtime;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startStaticServer();
    const sourcesFile = writeSourcesFile([{ id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/`, schedule: { everyMs: 1_000 } }]);
    // No start-up run: the first run must come from the job scheduler's tick.
    rt = await startTestRuntime(
      testEnv({ databaseUrl: tdb.url, backend, name: `thin_${backend}`, sourcesFile, extra: { RUN_NEVER_SUCCEEDED_ON_START: 'false' } }),
    );
  });

  afterAll(async () => {
    await rt?.stop();
    await server?.close();
    await tdb?.drop();
  });

  it('ingests on the schedule, fans out through events, and serves careers, comparisons and the page', async () => {
    const sql = tdb.db.$client;
    const run = await waitFor('a scheduled onet run to succeed', async () => {
      const [r] = await sql<{ id: number; trigger: string; status: string }[]>`select id, trigger, status from ingest_runs where status = 'succeeded'`;
      return r;
    });
    expect(run.trigger).toBe('schedule');
    expect(server.requests.some((r) => r.path === '/data/onet-29.2/Occupation Data.txt')).toBe(true);
    const n = (await sql<{ n: number }[]>`select count(*)::int as n from careers`)[0]!.n;
    expect(n).toBe(1016);
    const pairs = (n * (n - 1)) / 2;
    await waitFor(
      'every pair to be compared',
      async () => {
        const c = (await sql<{ c: number }[]>`select count(*)::int as c from comparisons`)[0]!.c;
        const d = (await sql<{ d: number }[]>`select count(*)::int as d from dirty_careers`)[0]!.d;
        return c === pairs && d === 0;
      },
      120_000,
      500,
    );
    const careersDone = await rt.queues.careers.getJobCounts('completed');
    expect(careersDone.completed).toBeGreaterThanOrEqual(1);

    const base = rt.url!;
    const career = (await (await fetch(`${base}/v1/careers/software-developers`)).json()) as { onetCode: string; title: string };
    expect(career).toMatchObject({ onetCode: '15-1252.00', title: 'Software Developers' });
    const byCode = await fetch(`${base}/v1/careers/15-1252.00`);
    expect(((await byCode.json()) as { slug: string }).slug).toBe('software-developers');

    const ab = (await (await fetch(`${base}/v1/compare/software-developers/chief-executives`)).json()) as {
      a: { slug: string };
      b: { slug: string };
      version: string;
    };
    const ba = (await (await fetch(`${base}/v1/compare/chief-executives/software-developers`)).json()) as {
      a: { slug: string };
      b: { slug: string };
      version: string;
    };
    expect([ab.a.slug, ab.b.slug]).toEqual(['software-developers', 'chief-executives']);
    expect([ba.a.slug, ba.b.slug]).toEqual(['chief-executives', 'software-developers']);
    expect(ab.version).toBe(ba.version);

    const page = await fetch(`${base}/compare/software-developers-vs-chief-executives`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Software Developers vs Chief Executives</h1>');

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/careerlens_queue_jobs\{queue="careers",state="completed"\} [1-9]/);
    expect(metrics).toMatch(/careerlens_jobs_total\{queue="comparisons",outcome="completed"\} [1-9]/);
    expect(metrics).toContain('careerlens_job_duration_seconds_bucket{le="0.05",queue="ingest",outcome="completed"}');
    // Scrapes are unlimited, so a burst of them reads the queue counts at most once.
    const counted = vi.spyOn(rt.queues.careers, 'getJobCounts');
    const burst = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/metrics`).then((r) => r.text())));
    expect(counted.mock.calls.length).toBeLessThanOrEqual(1);
    for (const body of burst) expect(body).toMatch(/careerlens_queue_jobs\{queue="careers",state="completed"\} [1-9]/);
    counted.mockRestore();

    const missing = await fetch(`${base}/v1/careers/software-developper`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
