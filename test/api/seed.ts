import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { startTestRuntime, testEnv, waitFor, writeSourcesFile } from '../helpers/runtime.js';
import type { Runtime } from '../../src/runtime/start.js';

export interface Seeded {
  tdb: TestDatabase;
  /** The workers and scheduler that ingested the data (still running: they react to changes). */
  rt: Runtime;
  server: StaticServer;
  stop(): Promise<void>;
}

/**
 * A test database filled by the real pipeline: the O*NET source ingested over HTTP from the
 * shared data, metrics and every pair computed by the workers (Redis backend, the faster one).
 */
export async function seedRealData(name: string): Promise<Seeded> {
  const tdb = await createTestDatabase();
  const server = await startStaticServer();
  const sourcesFile = writeSourcesFile([{ id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/` }]);
  const rt = await startTestRuntime(testEnv({ databaseUrl: tdb.url, backend: 'redis', name, sourcesFile }), ['worker', 'scheduler']);
  const sql = tdb.db.$client;
  await waitFor('careers, metrics and every pair', async () => {
    const [r] = await sql<{ n: number; m: number; p: number; d: number }[]>`
      select (select count(*)::int from careers) as n, (select count(*)::int from career_metrics) as m,
        (select count(*)::int from comparisons) as p, (select count(*)::int from dirty_careers) as d`;
    return r && r.n > 0 && r.m === r.n && r.p === (r.n * (r.n - 1)) / 2 && r.d === 0;
  }, 120_000, 250);
  return {
    tdb, rt, server,
    async stop() {
      await rt.stop();
      await server.close();
      await tdb.drop();
    },
  };
}
