import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { parseConfig } from '../../src/config.js';
import { closeDb, openDb, type Db } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { getRun, syncSources } from '../../src/db/queries/sources.js';
import { runIngest } from '../../src/ingest/run-ingest.js';
import { buildAdapters, fetcherFactory } from '../../src/ingest/wiring.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { enqueueCareersChanged, openQueues, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/workers.js';
import { requestRun } from '../../src/queue/schedules.js';
import { startAlertWatcher } from '../../src/ops/alerts.js';
import { comparePair, loadPairSides } from '../../src/workers/recompute-pairs.js';
import { createTestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/runtime.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from './own-servers.js';

const CAREERS = 300;
const TOTAL = (CAREERS * (CAREERS - 1)) / 2;
const config = parseConfig({ PRIVATE_SOURCE_HOSTS: '127.0.0.1', FETCH_HOST_DELAY_MS: '0', FETCH_BACKOFF_MS: '20', FETCH_RETRIES: '2', LOG_LEVEL: 'silent' });

/** One database on the test's own PostgreSQL, with queues on its own Redis and workers in this process. */
interface Pipeline {
  url: string;
  db: Db;
  kit: QueueKit;
  queues: Queues;
  workers: RunningWorkers;
  close(): Promise<void>;
}

// Limits below only catch a hang: on a loaded 2-core machine this work has taken 5x its quiet time.
/**
 * The stores restarted in the middle of work: the system recovers with no manual step and ends
 * exactly where a clean run ends. PostgreSQL restarted during an ingest's write and during a
 * full pair recompute; Redis restarted during a pair recompute. The servers are this file's own.
 */
describe('PostgreSQL and Redis restarted mid-work', () => {
  let pg: OwnPostgres;
  let redis: OwnRedis;
  let server: StaticServer;
  const open: Pipeline[] = [];

  async function startPipeline(name: string, redisUrl = redis.url): Promise<Pipeline> {
    const url = await pg.createDatabase(name);
    await runMigrations(url);
    const db = openDb(url, { max: 6 });
    const kit = createQueueKit({ kind: 'redis', url: redisUrl, prefix: `faults_${name}` });
    const queues = openQueues(kit);
    const workers = startWorkers({
      kit,
      db,
      queues,
      log: createLogger('silent'),
      newFetcher: fetcherFactory(config),
      adapters: buildAdapters(),
      concurrency: 2,
      pairsPerJob: 4_000,
      lockDurationMs: 15_000,
      stalledIntervalMs: 5_000,
    });
    const p: Pipeline = {
      url,
      db,
      kit,
      queues,
      workers,
      close: async () => {
        await workers.close(500);
        await queues.close();
        await kit.close();
        await closeDb(db, 1);
      },
    };
    open.push(p);
    return p;
  }

  /** Holds `lockSql` in a transaction on its own connection until `release` (or until the server goes). */
  function hold(url: string, lockSql: string): { release(): void; done: Promise<unknown> } {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const done = sql
      .begin(async (tx) => {
        await tx.unsafe(lockSql);
        await released;
      })
      .catch(() => {})
      .finally(() => sql.end({ timeout: 1 }).catch(() => {}));
    return { release, done };
  }

  const waitingLocks = async (db: Db, where: string) =>
    (
      await db.$client.unsafe<{ n: number }[]>(
        `select count(*)::int as n from pg_locks l left join pg_class c on c.oid = l.relation where not l.granted and ${where}`,
      )
    )[0]!.n;

  /** A full recompute of CAREERS synthetic careers, with `fault` run while a range writer is blocked mid-flow. */
  async function recomputeThrough(p: Pipeline, fault: () => Promise<void>, releaseAfterFault: boolean): Promise<number> {
    const sql = p.db.$client;
    await sql`insert into careers (slug, title, category, origin)
      select 'career-' || i, 'Career ' || i, (array['AI Engineering', 'Healthcare', 'Education'])[1 + i % 3], 'career-page'
      from generate_series(1, ${CAREERS}) i`;
    await sql`insert into dirty_careers (career_id, stage) select id, 'metrics' from careers`;
    await enqueueCareersChanged(p.queues, { careerIds: (await sql<{ id: number }[]>`select id from careers`).map((r) => r.id) }, 'faults');
    await waitFor('the first pairs to be written', async () => (await sql<{ n: number }[]>`select count(*)::int as n from comparisons`)[0]!.n > 0, 300_000, 20);
    // Writers now wait on the table: the fault lands while a range is half done, whatever the machine's speed.
    const lock = hold(p.url, 'lock table comparisons in exclusive mode');
    await waitFor('a pair writer to wait on the lock', async () => (await waitingLocks(p.db, `c.relname = 'comparisons'`)) > 0, 300_000, 20);
    const [{ n: atFault }] = (await sql<{ n: number }[]>`select count(*)::int as n from comparisons`) as unknown as [{ n: number }];
    await fault();
    if (releaseAfterFault) lock.release();
    await lock.done;
    return atFault;
  }

  /**
   * The test's own reads after a fault: a client of its own (not the workers' pool, whose
   * sockets the restart closed), and a poll that a connection error of the restart only delays.
   */
  async function expectEveryPairRight(p: Pipeline): Promise<void> {
    const sql = postgres(p.url, { max: 1, onnotice: () => {} });
    try {
      await checkEveryPair(p, sql);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }

  async function checkEveryPair(p: Pipeline, sql: postgres.Sql): Promise<void> {
    await waitFor(
      'every pair written and no mark left',
      async () => {
        const r = await transient(
          sql<{ p: number; d: number }[]>`select (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`,
        );
        return r?.[0]?.p === TOTAL && r[0]?.d === 0;
      },
      300_000,
      200,
    );
    await waitFor(
      'the flow to finish',
      async () => {
        const c = await p.queues.comparisons.getJobCounts('active', 'waiting', 'waiting-children', 'delayed', 'prioritized');
        return Object.values(c).every((v) => !v);
      },
      120_000,
      100,
    );
    expect((await p.queues.comparisons.getJobCounts('failed')).failed).toBe(0);
    const sides = await loadPairSides(sql);
    const stored = new Map(
      (await sql<{ a_id: number; b_id: number; version: string }[]>`select a_id, b_id, version from comparisons`).map((r) => [
        `${r.a_id}:${r.b_id}`,
        r.version,
      ]),
    );
    expect(stored.size).toBe(TOTAL);
    let wrong = 0;
    for (let i = 0; i < sides.length; i++) {
      for (let j = i + 1; j < sides.length; j++) if (stored.get(`${sides[i]!.id}:${sides[j]!.id}`) !== comparePair(sides[i]!, sides[j]!).version) wrong++;
    }
    expect(wrong).toBe(0);
  }

  /** The query's rows, or undefined when the server was away (restarting, shutting down, refusing). */
  async function transient<T>(query: Promise<T>): Promise<T | undefined> {
    try {
      return await query;
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code.startsWith('57P') || code.startsWith('08') || code.startsWith('CONNECT') || code === 'ECONNREFUSED' || code === 'ECONNRESET') return undefined;
      throw err;
    }
  }

  /** Runs a step of the scenario; a failure names the step, since the driver's errors carry no stack of ours. */
  async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
    }
  }

  beforeAll(async () => {
    [pg, redis, server] = await Promise.all([startOwnPostgres(), startOwnRedis(), startStaticServer()]);
  }, 300_000);
  afterAll(async () => {
    for (const p of open) await p.close().catch(() => {});
    await Promise.all([pg?.stop(), redis?.stop(), server?.close()]);
  });

  it('PostgreSQL restarted during a full pair recompute: every pair ends written with its version', async () => {
    const p = await startPipeline('pg_pairs');
    const atFault = await step('recompute through a PostgreSQL restart', () =>
      recomputeThrough(p, () => step('restart PostgreSQL', () => pg.restart()), false),
    );
    expect(atFault).toBeLessThan(TOTAL);
    await step('check every pair', () => expectEveryPairRight(p));
    await p.close();
  }, 600_000);

  it('Redis restarted during a full pair recompute: every pair ends written with its version', async () => {
    const p = await startPipeline('redis_pairs');
    const atFault = await step('recompute through a Redis restart', () => recomputeThrough(p, () => step('restart Redis', () => redis.restart()), true));
    expect(atFault).toBeLessThan(TOTAL);
    await step('check every pair', () => expectEveryPairRight(p));
    await p.close();
  }, 600_000);

  it("Redis restarted without its data during a recompute: the scheduler's check queues the stranded work again", async () => {
    const volatile = await startOwnRedis({ persist: false });
    try {
      const p = await startPipeline('redis_lost', volatile.url);
      const stopWatcher = startAlertWatcher(
        { db: p.db, queues: p.queues, log: createLogger('silent') },
        {
          everyMs: 300,
          reaper: { runTimeoutMs: 3600_000, graceMs: 1_000 },
        },
      );
      try {
        const atFault = await step('recompute through a Redis restart without data', () =>
          recomputeThrough(p, () => step('restart Redis', () => volatile.restart()), true),
        );
        expect(atFault).toBeLessThan(TOTAL);
        await step('check every pair', () => expectEveryPairRight(p));
      } finally {
        await stopWatcher();
        await p.close();
      }
    } finally {
      await volatile.stop();
    }
  }, 600_000);

  it("PostgreSQL restarted while an O*NET ingest writes: the run retries and its facts equal a clean run's", async () => {
    const def = {
      id: 'onet',
      kind: 'onet-database' as const,
      url: `${server.url}/data/onet-29.2/`,
      schedule: { cron: '0 3 * * 1', tz: 'UTC' },
      options: {},
      enabled: true,
    };
    const p = await startPipeline('pg_ingest');
    await syncSources(p.db, [def]);
    // The writer's transaction starts with the source's advisory lock: holding it pins the restart inside the write.
    const lock = hold(p.url, `select pg_advisory_xact_lock(hashtext('ingest:onet'))`);
    const { runId } = await requestRun(p.db, p.queues, 'onet');
    await waitFor("the run's write to wait on the lock", async () => (await waitingLocks(p.db, `l.locktype = 'advisory'`)) > 0, 300_000, 50);
    await step('restart PostgreSQL', () => pg.restart());
    await lock.done;
    const run = await waitFor(
      'the run to succeed on a retry',
      async () => {
        const r = await getRun(p.db, runId).catch(() => undefined);
        return r && r.status !== 'queued' && r.status !== 'running' ? r : undefined;
      },
      300_000,
      200,
    );
    expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: null });
    expect((await p.queues.ingest.getJob(`run-${runId}`))!.attemptsMade).toBeGreaterThanOrEqual(1);
    await p.close();

    // The same ingest, clean, into a fresh database on the shared server.
    const clean = await createTestDatabase();
    try {
      await syncSources(clean.db, [def]);
      const cleanRun = await runIngest(
        { db: clean.db, newFetcher: fetcherFactory(config), adapters: buildAdapters(), log: createLogger('silent') },
        { sourceId: 'onet', trigger: 'manual', final: true },
      );
      expect(cleanRun.status).toBe('succeeded');
      const digest = async (sql: postgres.Sql) =>
        (
          await sql<{ careers: number; facts: number; aliases: number; digest: string }[]>`
        select (select count(*)::int from careers) as careers, (select count(*)::int from facts) as facts, (select count(*)::int from career_aliases) as aliases,
          md5(string_agg(coalesce(c.onet_code, c.slug) || '|' || f.key || '|' || f.period || '|' || f.hash, ',' order by c.onet_code, c.slug, f.key, f.period)) as digest
        from facts f join careers c on c.id = f.career_id`
        )[0]!;
      const faulted = openDb(p.url, { max: 1 });
      try {
        const want = await digest(clean.db.$client);
        expect(want.facts).toBeGreaterThan(3_000);
        expect(await digest(faulted.$client)).toEqual(want);
      } finally {
        await closeDb(faulted, 1);
      }
    } finally {
      await clean.drop();
    }
  }, 600_000);
});
