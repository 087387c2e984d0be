import { DelayedError, type FlowProducer, type Job } from 'bullmq';
import type { Db } from '../db/client.js';
import { clearPairMarks, countPairMarks, deletePairsOfRemovedCareers } from '../db/queries/pairs.js';
import { notifyPairsChanged } from '../db/queries/changes.js';
import type { Logger } from '../log.js';
import { pairsFinishPayload, pairsRangePayload, recomputePairsPayload } from '../queue/jobs.js';
import { handle, type QueueHandlers } from '../queue/processors.js';
import { enqueueRecomputePairs, type Queues } from '../queue/queues.js';
import { flowIncomplete, planPairRecompute, reportFlowProgress } from './pair-flow.js';
import { computePairRange, loadPairSidesCached, recomputeDirtyPairs, type PairComputer } from './recompute-pairs.js';

export interface ComparisonsJobDeps {
  db: Db;
  queues: Queues;
  log: Logger;
  flows: FlowProducer;
  /** Pairs per child job; a recompute of at most this many pairs runs inline in one job. */
  pairsPerJob: number;
  pairComputer?: PairComputer;
  /** Aborted on shutdown: long jobs stop between chunks and are handed back. */
  stopping: AbortSignal;
}

/**
 * The `comparisons` queue's jobs. `recompute-pairs` (an event: some careers' metrics changed)
 * plans the work: a few careers' pairs are done inline; a large set (a full recompute, a first
 * ingest) becomes a flow of `pairs-range` children that every worker shares, each idempotent,
 * under a `pairs-finish` parent that clears the marks once all ranges are written.
 */
export function comparisonsJobs(deps: ComparisonsJobDeps): QueueHandlers<'comparisons'> {
  const { db, queues, stopping } = deps;
  const sql = db.$client;
  // Shutting down: hand the job back without using an attempt; it runs again elsewhere.
  const handBack = async (job: Job, token?: string): Promise<never> => {
    await job.moveToDelayed(Date.now() + 1_000, token);
    throw new DelayedError();
  };
  const progress = (job: Job) => async (done: number, total: number) => {
    await job.updateProgress({ percent: total ? Math.round((done / total) * 100) : 100, done, total });
  };

  /** Plans the marked careers' pairs and runs them inline when few (else a flow was started). */
  const planAndRun = async (job: Job, token: string | undefined, exceptJobId?: string) => {
    const plan = await planPairRecompute(sql, { queue: queues.comparisons, flows: deps.flows, exceptJobId }, deps.pairsPerJob);
    if (plan.kind !== 'inline') return plan;
    const result = await recomputeDirtyPairs(sql, { compute: deps.pairComputer, marks: plan.marks, signal: stopping, onProgress: progress(job) });
    if (result.aborted) return handBack(job, token);
    return { kind: 'inline' as const, ...result };
  };

  return {
    'recompute-pairs': handle(recomputePairsPayload, async (_p, job, token) => planAndRun(job, token)),

    'pairs-range': handle(pairsRangePayload, async (p, job, token) => {
      const sides = await loadPairSidesCached(sql);
      const r = await computePairRange(sql, sides, {
        compute: deps.pairComputer,
        signal: stopping,
        onProgress: progress(job),
        dirty: p.dirty === 'all' ? null : new Set(p.dirty),
        fromId: p.fromId,
        toId: p.toId ?? Infinity,
      });
      if (r.aborted) return handBack(job, token);
      await reportFlowProgress(queues.comparisons, job).catch(() => {});
      return r;
    }),

    'pairs-finish': handle(pairsFinishPayload, async (p, job, token) => {
      if (await flowIncomplete(job, p.children)) {
        // Retried after a child failed for good: its pairs were never all written. The marks stay
        // and are planned again (pairs already written are unchanged and cost no write).
        deps.log.warn({ jobId: job.id }, 'pair recompute retried with unfinished children: re-planning its careers instead of clearing their marks');
        return { replanned: await planAndRun(job, token, job.id) };
      }
      await clearPairMarks(sql, p.marks);
      await deletePairsOfRemovedCareers(sql);
      await notifyPairsChanged(sql);
      // Marks set while the flow ran were not covered by it: they need a job of their own.
      const left = await countPairMarks(sql);
      if (left > 0) await enqueueRecomputePairs(queues, `after ${job.id}`);
      await job.updateProgress({ percent: 100, childrenDone: p.children, children: p.children });
      return { pairs: p.pairs, children: p.children, marksLeft: left };
    }),
  };
}
