import { serve, type ServerType } from '@hono/node-server';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { closeDb, openDb, pingDb, type Db } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { syncSources } from '../db/queries/sources.js';
import { loadSourceDefinitions } from '../ingest/catalog.js';
import { createQueueKit, type QueueKit } from '../queue/backend.js';
import { openQueues, type Queues } from '../queue/queues.js';
import { startWorkers } from './workers.js';
import { registerSchedules, runSourcesDueAtStart } from '../queue/schedules.js';
import { recomputeIfDerivedByOtherCode } from '../queue/derived-version.js';
import { createApp } from './app.js';
import { apiOptionsFrom } from '../http/services.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { describeConnectError, StartupError } from './errors.js';
import { withTimeout } from '../core/timeout.js';
import { buildAdapters, fetcherFactory } from '../ingest/wiring.js';
import { loadSnapshot } from '../ingest/snapshot/bundle.js';
import { startAlertWatcher } from '../ops/alerts.js';
import { startRetention } from '../ops/retention.js';

export type Role = 'api' | 'worker' | 'scheduler';

export interface Runtime {
  db: Db;
  kit: QueueKit;
  queues: Queues;
  /** The dashboard/API address when the api role runs. */
  url?: string;
  /** Stops taking work, finishes or releases active jobs, closes every connection. */
  stop(): Promise<void>;
}

/** Resolves the database: DATABASE_URL, or the embedded server (started or joined). */
export async function resolveDatabaseUrl(config: Config, log: Logger, onStop: (fn: () => Promise<void>) => void): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const embedded = await startEmbeddedPostgres(path.resolve(config.DATA_DIR), config.EMBEDDED_PG_PORT, log);
  if (embedded.owned) onStop(() => embedded.stop());
  return embedded.url;
}

/**
 * Starts the given roles in this process. On any failure, whatever already started is
 * stopped before the error is thrown: never a half-started process.
 */
export async function startRuntime(config: Config, roles: Role[], log: Logger): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  const onStop = (fn: () => Promise<void>) => {
    stops.unshift(fn);
  };
  const stopAll = async () => {
    for (const fn of stops.splice(0)) await fn().catch((err: Error) => log.warn({ err: err.message }, 'error while stopping'));
  };
  if (config.ALLOW_PRIVATE_NETWORKS && roles.includes('worker')) {
    log.warn(
      "ALLOW_PRIVATE_NETWORKS is deprecated: list local mirrors in PRIVATE_SOURCE_HOSTS or a source's allowPrivateHosts instead (metadata and link-local addresses stay refused)",
    );
  }
  try {
    const dbUrl = await resolveDatabaseUrl(config, log, onStop);
    await runMigrations(dbUrl).catch((err) => {
      if ((err as Error).message.includes('ECONNREFUSED') || (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED')
        throw describeConnectError('PostgreSQL', dbUrl, { code: 'ECONNREFUSED' });
      throw err;
    });
    const db = openDb(dbUrl, { max: 10 });
    onStop(() => closeDb(db));
    await pingDb(db).catch((err) => {
      throw describeConnectError('PostgreSQL', dbUrl, err);
    });
    const kit = createQueueKit(
      config.REDIS_URL
        ? { kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }
        : { kind: 'postgres', url: dbUrl, schema: config.QUEUE_PREFIX === 'careerlens' ? 'bullmq' : `bullmq_${config.QUEUE_PREFIX}` },
    );
    onStop(() => kit.close());
    await withTimeout(kit.ping(), 5_000, 'Redis').catch((err) => {
      throw describeConnectError('Redis', config.REDIS_URL ?? '', err);
    });
    const queues = openQueues(kit);
    onStop(() => queues.close());
    if (roles.includes('scheduler')) {
      const { delisted, relisted } = await syncSources(db, loadSourceDefinitions(config.SOURCES_FILE));
      if (delisted.length)
        log.warn(
          { delisted },
          'sources missing from the source list were delisted: they no longer run, their data is kept (purge: careerlens sources remove <id> --purge)',
        );
      if (relisted.length) log.info({ relisted }, 'delisted sources are listed again and run with their data as it was');
      await registerSchedules(db, queues, log);
      await recomputeIfDerivedByOtherCode(db, queues, log);
      onStop(
        startAlertWatcher(
          { db, queues, log },
          {
            webhookUrl: config.ALERT_WEBHOOK_URL,
            everyMs: config.OPS_ALERT_CHECK_MS,
            reaper: { runTimeoutMs: config.RUN_TIMEOUT_MS, graceMs: config.RUN_ENQUEUE_GRACE_MS },
          },
        ),
      );
      onStop(
        startRetention(
          { db, log },
          {
            rawDocumentsDays: config.RETENTION_RAW_DOCUMENTS_DAYS,
            metricHistoryDays: config.RETENTION_METRIC_HISTORY_DAYS,
            runsDays: config.RETENTION_RUNS_DAYS,
          },
          config.RETENTION_CHECK_MS,
        ),
      );
    }
    if (roles.includes('worker')) {
      const workers = startWorkers({
        kit,
        db,
        queues,
        log,
        newFetcher: fetcherFactory(config),
        adapters: buildAdapters(),
        concurrency: config.WORKER_CONCURRENCY,
        snapshot: loadSnapshot(config.SNAPSHOT_DIR),
        offline: config.OFFLINE,
        maxShrinkRatio: config.MAX_SHRINK_RATIO,
        pairsPerJob: config.PAIRS_PER_JOB,
        lockDurationMs: config.WORKER_LOCK_DURATION_MS,
        stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
      });
      onStop(() => workers.close());
    }
    if (roles.includes('scheduler') && config.RUN_NEVER_SUCCEEDED_ON_START) {
      await runSourcesDueAtStart(db, queues, log, new Map([...buildAdapters()].map(([kind, a]) => [kind, a.version])), { offline: config.OFFLINE });
    }
    let url: string | undefined;
    if (roles.includes('api')) {
      // Public requests get a pool of their own whose statements time out, so a heavy one cannot hold
      // the workers' connections; operators' routes (a purge may run long) use the process's pool.
      const apiDb = openDb(dbUrl, { max: 10, appName: 'careerlens-api', statementTimeoutMs: config.API_STATEMENT_TIMEOUT_MS });
      onStop(() => closeDb(apiDb));
      const server = await listen(createApp({ db: apiDb, opsDb: db, kit, queues, log }, apiOptionsFrom(config)), config.HOST, config.PORT);
      onStop(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections?.();
          }),
      );
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
      url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
    }
    log.info({ roles, url, queueBackend: kit.kind, database: config.DATABASE_URL ? 'external' : 'embedded' }, 'CareerLens started');
    return { db, kit, queues, url, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<ServerType & { closeAllConnections?: () => void }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(server));
    // Node closes an idle keep-alive socket after 5 s by a timer; when the event loop was busy
    // longer than that (an ingest parsing a large file in this process), the timer fires before
    // the request already waiting on that socket is read, and the client sees ECONNRESET. A
    // longer idle time (above the 60 s of common load balancers) keeps such sockets usable.
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
    }
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`port ${port} on ${host} is already in use: stop the other process or set PORT.`));
      else if (err.code === 'EACCES') reject(new StartupError(`not allowed to listen on ${host}:${port}: choose a PORT above 1024.`));
      else reject(err);
    });
  });
}
