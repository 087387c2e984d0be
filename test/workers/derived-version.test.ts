import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DERIVED_VERSION } from '../../src/core/derived-version.js';
import { storedDerivedVersion } from '../../src/db/queries/app-state.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { recomputeIfDerivedByOtherCode } from '../../src/queue/derived-version.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/workers.js';
import { recomputeDirtyMetrics } from '../../src/workers/recompute-metrics.js';
import { recomputeDirtyPairs } from '../../src/workers/recompute-pairs.js';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/runtime.js';

const CAREERS = 8;

/**
 * After an upgrade, the stored metrics and comparisons were derived by the replaced code: the
 * scheduler's start queues one full recompute, audited, once however many schedulers start.
 */
describe('a scheduler starting with new derivation code', () => {
  let tdb: TestDatabase;
  let kit: QueueKit;
  let queues: Queues;
  let workers: RunningWorkers | undefined;
  const sql = () => tdb.db.$client;
  const log = createLogger('silent');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await sql()`insert into careers (slug, title, category, origin)
      select 'career-' || i, 'Career ' || i, 'Healthcare', 'career-page' from generate_series(1, ${CAREERS}) i`;
    await sql()`insert into dirty_careers (career_id, stage) select id, 'metrics' from careers`;
    await recomputeDirtyMetrics(sql());
    await recomputeDirtyPairs(sql());
    kit = createQueueKit({ kind: 'redis', url: inject('redisUrl'), prefix: testQueuePrefix('derived') });
    queues = openQueues(kit);
  });
  afterAll(async () => {
    await workers?.close(1_000);
    for (const q of [queues?.ingest, queues?.careers, queues?.comparisons]) await q?.obliterate({ force: true }).catch(() => {});
    await queues?.close();
    await kit?.close();
    await tdb?.drop();
  });

  it('a database migrated before it held careers has no version: a start records this code’s and queues nothing', async () => {
    expect(await storedDerivedVersion(tdb.db)).toBeNull();
    expect(await recomputeIfDerivedByOtherCode(tdb.db, queues, log)).toBeNull();
    expect(await storedDerivedVersion(tdb.db)).toBe(DERIVED_VERSION);
    expect(await recomputeIfDerivedByOtherCode(tdb.db, queues, log)).toBeNull();
    expect(await queues.careers.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('data derived by other code is recomputed in full once, audited, and the new version stored', { timeout: 300_000 }, async () => {
    await sql()`update app_state set value = 'unknown' where key = 'derived-version'`;
    const before = (await sql()<{ n: number }[]>`select count(*)::int as n from comparisons`)[0]!.n;
    expect(before).toBe((CAREERS * (CAREERS - 1)) / 2);
    // Two schedulers starting at once: one queues the recompute, the other finds the version stored.
    const [first, second] = await Promise.all([recomputeIfDerivedByOtherCode(tdb.db, queues, log), recomputeIfDerivedByOtherCode(tdb.db, queues, log)]);
    expect([first, second].sort()).toEqual(['unknown', null].sort());
    expect(await storedDerivedVersion(tdb.db)).toBe(DERIVED_VERSION);
    const waiting = await queues.careers.getWaiting();
    expect(waiting.map((j) => j?.name)).toEqual(['recompute-all']);
    const [audit] = await sql()<{ action: string; details: { reason: string; from: string; to: string } }[]>`
      select action, details from audit_log where action = 'recompute.all' order by id desc limit 1`;
    expect(audit).toEqual({ action: 'recompute.all', details: { reason: 'derived-version', from: 'unknown', to: DERIVED_VERSION } });

    workers = startWorkers({
      kit,
      db: tdb.db,
      queues,
      log,
      newFetcher: () => {
        throw new Error('no ingest here');
      },
      adapters: new Map(),
      concurrency: 1,
      lockDurationMs: 10_000,
      stalledIntervalMs: 10_000,
    });
    // The full recompute marks every career's pairs, and the pair job clears every mark.
    await waitFor(
      'the recompute of every pair',
      async () => {
        const done = (await queues.careers.getCompleted()).some((j) => j?.name === 'recompute-all');
        const [m] = await sql()<{ n: number }[]>`select count(*)::int as n from dirty_careers`;
        const c = await queues.comparisons.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
        return done && m!.n === 0 && Object.values(c).every((n) => (n ?? 0) === 0) && (await queues.comparisons.getCompleted()).length > 0;
      },
      240_000,
      200,
    );
    expect((await sql()<{ n: number }[]>`select count(*)::int as n from comparisons`)[0]!.n).toBe(before);
    // The next start finds its own version: nothing more is queued.
    expect(await recomputeIfDerivedByOtherCode(tdb.db, queues, log)).toBeNull();
    expect((await queues.careers.getJobCounts('waiting')).waiting).toBe(0);
  });
});
