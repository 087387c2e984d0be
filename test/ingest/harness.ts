/**
 * Runs ingests the way a worker does (fetcher → adapter → writer → Postgres) against a fresh
 * database and a local HTTP server serving ../shared/data and test/fixtures.
 */
import { parseConfig } from '../../src/config.js';
import { syncSources } from '../../src/db/queries/sources.js';
import type { SourceDefinition } from '../../src/ingest/catalog.js';
import { runIngest, type IngestDeps, type IngestOutcome } from '../../src/ingest/run-ingest.js';
import { buildAdapters, fetcherFactory } from '../../src/ingest/wiring.js';
import { createLogger } from '../../src/log.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';

export interface IngestHarness {
  tdb: TestDatabase;
  server: StaticServer;
  deps: IngestDeps;
  /** Adds or replaces a source definition (every source added so far stays configured). */
  define(def: Pick<SourceDefinition, 'id' | 'kind' | 'url'> & { options?: Record<string, unknown> }): Promise<void>;
  /** One manual, final run; a failed run resolves with status 'failed' and its error instead of throwing. */
  run(sourceId: string): Promise<IngestOutcome>;
  close(): Promise<void>;
}

export async function startIngestHarness(env: Record<string, string> = {}): Promise<IngestHarness> {
  const tdb = await createTestDatabase();
  const server = await startStaticServer();
  const config = parseConfig({
    PRIVATE_SOURCE_HOSTS: '127.0.0.1',
    FETCH_HOST_DELAY_MS: '0',
    FETCH_BACKOFF_MS: '20',
    FETCH_RETRIES: '2',
    FETCH_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const deps: IngestDeps = { db: tdb.db, newFetcher: fetcherFactory(config), adapters: buildAdapters(), log: createLogger('silent') };
  const defs = new Map<string, SourceDefinition>();
  return {
    tdb,
    server,
    deps,
    async define(def) {
      defs.set(def.id, { schedule: { cron: '0 3 * * 1', tz: 'UTC' }, enabled: true, options: {}, ...def });
      await syncSources(tdb.db, [...defs.values()]);
    },
    async run(sourceId) {
      try {
        return await runIngest(deps, { sourceId, trigger: 'manual', final: true });
      } catch (err) {
        const sql = tdb.db.$client;
        const [row] = await sql<{ id: number; status: string }[]>`select id, status from ingest_runs where source_id = ${sourceId} order by id desc limit 1`;
        return { runId: row?.id ?? -1, status: 'failed', stats: {}, changedCareerIds: [], careersWritten: 0, error: (err as Error).message };
      }
    },
    async close() {
      await server.close();
      await tdb.drop();
    },
  };
}

/** `count(*)` of a query, as a number. */
export async function countOf(h: IngestHarness, query: Promise<{ n: number }[]>): Promise<number> {
  void h;
  return (await query)[0]!.n;
}

/** The value of one fact of a career (by O*NET code or slug). */
export async function factOf<T>(h: IngestHarness, career: string, key: string, period?: string): Promise<T | undefined> {
  const sql = h.tdb.db.$client;
  const rows = await sql<{ value: T }[]>`
    select f.value from facts f join careers c on c.id = f.career_id
    where (c.onet_code = ${career} or c.slug = ${career}) and f.key = ${key} and (${period ?? null}::text is null or f.period = ${period ?? null})
    order by f.period`;
  return rows[0]?.value;
}

/** Slugs or O*NET codes of careers by id, sorted. */
export async function codesOf(h: IngestHarness, ids: number[]): Promise<string[]> {
  const sql = h.tdb.db.$client;
  const rows = await sql<{ code: string }[]>`select coalesce(onet_code, slug) as code from careers where id = any(${ids}::int[]) order by 1`;
  return rows.map((r) => r.code);
}
