import type { RunStats } from '../db/schema/sources.js';
import { findCareerIdBySlug } from '../db/queries/careers.js';
import { markCareerForRecompute } from '../db/queries/metrics.js';
import { endActiveRun, getRun, getSource, runJobId } from '../db/queries/sources.js';
import { actorLabel, recordAudit, type Actor } from '../db/queries/audit.js';
import { requestRun } from '../queue/schedules.js';
import { enqueueCareersChanged } from '../queue/queues.js';
import { sourceDelisted, summarizeRun, type OpsDeps, type OpsResult, type RunSummary } from './sources.js';

export interface RunDetail extends RunSummary {
  sourceId: string;
  /** Rejected rows with their reasons and line numbers (the first 500 a run kept). */
  rejects: RunStats['rejects'];
  /** The BullMQ job's progress while running. */
  progress: { percent?: number; message?: string } | null;
}

export async function getRunDetail(deps: OpsDeps, runId: number): Promise<RunDetail | undefined> {
  const run = await getRun(deps.db, runId);
  if (!run) return undefined;
  let progress: RunDetail['progress'] = null;
  if (run.status === 'running' || run.status === 'queued') {
    const job = await deps.queues.ingest.getJob(`run-${run.id}`);
    progress = (job?.progress && typeof job.progress === 'object' ? job.progress : null) as RunDetail['progress'];
  }
  return { ...summarizeRun(run), sourceId: run.sourceId, rejects: run.stats.rejects ?? [], progress };
}

/** Retries a failed run as a new run (trigger 'retry'); only failed runs can be retried. */
export async function retryRun(deps: OpsDeps, actor: Actor, runId: number): Promise<OpsResult<{ runId: number; existing: boolean; retryOf: number }>> {
  const run = await getRun(deps.db, runId);
  if (!run) return { ok: false, error: 'not-found', message: `no run ${runId}` };
  if (run.status !== 'failed') return { ok: false, error: 'conflict', message: `run ${runId} is ${run.status}; only failed runs can be retried` };
  const source = await getSource(deps.db, run.sourceId);
  if (!source) return { ok: false, error: 'not-found', message: `source "${run.sourceId}" no longer exists` };
  if (source.delistedAt) return sourceDelisted(run.sourceId);
  const r = await requestRun(deps.db, deps.queues, run.sourceId, 'retry');
  await recordAudit(deps.db, { actor, action: 'run.retry', target: String(runId), details: { ...r, sourceId: run.sourceId } });
  return { ok: true, value: { ...r, retryOf: runId } };
}

/**
 * Cancels a queued or running run: it ends as `cancelled` at once (its source can run again), a
 * job still waiting is removed, and a job already running writes nothing (its batch checks the
 * run before it commits). A run whose batch was already written stays as it ended.
 */
export async function cancelRun(deps: OpsDeps, actor: Actor, runId: number): Promise<OpsResult<RunSummary & { sourceId: string }>> {
  const run = await getRun(deps.db, runId);
  if (!run) return { ok: false, error: 'not-found', message: `no run ${runId}` };
  const ended = await endActiveRun(deps.db, { id: runId, status: 'cancelled', error: `cancelled by ${actorLabel(actor)}` });
  if (!ended)
    return {
      ok: false,
      error: 'conflict',
      message: `run ${runId} is ${(await getRun(deps.db, runId))?.status ?? run.status}; only queued or running runs can be cancelled`,
    };
  const job = await deps.queues.ingest.getJob(runJobId(run));
  // A waiting job goes; an active one is locked by its worker and stops at its next check.
  if (job && !(await job.isActive())) await job.remove().catch(() => {});
  await recordAudit(deps.db, { actor, action: 'run.cancel', target: String(runId), details: { sourceId: run.sourceId, was: run.status } });
  return { ok: true, value: { ...summarizeRun(ended), sourceId: ended.sourceId } };
}

/**
 * Queues a recompute: of every career and pair (`recompute-all`), or of one career's metrics
 * and pairs (a `careers-changed` for it). Returns the queue and job id to follow.
 */
export async function requestRecompute(
  deps: OpsDeps,
  actor: Actor,
  params: { career?: string },
): Promise<OpsResult<{ queue: 'careers'; jobId: string; scope: string }>> {
  const stamp = Date.now();
  if (params.career) {
    const c = await findCareerIdBySlug(deps.db, params.career);
    if (!c) return { ok: false, error: 'not-found', message: `no career "${params.career}"` };
    await markCareerForRecompute(deps.db, c.id);
    const key = `recompute-${c.slug}-${stamp}`;
    await enqueueCareersChanged(deps.queues, { careerIds: [c.id] }, key);
    await recordAudit(deps.db, { actor, action: 'recompute.career', target: c.slug });
    return { ok: true, value: { queue: 'careers', jobId: `careers-changed-${key}`, scope: c.slug } };
  }
  const jobId = `recompute-all-${stamp}`;
  await deps.queues.careers.add('recompute-all', {}, { jobId });
  await recordAudit(deps.db, { actor, action: 'recompute.all' });
  return { ok: true, value: { queue: 'careers', jobId, scope: 'all' } };
}
