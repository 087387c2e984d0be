import type { Logger } from '../log.js';
import { endActiveRun, runJobId } from '../db/queries/sources.js';
import { listActiveRuns } from '../db/queries/runs.js';
import type { OpsDeps } from './sources.js';

export interface ReaperOptions {
  /** A run running longer than this (ms) is stalled: it is failed (config RUN_TIMEOUT_MS). */
  runTimeoutMs: number;
  /** A run whose job cannot be found is left alone this long (ms) after it was queued, while its job is being added. */
  graceMs: number;
}

/** A lost run: its id, its source and why it was failed. */
export interface ReapedRun {
  id: number;
  sourceId: string;
  reason: string;
}

/**
 * Fails runs left queued or running with no live job, which would otherwise block their source
 * (a second run is never started while one is active): the job is gone (the enqueue failed, or
 * an operator removed it) or ended without closing the run (its worker died at the wrong
 * moment), or the run has been running longer than `runTimeoutMs`. A job that later wakes up
 * finds its run ended and writes nothing. Safe from any number of schedulers at once: a run is
 * ended once (the update only matches active runs).
 */
export async function reapLostRuns(deps: OpsDeps & { log: Logger }, opts: ReaperOptions, now = Date.now()): Promise<ReapedRun[]> {
  const reaped: ReapedRun[] = [];
  for (const run of await listActiveRuns(deps.db)) {
    const jobId = runJobId(run);
    const job = await deps.queues.ingest.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    let reason: string | undefined;
    if (now - run.queuedAt.getTime() > opts.graceMs && !['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'].includes(state)) {
      reason =
        state === 'missing'
          ? `lost: its job ${jobId} is not in the queue (never queued, or removed); failed by the reaper so the source can run again`
          : `lost: its job ${jobId} is ${state} but the run was left ${run.status} (its worker stopped before closing it); failed by the reaper`;
    } else if (run.status === 'running' && run.startedAt && now - run.startedAt.getTime() > opts.runTimeoutMs) {
      reason = `stalled: running for more than RUN_TIMEOUT_MS (${Math.round(opts.runTimeoutMs / 60_000)} min); failed by the reaper, anything it writes later is refused`;
    }
    if (!reason) continue;
    if (await endActiveRun(deps.db, { id: run.id, status: 'failed', error: reason })) {
      reaped.push({ id: run.id, sourceId: run.sourceId, reason });
      deps.log.error({ runId: run.id, sourceId: run.sourceId, jobId, state }, reason);
    }
  }
  return reaped;
}
