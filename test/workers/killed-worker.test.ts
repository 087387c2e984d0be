import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testEnv, waitFor, type Backend } from '../helpers/runtime.js';
import { spawnCli, type CliProcess } from '../helpers/process.js';
import { parseConfig } from '../../src/config.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { openQueues, enqueueCareersChanged, type Queues } from '../../src/queue/queues.js';
import { comparePair, loadPairSides } from '../../src/workers/recompute-pairs.js';

const CAREERS = 700;

/**
 * The event flow on each queue backend with a worker killed mid-batch: `careers-changed` for
 * 700 careers → metrics → 244,650 pairs as a flow of child jobs; the only worker is SIGKILLed
 * while a child is half written, a second worker takes the stalled child over after the stall
 * interval, and every pair ends present once with the version its inputs give, no mark left.
 */
describe.each<Backend>(['redis', 'postgres'])('a worker killed mid-batch on the %s backend', (backend) => {
  let tdb: TestDatabase;
  let kit: QueueKit;
  let queues: Queues;
  const procs: CliProcess[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const sql = tdb.db.$client;
    await sql`insert into careers (slug, title, category, origin)
      select 'career-' || i, 'Career ' || i, (array['AI Engineering', 'Healthcare', 'Education'])[1 + i % 3], 'career-page'
      from generate_series(1, ${CAREERS}) i`;
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await queues?.close();
    await kit?.close();
    await tdb?.drop();
  });

  it('loses nothing and duplicates nothing', async () => {
    // Children of about 45,000 pairs are written in 3 chunks of whole rows (20,000+ pairs each), so
    // a child stays active with some chunks done long enough to be caught and killed there.
    const env = testEnv({
      databaseUrl: tdb.url,
      backend,
      name: `killed_${backend}`,
      extra: {
        PAIRS_PER_JOB: '45000',
        WORKER_LOCK_DURATION_MS: '2000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        RUN_NEVER_SUCCEEDED_ON_START: 'false',
        LOG_LEVEL: 'info',
      },
    });
    const config = parseConfig(env);
    kit = createQueueKit(
      config.REDIS_URL
        ? { kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }
        : { kind: 'postgres', url: tdb.url, schema: `bullmq_${config.QUEUE_PREFIX}` },
    );
    queues = openQueues(kit);
    const sql = tdb.db.$client;
    const first = spawnCli(['worker'], env);
    procs.push(first);
    await waitFor('the first worker to start', async () => first.output().includes('CareerLens started'), 30_000);
    const ids = (await sql<{ id: number }[]>`select id from careers order by id`).map((r) => r.id);
    await sql`insert into dirty_careers (career_id, stage) select id, 'metrics' from careers on conflict do nothing`;
    await enqueueCareersChanged(queues, { careerIds: ids }, 'killed-test');

    // Kill it while a child is active and some of its pairs are already written.
    await waitFor(
      'a pairs-range child to be half done',
      async () => {
        const active = await queues.comparisons.getJobs(['active']);
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from comparisons`;
        return active.some((j) => j.name === 'pairs-range' && typeof j.progress === 'object' && (j.progress as { done?: number }).done) && row!.n > 0;
      },
      60_000,
      20,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const [{ n: atKill }] = (await sql<{ n: number }[]>`select count(*)::int as n from comparisons`) as unknown as [{ n: number }];

    const second = spawnCli(['worker'], env);
    procs.push(second);
    const total = (CAREERS * (CAREERS - 1)) / 2;
    await waitFor(
      'every pair and no mark left',
      async () => {
        const [r] = await sql<{ p: number; d: number }[]>`select (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`;
        return r!.p === total && r!.d === 0;
      },
      90_000,
      250,
    );
    expect(atKill).toBeLessThan(total);

    const sides = await loadPairSides(sql);
    const stored = await sql<{ a_id: number; b_id: number; version: string }[]>`select a_id, b_id, version from comparisons`;
    const byKey = new Map(stored.map((r) => [`${r.a_id}:${r.b_id}`, r.version]));
    expect(byKey.size).toBe(total);
    let wrong = 0;
    for (let i = 0; i < sides.length; i++) {
      for (let j = i + 1; j < sides.length; j++) {
        if (byKey.get(`${sides[i]!.id}:${sides[j]!.id}`) !== comparePair(sides[i]!, sides[j]!).version) wrong++;
      }
    }
    expect(wrong).toBe(0);
    await waitFor(
      'the flow to finish',
      async () => {
        const c = await queues.comparisons.getJobCounts('active', 'waiting', 'waiting-children', 'delayed', 'failed');
        return (c.active ?? 0) + (c.waiting ?? 0) + (c['waiting-children'] ?? 0) + (c.delayed ?? 0) === 0 && c;
      },
      30_000,
    );
    expect((await queues.comparisons.getJobCounts('failed')).failed).toBe(0);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 150_000);
});
