import { DelayedError, UnrecoverableError, type FlowProducer, type Job, type Worker, type WorkerOptions } from 'bullmq';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { QueueKit } from '../queue/backend.js';
import { enqueueRecomputePairs, type Queues } from '../queue/queues.js';
import { flowIncomplete, planPairRecompute, pairsFinishPayload, pairsRangePayload, reportFlowProgress } from './pair-flow.js';
import { clearPairMarks, computePairRange, loadPairSidesCached, recomputeDirtyPairs, type PairComputer } from './recompute-pairs.js';

export interface ComparisonsWorkerDeps {
  kit: QueueKit;
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
 * The `comparisons` queue. `recompute-pairs` (an event: some careers' metrics changed) plans
 * the work: a few careers' pairs are done inline; a large set (a full recompute, a first
 * ingest) becomes a flow of `pairs-range` children that every worker shares, each idempotent,
 * under a `pairs-finish` parent that clears the marks once all ranges are written.
 */
export function startComparisonsWorker(deps: ComparisonsWorkerDeps, opts: Partial<WorkerOptions>): Worker {
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

  return deps.kit.worker('comparisons', async (job: Job, token?: string) => {
    if (job.name === 'pairs-range') {
      const parsed = pairsRangePayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: invalid payload: ${parsed.error.message}`);
      const p = parsed.data;
      const sides = await loadPairSidesCached(sql);
      const r = await computePairRange(sql, sides, {
        compute: deps.pairComputer, signal: stopping, onProgress: progress(job),
        dirty: p.dirty === 'all' ? null : new Set(p.dirty), fromId: p.fromId, toId: p.toId ?? Infinity,
      });
      if (r.aborted) return handBack(job, token);
      await reportFlowProgress(queues.comparisons, job).catch(() => {});
      return r;
    }
    if (job.name === 'pairs-finish') {
      const parsed = pairsFinishPayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: invalid payload: ${parsed.error.message}`);
      if (await flowIncomplete(job, parsed.data.children)) {
        // Retried after a child failed for good: its pairs were never all written. The marks stay
        // and are planned again (pairs already written are unchanged and cost no write).
        deps.log.warn({ jobId: job.id }, 'pair recompute retried with unfinished children: re-planning its careers instead of clearing their marks');
        return { replanned: await planAndRun(job, token, job.id) };
      }
      await clearPairMarks(sql, parsed.data.marks);
      // Pairs have no foreign keys (see the schema): those of careers deleted since are removed here.
      await sql`delete from comparisons p where not exists (select 1 from careers c where c.id = p.a_id)
        or not exists (select 1 from careers c where c.id = p.b_id)`;
      await sql`select pg_notify('careerlens_changes', 'pairs')`;
      // Marks set while the flow ran were not covered by it: they need a job of their own.
      const [left] = await sql<{ n: number }[]>`select count(*)::int as n from dirty_careers where stage = 'pairs'`;
      if (left!.n > 0) await enqueueRecomputePairs(queues, `after ${job.id}`);
      await job.updateProgress({ percent: 100, childrenDone: parsed.data.children, children: parsed.data.children });
      return { pairs: parsed.data.pairs, children: parsed.data.children, marksLeft: left!.n };
    }
    return planAndRun(job, token);
  }, { concurrency: 1, ...opts });
}
