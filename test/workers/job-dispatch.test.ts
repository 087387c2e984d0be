import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.js';
import { waitFor, type Backend } from '../helpers/runtime.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { enqueueRecomputePairs, openQueues, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/workers.js';
import { recomputeDirtyMetrics } from '../../src/workers/recompute-metrics.js';

const CAREERS = 12;

/**
 * Each queue's jobs are dispatched by name with their payload schema, and `recompute-pairs`
 * jobs are deduplicated by id: a burst of events queues one, and one more is kept while one runs.
 */
describe.each<Backend>(['redis', 'postgres'])('job dispatch on the %s backend', (backend) => {
  let tdb: TestDatabase;
  let kit: QueueKit;
  let queues: Queues;
  let workers: RunningWorkers | undefined;
  const sql = () => tdb.db.$client;
  const idle = async () => {
    const c = await queues.comparisons.getJobCounts('active', 'waiting', 'waiting-children', 'delayed', 'prioritized');
    return Object.values(c).every((n) => (n ?? 0) === 0);
  };
  const completedRecomputes = async () => (await queues.comparisons.getCompleted()).filter((j) => j?.name === 'recompute-pairs').length;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await sql()`insert into careers (slug, title, category, origin)
      select 'career-' || i, 'Career ' || i, 'Healthcare', 'career-page' from generate_series(1, ${CAREERS}) i`;
    await sql()`insert into dirty_careers (career_id, stage) select id, 'metrics' from careers`;
    // The careers' metrics, which marks their pairs due.
    await recomputeDirtyMetrics(sql());
    const prefix = testQueuePrefix(`dispatch_${backend}`);
    kit = createQueueKit(
      backend === 'redis' ? { kind: 'redis', url: inject('redisUrl'), prefix } : { kind: 'postgres', url: tdb.url, schema: `bullmq_${prefix}` },
    );
    queues = openQueues(kit);
  });
  afterAll(async () => {
    await workers?.close(1_000);
    for (const q of [queues?.ingest, queues?.careers, queues?.comparisons]) await q?.obliterate({ force: true }).catch(() => {});
    await queues?.close();
    await kit?.close();
    await tdb?.drop();
  });

  it('queues one recompute-pairs for a burst of events while none runs', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueueRecomputePairs(queues, `event ${i}`));
    expect(new Set(ids).size).toBe(1);
    expect((await queues.comparisons.getWaiting()).filter((j) => j?.name === 'recompute-pairs')).toHaveLength(1);
  });

  it('keeps one more while one runs, runs it after, and leaves no mark', { timeout: 300_000 }, async () => {
    // The test holds the pair-planning lock: the waiting job starts and stays in its planning.
    const held = await sql().reserve();
    await held`select pg_advisory_lock(hashtext('careerlens:pairs-plan'))`;
    try {
      workers = startWorkers({
        kit,
        db: tdb.db,
        queues,
        log: createLogger('silent'),
        newFetcher: () => {
          throw new Error('no ingest here');
        },
        adapters: new Map(),
        concurrency: 1,
        lockDurationMs: 10_000,
        stalledIntervalMs: 10_000,
      });
      await waitFor('the recompute to start', async () => (await queues.comparisons.getJobCounts('active')).active === 1, 60_000, 100);
      for (let i = 0; i < 4; i++) await enqueueRecomputePairs(queues, `during ${i}`);
      const c = await queues.comparisons.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      expect(c.active).toBe(1);
      expect((c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0)).toBeLessThanOrEqual(1);
    } finally {
      await held`select pg_advisory_unlock(hashtext('careerlens:pairs-plan'))`;
      held.release();
    }
    await waitFor('both recomputes to finish', async () => (await idle()) && (await completedRecomputes()) >= 2, 240_000, 100);
    expect(await completedRecomputes()).toBe(2);
    const [left] = await sql()<{ marks: number; pairs: number }[]>`
      select (select count(*)::int from dirty_careers) as marks, (select count(*)::int from comparisons) as pairs`;
    expect(left).toEqual({ marks: 0, pairs: (CAREERS * (CAREERS - 1)) / 2 });
  });

  it('fails a job of an unknown name or with an invalid payload for good, without retries', { timeout: 120_000 }, async () => {
    const unknown = await queues.comparisons.add('recompute-everything', {});
    const invalid = await queues.comparisons.add('pairs-range', { fromId: 'one' });
    const failed = await waitFor(
      'both jobs to fail',
      async () => {
        const jobs = await Promise.all([queues.comparisons.getJob(unknown.id!), queues.comparisons.getJob(invalid.id!)]);
        return jobs.every((j) => j?.failedReason) ? jobs : undefined;
      },
      60_000,
      100,
    );
    expect(failed[0]!.failedReason).toMatch(/no such job on the comparisons queue/);
    expect(failed[1]!.failedReason).toMatch(/invalid payload/);
    for (const j of failed) expect(j!.attemptsMade).toBe(1);
  });
});
