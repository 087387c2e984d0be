import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsFixture, source, type OpsFixture } from './helpers.js';

type Call = { method: string; path: string; body?: unknown };
const endpoints: Call[] = [
  { method: 'GET', path: '/v1/ops/sources' },
  { method: 'PUT', path: '/v1/ops/sources/onet/schedule', body: { cron: '0 4 * * *', tz: 'UTC' } },
  { method: 'POST', path: '/v1/ops/sources/onet/pause' },
  { method: 'POST', path: '/v1/ops/sources/onet/resume' },
  { method: 'POST', path: '/v1/ops/sources/onet/runs' },
  { method: 'GET', path: '/v1/ops/runs' },
  { method: 'GET', path: '/v1/ops/runs/1' },
  { method: 'POST', path: '/v1/ops/runs/1/retry' },
  { method: 'POST', path: '/v1/ops/recompute', body: {} },
  { method: 'GET', path: '/v1/ops/alerts' },
  { method: 'GET', path: '/v1/ops/audit' },
];

describe('operator API', () => {
  let f: OpsFixture;
  const call = async (c: Call, key?: string, raw?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    const res = await f.app.request(c.path, { method: c.method, headers, body: raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  };
  const op = (c: Call, raw?: string) => call(c, f.operatorKey, raw);

  beforeAll(async () => {
    f = await startOpsFixture('ops_api', [source('onet'), source('other', { schedule: { everyMs: 3_600_000 } })]);
  });
  afterAll(async () => {
    await f?.close();
  });

  it.each(endpoints)('$method $path refuses a missing key (401), a wrong key and a client key (403)', async (c) => {
    const none = await call(c);
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await call(c, 'clk_op_not-a-real-key');
    const client = await call(c, f.clientKey);
    const garbage = await call(c, '');
    for (const r of [wrong, client]) {
      expect(r.status).toBe(403);
      expect(r.type).toContain('application/problem+json');
      expect(r.json).toMatchObject({ status: 403, type: 'https://careerlens.dev/problems/forbidden' });
      expect(r.text).not.toContain(f.clientKey);
    }
    // The same answer whether the key is unknown or merely lacks the role: nothing leaks.
    expect(wrong.json.detail).toBe(client.json.detail);
    expect([401, 403]).toContain(garbage.status);
  });

  it('lists sources with schedule, last run, next run and freshness', async () => {
    const r = await op({ method: 'GET', path: '/v1/ops/sources' });
    expect(r.status).toBe(200);
    const onet = r.json.items.find((s: { id: string }) => s.id === 'onet');
    expect(onet).toMatchObject({
      id: 'onet',
      enabled: true,
      schedule: { cron: '0 3 * * 1', tz: 'UTC' },
      scheduleSetBy: 'config',
      lastRun: null,
      freshness: { state: 'pending', intervalMs: 7 * 24 * 3600_000 },
    });
    expect(new Date(onet.nextRunAt).getUTCDay()).toBe(1);
    expect(new Date(onet.nextRunAt).getUTCHours()).toBe(3);
  });

  it('sets a schedule, moving the next run at once, and refuses bad schedules', async () => {
    const path = '/v1/ops/sources/onet/schedule';
    const ok = await op({ method: 'PUT', path, body: { cron: '30 6 * * *', tz: 'Asia/Tokyo' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ schedule: { cron: '30 6 * * *', tz: 'Asia/Tokyo' }, scheduleSetBy: 'operator' });
    const next = new Date(ok.json.nextRunAt);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([21, 30]);
    const sched = await f.queues.ingest.getJobScheduler('source-onet');
    expect(sched).toMatchObject({ pattern: '30 6 * * *', tz: 'Asia/Tokyo' });

    const badCron = await op({ method: 'PUT', path, body: { cron: '99 * * * *', tz: 'UTC' } });
    expect(badCron.status).toBe(400);
    expect(badCron.type).toContain('application/problem+json');
    expect(badCron.json.detail).toMatch(/invalid cron expression "99 \* \* \* \*"/);
    const badTz = await op({ method: 'PUT', path, body: { cron: '0 3 * * 1', tz: 'Moon/Crater' } });
    expect(badTz.status).toBe(400);
    expect(badTz.json.detail).toMatch(/unknown time zone "Moon\/Crater"/);
    expect((await op({ method: 'PUT', path, body: { everyMs: 10 } })).status).toBe(400);
    expect((await op({ method: 'PUT', path }, '{not json')).status).toBe(400);
    expect((await op({ method: 'PUT', path, body: {} })).status).toBe(400);
    const unknown = await op({ method: 'PUT', path: '/v1/ops/sources/nope/schedule', body: { everyMs: 60_000 } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toBe('no source "nope"');
    // The failed attempts left the schedule as it was.
    expect((await f.queues.ingest.getJobScheduler('source-onet'))?.pattern).toBe('30 6 * * *');
  });

  it('pauses and resumes a source: its job scheduler goes and comes back', async () => {
    const paused = await op({ method: 'POST', path: '/v1/ops/sources/onet/pause' });
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ enabled: false, nextRunAt: null });
    expect(await f.queues.ingest.getJobScheduler('source-onet')).toBeUndefined();
    const resumed = await op({ method: 'POST', path: '/v1/ops/sources/onet/resume' });
    expect(resumed.json).toMatchObject({ enabled: true });
    expect(resumed.json.nextRunAt).toBeTruthy();
    expect(await f.queues.ingest.getJobScheduler('source-onet')).toBeTruthy();
    expect((await op({ method: 'POST', path: '/v1/ops/sources/nope/pause' })).status).toBe(404);
    expect((await op({ method: 'POST', path: '/v1/ops/sources/nope/resume' })).status).toBe(404);
  });

  it('runs a source now (202 with the run id) and never queues a second concurrent run', async () => {
    const first = await op({ method: 'POST', path: '/v1/ops/sources/onet/runs' });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ existing: false });
    expect(first.headers.get('location')).toBe(`/v1/ops/runs/${first.json.runId}`);
    const [a, b] = await Promise.all([op({ method: 'POST', path: '/v1/ops/sources/onet/runs' }), op({ method: 'POST', path: '/v1/ops/sources/onet/runs' })]);
    expect([a.json.runId, b.json.runId]).toEqual([first.json.runId, first.json.runId]);
    expect(a.json.existing && b.json.existing).toBe(true);
    const job = await f.queues.ingest.getJob(`run-${first.json.runId}`);
    expect(job?.data).toMatchObject({ sourceId: 'onet', runId: first.json.runId, trigger: 'manual' });
    expect((await op({ method: 'POST', path: '/v1/ops/sources/nope/runs' })).status).toBe(404);
  });

  it('lists runs with filters and cursor pagination, and refuses bad filters', async () => {
    const sql = f.tdb.db.$client;
    await sql`insert into ingest_runs (source_id, status, trigger, stats, error, queued_at, finished_at) values
      ('other', 'succeeded', 'schedule', '{"inserted": 3}', null, now() - interval '3 hours', now() - interval '3 hours'),
      ('other', 'failed', 'schedule', ${JSON.stringify({ parsed: 2, rejected: 1, rejects: [{ line: 7, reason: 'no SOC code', file: 'Occupation Data.txt' }] })}::jsonb, 'HTTP 500 from http://127.0.0.1:9/other/', now() - interval '1 hour', now() - interval '1 hour')`;
    const all = await op({ method: 'GET', path: '/v1/ops/runs' });
    expect(all.json.items.length).toBe(3);
    const failed = await op({ method: 'GET', path: '/v1/ops/runs?status=failed' });
    expect(failed.json.items.map((r: { sourceId: string }) => r.sourceId)).toEqual(['other']);
    expect((await op({ method: 'GET', path: '/v1/ops/runs?source=onet&trigger=manual' })).json.items.length).toBe(1);
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    expect((await op({ method: 'GET', path: `/v1/ops/runs?source=other&since=${since}` })).json.items.length).toBe(1);
    const p1 = await op({ method: 'GET', path: '/v1/ops/runs?limit=2' });
    expect(p1.json.items.length).toBe(2);
    const p2 = await op({ method: 'GET', path: `/v1/ops/runs?limit=2&cursor=${p1.json.nextCursor}` });
    expect(p2.json.items.length).toBe(1);
    expect(p2.json.nextCursor).toBeNull();
    for (const bad of ['status=exploded', 'since=yesterday', 'limit=0', 'limit=1000', 'cursor=abc', 'trigger=cron', 'color=red']) {
      const r = await op({ method: 'GET', path: `/v1/ops/runs?${bad}` });
      expect(r.status, bad).toBe(400);
      expect(r.type).toContain('application/problem+json');
    }
  });

  it('shows a run with its stats, rejected rows (reasons, line numbers) and error', async () => {
    const failedId = (await op({ method: 'GET', path: '/v1/ops/runs?status=failed' })).json.items[0].id;
    const r = await op({ method: 'GET', path: `/v1/ops/runs/${failedId}` });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      id: failedId,
      sourceId: 'other',
      status: 'failed',
      error: 'HTTP 500 from http://127.0.0.1:9/other/',
      stats: { parsed: 2, rejected: 1 },
      rejects: [{ line: 7, reason: 'no SOC code', file: 'Occupation Data.txt' }],
    });
    expect((await op({ method: 'GET', path: '/v1/ops/runs/999999' })).status).toBe(404);
    expect((await op({ method: 'GET', path: '/v1/ops/runs/abc' })).status).toBe(400);
  });

  it('retries failed runs only', async () => {
    const runs = (await op({ method: 'GET', path: '/v1/ops/runs?source=other' })).json.items as { id: number; status: string }[];
    const failed = runs.find((r) => r.status === 'failed')!;
    const succeeded = runs.find((r) => r.status === 'succeeded')!;
    const retried = await op({ method: 'POST', path: `/v1/ops/runs/${failed.id}/retry` });
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ retryOf: failed.id, existing: false });
    const again = await op({ method: 'POST', path: `/v1/ops/runs/${failed.id}/retry` });
    expect(again.json).toMatchObject({ runId: retried.json.runId, existing: true });
    expect((await op({ method: 'GET', path: `/v1/ops/runs/${retried.json.runId}` })).json).toMatchObject({ trigger: 'retry', status: 'queued' });
    const notFailed = await op({ method: 'POST', path: `/v1/ops/runs/${succeeded.id}/retry` });
    expect(notFailed.status).toBe(409);
    expect(notFailed.json.detail).toMatch(/only failed runs can be retried/);
    expect((await op({ method: 'POST', path: '/v1/ops/runs/999999/retry' })).status).toBe(404);
    expect((await op({ method: 'POST', path: '/v1/ops/runs/x/retry' })).status).toBe(400);
  });

  it('queues recompute-all on the careers queue, and refuses bad bodies', async () => {
    const r = await op({ method: 'POST', path: '/v1/ops/recompute', body: { all: true } });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ queue: 'careers', scope: 'all' });
    const job = await f.queues.careers.getJob(r.json.jobId);
    expect(job?.name).toBe('recompute-all');
    expect(job?.opts.removeOnComplete).toEqual({ age: 86_400, count: 1_000 });
    expect((await op({ method: 'POST', path: '/v1/ops/recompute', body: { career: 'no-such-career' } })).status).toBe(404);
    expect((await op({ method: 'POST', path: '/v1/ops/recompute', body: { all: true, career: 'x' } })).status).toBe(400);
    expect((await op({ method: 'POST', path: '/v1/ops/recompute', body: { everything: 1 } })).status).toBe(400);
    expect((await op({ method: 'POST', path: '/v1/ops/recompute' }, '[')).status).toBe(400);
  });

  it('records every change in the audit log with the key that made it', async () => {
    const r = await op({ method: 'GET', path: '/v1/ops/audit' });
    const actions = (r.json.items as { action: string; actor: string; target: string }[]).map((a) => `${a.action} ${a.target ?? ''}`.trim());
    expect(actions).toEqual(expect.arrayContaining(['source.schedule onet', 'source.pause onet', 'source.resume onet', 'source.run onet', 'recompute.all']));
    expect(actions.some((a) => a.startsWith('run.retry'))).toBe(true);
    expect(r.json.items.every((a: { actor: string }) => /^key:\d+:ops-test$/.test(a.actor))).toBe(true);
    // Refused requests changed nothing and were not audited as changes.
    expect(actions.filter((a) => a === 'source.schedule onet').length).toBe(1);
  });

  it("keeps a job scheduler's jobs under the queue retention defaults", async () => {
    const s = await f.queues.ingest.getJobScheduler('source-other');
    expect(s?.template?.opts).toMatchObject({ removeOnComplete: { age: 86_400, count: 1_000 }, removeOnFail: { age: 604_800, count: 5_000 }, attempts: 4 });
  });
});
