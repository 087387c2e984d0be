import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { testEnv, waitFor } from '../helpers/runtime.js';
import { spawnCli, type CliProcess } from '../helpers/process.js';
import { syncSources } from '../../src/db/queries/sources.js';
import { createQueueKit } from '../../src/queue/backend.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { requestRun } from '../../src/queue/schedules.js';
import { parseConfig } from '../../src/config.js';

const SOURCES = 6;
const DELAY_MS = 1_500;

/**
 * Two `careerlens worker` processes share the ingest queue, and one stopped with SIGTERM in the
 * middle of a job finishes it before exiting: every run completes exactly once.
 */
describe('worker processes', () => {
  let tdb: TestDatabase;
  let server: StaticServer;
  let queues: Queues;
  let close: () => Promise<void>;
  const workers: CliProcess[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startStaticServer();
    // Every document answers after a delay, so jobs are long enough to be caught mid-flight.
    server.override(async (req) => {
      if (req.url?.startsWith('/slow/')) {
        await new Promise((r) => setTimeout(r, DELAY_MS));
        req.url = req.url.slice('/slow'.length);
      }
      return false;
    });
    await syncSources(
      tdb.db,
      Array.from({ length: SOURCES }, (_, i) => ({
        id: `exposure-${i}`,
        kind: 'ai-exposure' as const,
        enabled: true,
        url: `${server.url}/slow/data/gpts-are-gpts-ai-exposure/occ_level.csv`,
        schedule: { cron: '0 3 1 1 *', tz: 'UTC' },
        options: { method: 'gpts-are-gpts' },
      })),
    );
    const env = testEnv({ databaseUrl: tdb.url, backend: 'redis', name: 'worker_procs', extra: { WORKER_CONCURRENCY: '1', LOG_LEVEL: 'info' } });
    const config = parseConfig(env);
    const kit = createQueueKit({ kind: 'redis', url: config.REDIS_URL!, prefix: config.QUEUE_PREFIX });
    queues = openQueues(kit);
    close = async () => {
      await queues.close();
      await kit.close();
    };
    workers.push(spawnCli(['worker'], env), spawnCli(['worker'], env));
    await waitFor('both workers to start', async () => workers.every((w) => w.output().includes('CareerLens started')), 30_000);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await close?.();
    await server?.close();
    await tdb?.drop();
  });

  it('shares the work and loses no job when one worker is stopped mid-job', async () => {
    for (let i = 0; i < SOURCES; i++) await requestRun(tdb.db, queues, `exposure-${i}`);
    const sql = tdb.db.$client;
    // Stop the first worker while it is in the middle of a run.
    await waitFor(
      'the first worker to be running a job',
      async () => {
        const rows = await sql<{ worker: string }[]>`select worker from ingest_runs where status = 'running'`;
        return rows.some((r) => r.worker.endsWith(`:${workers[0]!.child.pid}`));
      },
      30_000,
      50,
    );
    workers[0]!.child.kill('SIGTERM');
    expect(await workers[0]!.exited).toBe(0);

    const runs = await waitFor(
      'every run to finish',
      async () => {
        const rows = await sql<{ id: number; status: string; worker: string; source_id: string }[]>`
        select id, status, worker, source_id, error from ingest_runs order by id`;
        return rows.every((r) => r.status !== 'queued' && r.status !== 'running') && rows;
      },
      60_000,
      200,
    );
    expect(runs).toHaveLength(SOURCES);
    expect(runs.filter((r) => r.status !== 'succeeded' && r.status !== 'unchanged')).toEqual([]);
    const byWorker = new Set(runs.map((r) => r.worker.split(':')[1]));
    expect(byWorker).toEqual(new Set([String(workers[0]!.child.pid), String(workers[1]!.child.pid)]));
    const jobs = await queues.ingest.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
    expect(jobs).toMatchObject({ completed: SOURCES, failed: 0, active: 0, waiting: 0, delayed: 0 });
  });
});
