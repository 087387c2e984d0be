import { Hono } from 'hono';
import { pingDb } from '../../db/client.js';
import { migrationsApplied } from '../../db/migrate.js';
import { queueNames } from '../../queue/jobs.js';
import { metricsRegistry } from '../../queue/job-metrics.js';
import { Gauge } from 'prom-client';
import type { AppEnv } from '../../http/context.js';
import { withTimeout } from '../../core/timeout.js';

const queueJobs = new Gauge({
  name: 'careerlens_queue_jobs',
  help: 'Jobs in each queue by state, read at scrape time',
  labelNames: ['queue', 'state'] as const,
});

const QUEUE_COUNTS_TTL_MS = 5_000;
/** When each queue set's counts were last read (per app: tests run several in one process). */
const queueCountsReadAt = new WeakMap<object, number>();

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const { db, kit } = c.get('deps');
    const checks: Record<string, string> = {};
    await withTimeout(pingDb(db), 2_000, 'database').then(
      () => {
        checks.database = 'ok';
      },
      (e: Error) => {
        checks.database = e.message;
      },
    );
    await withTimeout(migrationsApplied(db.$client), 2_000, 'migrations').then(
      (ok) => {
        checks.migrations = ok ? 'ok' : 'pending: run `careerlens migrate`';
      },
      (e: Error) => {
        checks.migrations = e.message;
      },
    );
    await withTimeout(kit.ping(), 2_000, `queue backend (${kit.kind})`).then(
      () => {
        checks.queue = 'ok';
      },
      (e: Error) => {
        checks.queue = e.message;
      },
    );
    const ready = Object.values(checks).every((v) => v === 'ok');
    return c.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  })
  .get('/metrics', async (c) => {
    // Scrapers are not rate-limited, so the queue counts behind the gauge are read at most once
    // per QUEUE_COUNTS_TTL_MS however often /metrics is asked for.
    const { queues } = c.get('deps');
    if (Date.now() - (queueCountsReadAt.get(queues) ?? -Infinity) >= QUEUE_COUNTS_TTL_MS) {
      queueCountsReadAt.set(queues, Date.now());
      for (const name of queueNames) {
        const counts = await queues[name].getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
        for (const [state, n] of Object.entries(counts)) queueJobs.set({ queue: name, state }, n);
      }
    }
    return c.text(await metricsRegistry.metrics(), 200, { 'content-type': metricsRegistry.contentType });
  });
