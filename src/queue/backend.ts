import { Queue, Worker, FlowProducer, createPostgresBackend, withBackend } from 'bullmq';
import type { Processor, QueueOptions, WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { userInfo } from 'node:os';

/** Where BullMQ keeps its jobs: Redis in production, the app's own PostgreSQL when embedded. */
export type QueueBackendConfig = { kind: 'redis'; url: string; prefix: string } | { kind: 'postgres'; url: string; schema: string };

/**
 * Builds Queue/Worker/FlowProducer bound to one backend, so the rest of the code never
 * branches on where jobs live. `close()` releases the shared connection.
 */
export interface QueueKit {
  kind: QueueBackendConfig['kind'];
  queue<D = unknown, R = unknown>(name: string, opts?: Partial<QueueOptions>): Queue<D, R>;
  worker<D = unknown, R = unknown>(name: string, processor: Processor<D, R>, opts?: Partial<WorkerOptions>): Worker<D, R>;
  flowProducer(): FlowProducer;
  /** Resolves when the backend answers; rejects with a clear message otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createQueueKit(cfg: QueueBackendConfig): QueueKit {
  return cfg.kind === 'redis' ? createRedisKit(cfg) : createPostgresKit(cfg);
}

function createRedisKit(cfg: Extract<QueueBackendConfig, { kind: 'redis' }>): QueueKit {
  // One shared client for producers; workers get their own (BullMQ blocks on them).
  // Connection errors surface through ping() and BullMQ's own events; without a listener
  // ioredis would also print each reconnect failure to stderr.
  const quiet = (r: Redis) => r.on('error', () => {});
  const shared = quiet(new Redis(cfg.url, { maxRetriesPerRequest: null, lazyConnect: true }));
  const workerConnection = () => quiet(new Redis(cfg.url, { maxRetriesPerRequest: null }));
  const ownedWorkers: Redis[] = [];
  return {
    kind: 'redis',
    queue: (name, opts) => new Queue(name, { connection: shared, prefix: cfg.prefix, ...opts } as QueueOptions),
    worker: (name, processor, opts) => {
      const connection = workerConnection();
      ownedWorkers.push(connection);
      return new Worker(name, processor, { connection, prefix: cfg.prefix, ...opts } as WorkerOptions);
    },
    flowProducer: () => new FlowProducer({ connection: shared, prefix: cfg.prefix }),
    ping: async () => {
      // A one-shot probe: fails at once with the real cause instead of retrying forever.
      const probe = new Redis(cfg.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
      let cause: Error | undefined;
      probe.on('error', (err: Error) => {
        cause ??= err;
      });
      try {
        await probe.connect();
        await probe.ping();
      } catch (err) {
        throw cause ?? err;
      } finally {
        probe.disconnect();
      }
    },
    close: async () => {
      await Promise.allSettled([shared, ...ownedWorkers].map((c) => c.quit()));
    },
  };
}

function createPostgresKit(cfg: Extract<QueueBackendConfig, { kind: 'postgres' }>): QueueKit {
  const pg = withBackend(createPostgresBackend);
  const connection = { connectionString: withDefaultUser(cfg.url), schema: cfg.schema, migrate: true, max: 4 };
  // The casts are BullMQ's typing boundary, not ours to fix: its classes carry the backend and
  // connection types (Queue<…, PostgresQueueBackend, PostgresConnectionOptions>), while QueueKit
  // hands out the Redis-typed classes the rest of the code is written against. The Postgres
  // classes answer the same methods at run time (test/workers runs them on both backends);
  // typing QueueKit over the backend would carry a backend parameter through every queue in src.
  return {
    kind: 'postgres',
    queue: (name, opts) => new pg.Queue(name, { connection, ...opts } as never) as never,
    worker: (name, processor, opts) => new pg.Worker(name, processor as never, { connection, ...opts } as never) as never,
    flowProducer: () => new pg.FlowProducer({ connection } as never) as never,
    ping: async () => {},
    close: async () => {},
  };
}

/** node-postgres, unlike libpq and postgres.js, does not default the user to the OS user. */
function withDefaultUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = userInfo().username;
  return u.toString();
}
