import type { Worker } from 'bullmq';
import type { QueueKit } from '../queue/backend.js';
import { recordJob } from '../queue/job-metrics.js';
import { dispatchJobs } from '../queue/processors.js';
import type { Queues } from '../queue/queues.js';
import { ingestJobs, type IngestJobDeps } from '../ingest/jobs.js';
import { careersJobs, comparisonsJobs, warmMetricsCache, type PairComputer } from '../workers/index.js';

export interface WorkerDeps extends IngestJobDeps {
  kit: QueueKit;
  queues: Queues;
  concurrency: number;
  pairComputer?: PairComputer;
  /** Pairs per child job of a large pair recompute (config PAIRS_PER_JOB). */
  pairsPerJob?: number;
  /** Lock and stall check of every worker (config WORKER_LOCK_DURATION_MS, WORKER_STALLED_INTERVAL_MS). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits up to `graceMs` for active ones; the rest are released. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts one worker per queue, each dispatching its jobs by name (src/queue/processors.ts):
 * ingest (src/ingest/jobs.ts), careers and comparisons (src/workers). Any number of processes
 * may run these side by side.
 */
export function startWorkers(deps: WorkerDeps): RunningWorkers {
  const { kit, db, queues, log } = deps;
  // Long batches check this between chunks, so a shutdown releases them within seconds.
  const stopping = new AbortController();
  // A stalled job (its worker died) is retried up to 3 times before it counts as failed.
  const common = { maxStalledCount: 3, stalledInterval: deps.stalledIntervalMs ?? 15_000, lockDuration: deps.lockDurationMs ?? 30_000 };

  const ingest = kit.worker('ingest', dispatchJobs('ingest', ingestJobs(deps)), { concurrency: deps.concurrency, ...common });
  const careers = kit.worker('careers', dispatchJobs('careers', careersJobs(deps)), { concurrency: 1, ...common });

  // In the background: the first careers-changed event then finds every career assembled.
  warmMetricsCache(db.$client).catch((err: Error) =>
    log.warn({ err: err.message }, 'could not prepare the metrics cache; the first recompute reads everything'),
  );

  const flows = kit.flowProducer();
  const comparisons = kit.worker(
    'comparisons',
    dispatchJobs(
      'comparisons',
      comparisonsJobs({
        db,
        queues,
        log,
        flows,
        stopping: stopping.signal,
        pairComputer: deps.pairComputer,
        pairsPerJob: deps.pairsPerJob ?? 40_000,
      }),
    ),
    { concurrency: 1, ...common },
  );

  const workers = [ingest, careers, comparisons];
  for (const w of workers) {
    w.on('failed', (job, err) => log.error({ queue: w.name, jobId: job?.id, jobName: job?.name, err: err.message }, 'job failed'));
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
    w.on('completed', (job) => recordJob(w.name, job, 'completed'));
    w.on('failed', (job) => {
      if (job) recordJob(w.name, job, 'failed');
    });
  }
  return {
    workers,
    close: async (graceMs = 6_000) => {
      stopping.abort();
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
      if (timedOut) {
        log.warn('active jobs did not finish in time; releasing them to be picked up again');
        await Promise.all(workers.map((w) => w.close(true)));
      }
      await flows.close();
    },
  };
}
