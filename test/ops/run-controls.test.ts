import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { requestRun } from '../../src/queue/schedules.js';
import { reapLostRuns } from '../../src/ops/lost-runs.js';
import { runIngest } from '../../src/ingest/run-ingest.js';
import { writeBatch } from '../../src/db/queries/write-batch.js';
import { RunEndedError } from '../../src/ingest/types.js';
import { testEnv } from '../helpers/runtime.js';
import { startOpsFixture, source, type OpsFixture } from './helpers.js';
import { cli } from './spawn.js';
import { startWorkers } from '../../src/runtime/workers.js';
import { buildAdapters, fetcherFactory } from '../../src/ingest/wiring.js';
import { parseConfig } from '../../src/config.js';
import { waitFor } from '../helpers/runtime.js';

/**
 * Runs never block their source for good: a run left queued or running without a live job is
 * failed by the reaper, operators cancel runs (API, CLI, console), and a job whose run ended
 * writes nothing. Operators may also let one run shrink a source (`allowShrink`), audited.
 */
describe('run controls: allow-shrink, cancel and the lost-run reaper', () => {
  let f: OpsFixture;
  const ids = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
  const sql = () => f.tdb.db.$client;
  const op = async (method: string, path: string, body?: unknown) => {
    const res = await f.app.request(path, {
      method,
      headers: { authorization: `Bearer ${f.operatorKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const runOf = async (id: number) => (await sql()<{ status: string; error: string | null }[]>`select status, error from ingest_runs where id = ${id}`)[0]!;
  const insertRun = async (sourceId: string, status: 'queued' | 'running', queuedAgoMs: number) =>
    Number(
      (
        await sql()<{ id: string }[]>`
    insert into ingest_runs (source_id, status, trigger, queued_at, started_at)
    values (${sourceId}, ${status}, 'manual', now() - ${`${queuedAgoMs} milliseconds`}::interval,
      ${status === 'running' ? sql()`now() - ${`${queuedAgoMs} milliseconds`}::interval` : null})
    returning id`
      )[0]!.id,
    );

  beforeAll(async () => {
    f = await startOpsFixture(
      'run_controls',
      ids.map((id) => source(id)),
    );
  });
  afterAll(async () => {
    await f?.close();
  });

  it('queues a run that may shrink its source, and audits that it may', async () => {
    expect((await op('POST', '/v1/ops/sources/alpha/runs', { allowShrink: 'yes' })).status).toBe(400);
    const r = await op('POST', '/v1/ops/sources/alpha/runs', { allowShrink: true });
    expect(r.status).toBe(202);
    const job = await f.queues.ingest.getJob(`run-${r.json.runId}`);
    expect(job!.data).toMatchObject({ sourceId: 'alpha', runId: r.json.runId, allowShrink: true });
    const [audit] = await sql()<{ action: string; details: Record<string, unknown> }[]>`select action, details from audit_log where action = 'source.run'`;
    expect(audit!.details).toMatchObject({ runId: r.json.runId, allowShrink: true });
  });

  it('cancels a queued run: it ends at once, its job goes, the source can run again; audited', async () => {
    const { json: queued } = await op('POST', '/v1/ops/sources/bravo/runs');
    const runId = queued.runId as number;
    const page = await (await f.app.request(`/ops/runs/${runId}`, { headers: { authorization: `Bearer ${f.operatorKey}` } })).text();
    expect(page).toContain(`action="/ops/runs/${runId}/cancel"`);
    const cancelled = await op('POST', `/v1/ops/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      id: runId,
      sourceId: 'bravo',
      status: 'cancelled',
      error: expect.stringMatching(/^cancelled by key:\d+:ops-test$/),
    });
    expect(await f.queues.ingest.getJob(`run-${runId}`)).toBeUndefined();
    expect((await op('POST', `/v1/ops/runs/${runId}/cancel`)).status).toBe(409);
    const again = await op('POST', '/v1/ops/sources/bravo/runs');
    expect(again.json).toMatchObject({ existing: false });
    expect(again.json.runId).not.toBe(runId);
    expect(await sql()<{ action: string; target: string }[]>`select action, target from audit_log where action = 'run.cancel'`).toEqual([
      { action: 'run.cancel', target: String(runId) },
    ]);

    // From the terminal too.
    const env = testEnv({ databaseUrl: f.tdb.url, backend: 'redis', name: 'run_controls' });
    const byCli = await cli(['runs', 'cancel', String(again.json.runId)], env);
    expect(byCli.code, byCli.out).toBe(0);
    expect(byCli.out).toContain(`run ${again.json.runId} of bravo: cancelled`);
    expect(await runOf(again.json.runId as number)).toEqual({ status: 'cancelled', error: 'cancelled by cli' });
    expect(await sql()<{ actor: string; target: string }[]>`select actor, target from audit_log where action = 'run.cancel' order by id`).toEqual([
      { actor: expect.stringMatching(/^key:\d+:ops-test$/), target: String(runId) },
      { actor: 'cli', target: String(again.json.runId) },
    ]);
  });

  it('the console cancels a run with its session and CSRF token', async () => {
    const { json } = await op('POST', '/v1/ops/sources/delta/runs');
    const signin = await f.app.request('http://localhost/ops/signin', { method: 'POST', body: new URLSearchParams({ key: f.operatorKey }) });
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await f.app.request(`/ops/runs/${json.runId}`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await f.app.request(`/ops/runs/${json.runId}/cancel`, {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(res.status).toBe(303);
    expect(await runOf(json.runId as number)).toEqual({ status: 'cancelled', error: expect.stringMatching(/^cancelled by key:\d+:ops-test$/) });
    expect(await sql()<{ actor: string }[]>`select actor from audit_log where action = 'run.cancel' and target = ${String(json.runId)}`).toEqual([
      { actor: expect.stringMatching(/^key:\d+:ops-test$/) },
    ]);
  });

  it('a job whose run was cancelled or reaped writes nothing', async () => {
    const runId = await insertRun('charlie', 'running', 0);
    await sql()`update ingest_runs set status = 'cancelled', error = 'cancelled by cli', finished_at = now() where id = ${runId}`;
    const deps = {
      db: f.tdb.db,
      newFetcher: () => {
        throw new Error('must not fetch');
      },
      adapters: new Map(),
      log: createLogger('silent'),
    };
    await expect(runIngest(deps, { sourceId: 'charlie', runId, trigger: 'manual', final: true })).rejects.toThrow(
      /run \d+ is cancelled \(cancelled by cli\); this attempt stops and writes nothing/,
    );
    await expect(
      writeBatch(sql(), {
        sourceId: 'charlie',
        runId,
        fetchedAt: new Date(),
        documents: [],
        batch: {
          parsed: 1,
          rejects: [],
          careers: [{ onetCode: null, slug: 'c', title: 'C', description: '', category: 'T', origin: 'career-page', aliases: [] }],
          facts: [],
        },
      }),
    ).rejects.toBeInstanceOf(RunEndedError);
    expect(await runOf(runId)).toEqual({ status: 'cancelled', error: 'cancelled by cli' });
    expect((await sql()`select count(*)::int as n from careers`)[0]).toEqual({ n: 0 });
  });

  it('the reaper fails runs with no live job or running too long, and leaves live and just-queued runs alone', async () => {
    await sql()`update ingest_runs set status = 'cancelled', finished_at = now() where status in ('queued', 'running')`;
    await f.queues.ingest.obliterate({ force: true });
    const lostQueued = await insertRun('alpha', 'queued', 10 * 60_000); // enqueue failed, or job removed
    const justQueued = await insertRun('bravo', 'queued', 0); // its job is being added now
    const stalled = await insertRun('charlie', 'running', 3 * 3600_000);
    await f.queues.ingest.add('ingest-source', { sourceId: 'charlie', runId: stalled, trigger: 'manual' }, { jobId: `run-${stalled}` });
    const live = await insertRun('delta', 'queued', 10 * 60_000);
    await f.queues.ingest.add('ingest-source', { sourceId: 'delta', runId: live, trigger: 'manual' }, { jobId: `run-${live}` });
    // A scheduled tick's run names its own job: one that finished without closing the run is lost.
    const tick = await insertRun('echo', 'running', 10 * 60_000);
    const tickJob = await f.queues.ingest.add('ingest-source', { sourceId: 'echo', trigger: 'schedule' }, { jobId: 'repeat-echo-1' });
    await tickJob.remove();
    await sql()`update ingest_runs set job_id = 'repeat-echo-1' where id = ${tick}`;

    const deps = { db: f.tdb.db, queues: f.queues, log: createLogger('silent') };
    const reaped = await reapLostRuns(deps, { runTimeoutMs: 3600_000, graceMs: 120_000 });
    expect(reaped.map((r) => r.id).sort((a, b) => a - b)).toEqual([lostQueued, stalled, tick].sort((a, b) => a - b));
    expect(await runOf(lostQueued)).toEqual({ status: 'failed', error: expect.stringMatching(/^lost: its job run-\d+ is not in the queue/) });
    expect(await runOf(stalled)).toEqual({ status: 'failed', error: expect.stringMatching(/^stalled: running for more than RUN_TIMEOUT_MS \(60 min\)/) });
    expect(await runOf(tick)).toEqual({ status: 'failed', error: expect.stringMatching(/^lost: its job repeat-echo-1 is not in the queue/) });
    expect((await runOf(justQueued)).status).toBe('queued');
    expect((await runOf(live)).status).toBe('queued');
    // A second pass (another scheduler) changes nothing; the source runs again.
    expect(await reapLostRuns(deps, { runTimeoutMs: 3600_000, graceMs: 120_000 })).toEqual([]);
    expect(await requestRun(f.tdb.db, f.queues, 'alpha')).toMatchObject({ existing: false });
  });

  it('a scheduled tick retried after its worker died before binding the run continues that run instead of skipping', async () => {
    await sql()`update ingest_runs set status = 'cancelled', finished_at = now() where status in ('queued', 'running')`;
    await f.queues.ingest.obliterate({ force: true });
    // The first attempt created the run for its job, then died before keeping the run id in the job.
    const runId = await insertRun('echo', 'queued', 0);
    await sql()`update ingest_runs set trigger = 'schedule', job_id = 'tick-echo-1' where id = ${runId}`;
    await f.queues.ingest.add('ingest-source', { sourceId: 'echo', trigger: 'schedule' }, { jobId: 'tick-echo-1', attempts: 1 });
    // Loopback is not an allowed source host here: the run ends at once with a permanent, visible error.
    const config = parseConfig({ FETCH_RETRIES: '0', LOG_LEVEL: 'silent' });
    const workers = startWorkers({
      kit: f.kit,
      db: f.tdb.db,
      queues: f.queues,
      log: createLogger('silent'),
      newFetcher: fetcherFactory(config),
      adapters: buildAdapters(),
      concurrency: 1,
    });
    try {
      const run = await waitFor(
        'the tick to run its run',
        async () => {
          const r = await runOf(runId);
          return r.status === 'failed' ? r : undefined;
        },
        120_000,
        100,
      );
      expect(run.error).toMatch(/127\.0\.0\.1/);
      expect(
        (await sql()<{ n: number }[]>`select count(*)::int as n from ingest_runs where source_id = 'echo' and status in ('queued', 'running')`)[0]!.n,
      ).toBe(0);
    } finally {
      await workers.close(500);
    }
  });
});
