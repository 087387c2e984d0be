import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { QueueKit } from '../queue/backend.js';
import { careersChangedPayload, ingestSourcePayload } from '../queue/jobs.js';
import { enqueueCareersChanged, enqueueRecomputePairs, type Queues } from '../queue/queues.js';
import { isPermanentIngestError, type IngestDeps } from '../ingest/run-ingest.js';
import { runIngestOrSnapshot, type SnapshotDeps } from '../ingest/snapshot/fallback.js';
import { recomputeDirtyMetrics, warmMetricsCache } from './recompute-metrics.js';
import type { PairComputer } from './recompute-pairs.js';
import { startComparisonsWorker } from './comparisons-worker.js';
import { recordJob } from '../queue/job-metrics.js';
import { createRun, findActiveRun } from '../db/queries/sources.js';
import { rerunSourcesOnNewCareers } from './scheduler.js';

export interface WorkerDeps extends IngestDeps, SnapshotDeps {
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

function parsePayload<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } }, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.name} ${job.id}: invalid payload: ${parsed.error.message}`);
  return parsed.data;
}

/** Starts one worker per queue; any number of processes may run these side by side. */
export function startWorkers(deps: WorkerDeps): RunningWorkers {
  const { kit, db, queues, log } = deps;
  // Long batches check this between chunks, so a shutdown releases them within seconds.
  const stopping = new AbortController();
  // A stalled job (its worker died) is retried up to 3 times before it counts as failed.
  const common = { maxStalledCount: 3, stalledInterval: deps.stalledIntervalMs ?? 15_000, lockDuration: deps.lockDurationMs ?? 30_000 };

  const ingest = kit.worker('ingest', async (job: Job) => {
    let payload = parsePayload(ingestSourcePayload, job);
    if (!payload.runId) {
      // A scheduled tick has no run yet: create it before the first attempt and keep its id in
      // the job, so a retry continues the same run instead of colliding with it.
      // The run records this job's id, so the reaper can tell whether the job still lives, and a
      // retry of a job killed before it kept the run id finds its own run instead of skipping.
      const run = await createRun(db, { sourceId: payload.sourceId, trigger: payload.trigger, jobId: job.id })
        ?? await findActiveRun(db, payload.sourceId).then((r) => (r?.jobId === job.id ? r : undefined));
      if (!run) {
        log.info({ sourceId: payload.sourceId }, 'a run of this source is already queued or running; this tick is skipped');
        return { runId: null, status: 'skipped', changedCareers: 0 };
      }
      payload = { ...payload, runId: run.id };
      await job.updateData(payload);
    }
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const outcome = await runIngestOrSnapshot(deps, {
        ...payload, final,
        onProgress: async (percent, message) => { await job.updateProgress({ percent, message }); },
      });
      if (outcome.changedCareerIds.length) {
        await enqueueCareersChanged(queues, { careerIds: outcome.changedCareerIds, sourceId: payload.sourceId }, `run-${outcome.runId}`);
      }
      if (outcome.careersWritten > 0) await rerunSourcesOnNewCareers(db, queues, payload.sourceId, log);
      return { runId: outcome.runId, status: outcome.status, changedCareers: outcome.changedCareerIds.length };
    } catch (err) {
      if (isPermanentIngestError(err)) throw new UnrecoverableError((err as Error).message);
      throw err;
    }
  }, { concurrency: deps.concurrency, ...common });

  const careers = kit.worker('careers', async (job: Job) => {
    const all = job.name === 'recompute-all';
    if (!all) parsePayload(careersChangedPayload, job);
    const r = await recomputeDirtyMetrics(db.$client, { all });
    if (all) await db.$client`insert into dirty_careers (career_id, stage) select id, 'pairs' from careers on conflict (stage, career_id) do update set marked_at = now()`;
    if (r.changedCareerIds.length > 0 || all) await enqueueRecomputePairs(queues, `${job.name} ${job.id}`);
    return { claimed: r.claimed, changed: r.changedCareerIds.length };
  }, { concurrency: 1, ...common });

  // In the background: the first careers-changed event then finds every career assembled.
  warmMetricsCache(db.$client).catch((err: Error) => log.warn({ err: err.message }, 'could not prepare the metrics cache; the first recompute reads everything'));

  const flows = kit.flowProducer();
  const comparisons = startComparisonsWorker({
    kit, db, queues, log, flows, stopping: stopping.signal, pairComputer: deps.pairComputer, pairsPerJob: deps.pairsPerJob ?? 40_000,
  }, common);

  const workers = [ingest, careers, comparisons];
  for (const w of workers) {
    w.on('failed', (job, err) => log.error({ queue: w.name, jobId: job?.id, jobName: job?.name, err: err.message }, 'job failed'));
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
    w.on('completed', (job) => recordJob(w.name, job, 'completed'));
    w.on('failed', (job) => { if (job) recordJob(w.name, job, 'failed'); });
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
