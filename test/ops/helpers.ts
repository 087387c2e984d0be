import { inject } from 'vitest';
import { createApp } from '../../src/runtime/app.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { syncSources } from '../../src/db/queries/sources.js';
import { createApiKey } from '../../src/db/queries/keys.js';
import { registerSchedules } from '../../src/queue/schedules.js';
import type { SourceDefinition } from '../../src/ingest/catalog.js';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.js';

export interface OpsFixture {
  tdb: TestDatabase;
  kit: QueueKit;
  queues: Queues;
  app: ReturnType<typeof createApp>;
  operatorKey: string;
  clientKey: string;
  close(): Promise<void>;
}

/**
 * An app over a fresh database and its own queues (no workers: runs stay queued), with the given
 * sources registered and one operator and one client key.
 */
export async function startOpsFixture(name: string, defs: SourceDefinition[], backend: 'redis' | 'postgres' = 'redis'): Promise<OpsFixture> {
  const tdb = await createTestDatabase();
  const prefix = testQueuePrefix(name);
  const kit = createQueueKit(
    backend === 'redis' ? { kind: 'redis', url: inject('redisUrl'), prefix } : { kind: 'postgres', url: tdb.url, schema: `bullmq_${prefix}` },
  );
  const queues = openQueues(kit);
  const log = createLogger('silent');
  await syncSources(tdb.db, defs);
  await registerSchedules(tdb.db, queues, log);
  // Tests here send wrong and client keys on purpose, all from one address: the failed-auth limit is tested in test/api/limits.test.ts.
  const app = createApp({ db: tdb.db, kit, queues, log }, { watchChanges: false, authFailuresPerMinute: 100_000 });
  const operatorKey = (await createApiKey(tdb.db, { role: 'operator', name: 'ops-test' })).key;
  const clientKey = (await createApiKey(tdb.db, { role: 'client', name: 'client-test' })).key;
  return {
    tdb,
    kit,
    queues,
    app,
    operatorKey,
    clientKey,
    close: async () => {
      for (const q of [queues.ingest, queues.careers, queues.comparisons]) await q.obliterate({ force: true }).catch(() => {});
      await queues.close();
      await kit.close();
      await tdb.drop();
    },
  };
}

export const source = (id: string, extra: Partial<SourceDefinition> = {}): SourceDefinition => ({
  id,
  kind: 'onet-database',
  url: `http://127.0.0.1:9/${id}/`,
  schedule: { cron: '0 3 * * 1', tz: 'UTC' },
  options: {},
  enabled: true,
  ...extra,
});
