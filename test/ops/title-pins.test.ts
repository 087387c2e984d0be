import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/runtime/app.js';
import { createApiKey } from '../../src/db/queries/keys.js';
import type { SalarySurveyFact } from '../../src/core/fact-keys.js';
import { runIngest } from '../../src/ingest/run-ingest.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { testQueuePrefix } from '../helpers/db.js';
import { testEnv } from '../helpers/runtime.js';
import { factOf, startIngestHarness, type IngestHarness } from '../ingest/harness.js';
import { cli } from './spawn.js';

/**
 * Title pins end to end: the salary survey leaves "Research Scientist" unmatched (O*NET lists it
 * under twenty occupations); an operator pins it through the API, the console and the CLI, each
 * audited; the queued re-run attaches its rows to the pinned career, and later runs keep it.
 */
describe('title pins', () => {
  let h: IngestHarness;
  let kit: QueueKit;
  let queues: Queues;
  let app: ReturnType<typeof createApp>;
  let key: string;
  const sql = () => h.tdb.db.$client;
  const op = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers of several operations, whose fields the assertions check
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  /** Executes the run a pin queued, as a worker would. */
  const execute = (runId: number) => runIngest(h.deps, { sourceId: 'salaries', runId, trigger: 'manual', final: true });
  const unmatchedTitles = async () => (await sql()<{ title: string }[]>`select title from unmatched_titles where source_id = 'salaries'`).map((r) => r.title);
  const researchers2022 = () => factOf<SalarySurveyFact>(h, '15-1221.00', 'salary-survey', '2022');

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
    await h.define({ id: 'salaries', kind: 'salary-survey', url: `${h.server.url}/data/ai-jobs-net-salaries/salaries.csv` });
    expect((await h.run('salaries')).status).toBe('succeeded');
    kit = createQueueKit({ kind: 'redis', url: inject('redisUrl'), prefix: testQueuePrefix('title-pins') });
    queues = openQueues(kit);
    app = createApp({ db: h.tdb.db, kit, queues, log: createLogger('silent') }, { watchChanges: false });
    key = (await createApiKey(h.tdb.db, { role: 'operator', name: 'pinner' })).key;
  });
  afterAll(async () => {
    for (const q of [queues?.ingest, queues?.careers, queues?.comparisons]) await q?.obliterate({ force: true }).catch(() => {});
    await queues?.close();
    await kit?.close();
    await h?.close();
  });

  it('API: lists the unmatched title with candidates, pins it (audited), and the re-run attaches its rows', async () => {
    const unmatched = await op('GET', '/v1/ops/unmatched-titles');
    const row = unmatched.json.items.find((u: { title: string }) => u.title === 'Research Scientist');
    expect(row).toMatchObject({ sourceId: 'salaries', count: 51 });
    expect(row.candidates.length).toBeGreaterThan(1);
    expect((await researchers2022())?.titles.some((t) => t.title === 'Research Scientist') ?? false).toBe(false);

    expect((await op('PUT', '/v1/ops/title-pins', { title: 'Research Scientist', career: 'no-such-career' })).status).toBe(404);
    expect((await op('PUT', '/v1/ops/title-pins', { title: '!!!', career: '15-1221.00' })).status).toBe(400);
    const pinned = await op('PUT', '/v1/ops/title-pins', { title: 'Research Scientist', career: '15-1221.00' });
    expect(pinned.status).toBe(200);
    expect(pinned.json).toMatchObject({
      title: 'Research Scientist',
      normalized: 'research scientist',
      career: { title: 'Computer and Information Research Scientists' },
      pinnedBy: expect.stringMatching(/^key:\d+:pinner$/),
    });
    expect(pinned.json.runs).toEqual([{ sourceId: 'salaries', runId: expect.any(Number) }]);

    expect((await execute(pinned.json.runs[0].runId)).status).toBe('succeeded');
    const fact = (await researchers2022())!;
    expect(fact.titles).toContainEqual(expect.objectContaining({ title: 'Research Scientist', method: 'pin', confidence: 1 }));
    expect(await unmatchedTitles()).not.toContain('Research Scientist');
    const audit = await op('GET', '/v1/ops/audit');
    expect(audit.json.items).toContainEqual(
      expect.objectContaining({
        action: 'title.pin',
        target: 'research scientist',
        actor: expect.stringMatching(/^key:\d+:pinner$/),
        details: { title: 'Research Scientist', career: pinned.json.career.slug },
      }),
    );
    expect((await op('GET', '/v1/ops/title-pins')).json.items).toEqual([expect.objectContaining({ title: 'Research Scientist' })]);
  });

  it('survives re-ingest: later runs, unchanged or read again, keep the pinned career', async () => {
    expect((await h.run('salaries')).status).toBe('unchanged');
    expect((await h.run('onet')).status).toBe('unchanged');
    // Lose the source's facts and fingerprint: the next run reads its unchanged document again and rebuilds them.
    await sql()`delete from facts where source_id = 'salaries'`;
    await sql()`update sources set careers_fingerprint = null where id = 'salaries'`;
    expect((await h.run('salaries')).status).toBe('succeeded');
    expect((await researchers2022())!.titles).toContainEqual(expect.objectContaining({ title: 'Research Scientist', method: 'pin' }));
  });

  it("console: pins from an unmatched title's candidates and unpins, with the session's CSRF token", async () => {
    const signin = await app.request('http://localhost/ops/signin', { method: 'POST', body: new URLSearchParams({ key }) });
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.request('/ops/titles', { headers: { cookie } })).text();
    expect(page).toContain('Research Scientist');
    expect(page).toContain('Research Engineer'); // still unmatched: ambiguous between a dozen engineering careers
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const post = (path: string, form: Record<string, string>) =>
      app.request(path, { method: 'POST', headers: { cookie, origin: 'http://localhost' }, body: new URLSearchParams(form) });
    expect((await post('/ops/titles/pin', { _csrf: 'x'.repeat(csrf.length), title: 'Research Engineer', career: '15-2051.01' })).status).toBe(403);
    const ok = await post('/ops/titles/pin', { _csrf: csrf, title: 'Research Engineer', career: '15-2051.01' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/ops\/titles\?notice=pinned/);
    const after = await (await app.request('/ops/titles', { headers: { cookie } })).text();
    expect(after).toMatch(/data-pin="research engineer"/);
    const unpinned = await post('/ops/titles/unpin', { _csrf: csrf, title: 'Research Engineer' });
    expect(unpinned.headers.get('location')).toMatch(/notice=unpinned/);
    const actions = await sql()<{ action: string; target: string }[]>`select action, target from audit_log where target = 'research engineer' order by id`;
    expect(actions).toEqual([
      { action: 'title.pin', target: 'research engineer' },
      { action: 'title.unpin', target: 'research engineer' },
    ]);
  });

  it('CLI: lists pins and unmatched titles, pins and unpins (audited as cli)', async () => {
    const env = testEnv({ databaseUrl: h.tdb.url, backend: 'redis', name: 'title-pins' });
    const list = await cli(['titles', 'list'], env);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toMatch(/^Research Scientist\s+computer-and-information-research-scientists\s+key:/m);
    expect((await cli(['titles', 'list', '--unmatched'], env)).out).toMatch(/^salaries\s+13\s+Research Engineer\s+\S+ 0\.9/m);
    const pin = await cli(['titles', 'pin', 'Sr. Data Specialist', 'business-intelligence-analysts'], env);
    expect(pin.code, pin.out).toBe(0);
    expect(pin.out).toContain('pinned "Sr. Data Specialist" → business-intelligence-analysts');
    const missing = await cli(['titles', 'unpin', 'Nobody Pinned This'], env);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('no pin for "Nobody Pinned This"');
    expect((await cli(['titles', 'unpin', 'Research Scientist'], env)).code).toBe(0);
    const audit = await sql()<{ actor: string; action: string }[]>`select actor, action from audit_log where actor = 'cli' order by id`;
    expect(audit).toEqual([
      { actor: 'cli', action: 'title.pin' },
      { actor: 'cli', action: 'title.unpin' },
    ]);
    expect((await op('GET', '/v1/ops/title-pins')).json.items.map((p: { title: string }) => p.title)).toEqual(['Sr. Data Specialist']);
  });
});
