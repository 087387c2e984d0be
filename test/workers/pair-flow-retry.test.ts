import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.js';
import { waitFor, type Backend } from '../helpers/runtime.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { enqueueCareersChanged, openQueues, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/workers.js';
import { comparePair, loadPairSides, type PairComputer } from '../../src/workers/recompute-pairs.js';
import { retryDeadJob } from '../../src/ops/jobs.js';

const CAREERS = 120;
const TOTAL = (CAREERS * (CAREERS - 1)) / 2;

/**
 * A pair recompute whose child fails for good fails its parent; the marks stay. An operator
 * retrying the failed parent must not clear them over pairs never written: the retry re-plans
 * the unfinished work, and the marks go only once every pair is written, each with its version.
 */
describe.each<Backend>(['redis', 'postgres'])('retrying a failed pair recompute on the %s backend', (backend) => {
  let tdb: TestDatabase;
  let kit: QueueKit;
  let queues: Queues;
  let workers: RunningWorkers;
  let failing = true;
  let failedOnce = false;
  const sql = () => tdb.db.$client;
  const counts = async () =>
    (
      await sql()<{ pairs: number; marks: number }[]>`
    select (select count(*)::int from comparisons) as pairs, (select count(*)::int from dirty_careers where stage = 'pairs') as marks`
    )[0]!;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await sql()`insert into careers (slug, title, category, origin)
      select 'career-' || i, 'Career ' || i, (array['AI Engineering', 'Healthcare', 'Education'])[1 + i % 3], 'career-page'
      from generate_series(1, ${CAREERS}) i`;
    const prefix = testQueuePrefix(`pair_retry_${backend}`);
    kit = createQueueKit(
      backend === 'redis' ? { kind: 'redis', url: inject('redisUrl'), prefix } : { kind: 'postgres', url: tdb.url, schema: `bullmq_${prefix}` },
    );
    queues = openQueues(kit);
    const firstId = (await sql()<{ id: number }[]>`select min(id)::int as id from careers`)[0]!.id;
    // One child (the first range: pairs whose lower side is the first career) fails for good while `failing` is set.
    const compute: PairComputer = (a, b) => {
      if (failing && a.id === firstId) {
        failedOnce = true;
        throw new UnrecoverableError('the comparison store refused the chunk');
      }
      return comparePair(a, b);
    };
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
      pairComputer: compute,
      pairsPerJob: 1_000,
      lockDurationMs: 5_000,
      stalledIntervalMs: 5_000,
    });
  });
  afterAll(async () => {
    await workers?.close(1_000);
    for (const q of [queues?.ingest, queues?.careers, queues?.comparisons]) await q?.obliterate({ force: true }).catch(() => {});
    await queues?.close();
    await kit?.close();
    await tdb?.drop();
  });

  it('re-plans the unfinished children and clears the marks only when every pair is written', { timeout: 600_000 }, async () => {
    await sql()`insert into dirty_careers (career_id, stage) select id, 'metrics' from careers on conflict do nothing`;
    await enqueueCareersChanged(queues, { careerIds: (await sql()<{ id: number }[]>`select id from careers`).map((r) => r.id) }, 'retry-test');
    const parent = await waitFor(
      "the flow's parent to fail with its child",
      async () => (await queues.comparisons.getFailed()).find((j) => j?.name === 'pairs-finish'),
      240_000,
      100,
    );
    expect(failedOnce).toBe(true);
    const atFailure = await counts();
    expect(atFailure.pairs).toBeLessThan(TOTAL);
    expect(atFailure.marks).toBe(CAREERS); // a failed flow clears nothing

    failing = false;
    const retried = await retryDeadJob({ db: tdb.db, queues }, { kind: 'cli' }, 'comparisons', parent.id!);
    expect(retried.ok).toBe(true);
    await waitFor(
      'the retried parent and what it planned to finish',
      async () => {
        const c = await queues.comparisons.getJobCounts('active', 'waiting', 'waiting-children', 'delayed', 'prioritized');
        const busy = Object.values(c).reduce((n, v) => n + (v ?? 0), 0);
        return busy === 0 && (await queues.comparisons.getJob(parent.id!))?.finishedOn && (await counts()).marks === 0;
      },
      240_000,
      100,
    );

    expect(await counts()).toEqual({ pairs: TOTAL, marks: 0 });
    const sides = await loadPairSides(sql());
    const stored = new Map(
      (await sql()<{ a_id: number; b_id: number; version: string }[]>`select a_id, b_id, version from comparisons`).map((r) => [
        `${r.a_id}:${r.b_id}`,
        r.version,
      ]),
    );
    let wrong = 0;
    for (let i = 0; i < sides.length; i++) {
      for (let j = i + 1; j < sides.length; j++) if (stored.get(`${sides[i]!.id}:${sides[j]!.id}`) !== comparePair(sides[i]!, sides[j]!).version) wrong++;
    }
    expect(wrong).toBe(0);
  });
});
