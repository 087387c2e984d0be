import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import { marksOlderThan } from '../db/queries/metrics.js';
import { enqueueCareersChanged, enqueueRecomputePairs } from '../queue/queues.js';
import type { OpsDeps } from './sources.js';

/** What was queued again: careers whose metrics, and careers whose pairs, had no job left. */
export interface ResumedMarks {
  metrics: number;
  pairs: number;
}

const busy = async (q: Queue) =>
  Object.values(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')).some((n) => (n ?? 0) > 0);

/**
 * Careers marked for recomputation (metrics or pairs) while no job is left to do it: the queue
 * lost its jobs (Redis restarted without its data, a job removed from the board) or a flow
 * failed for good. Marks older than `graceMs` with both queues idle are queued again, once per
 * set of marks (the job id is keyed on the oldest mark). Safe from any number of schedulers.
 */
export async function resumeStrandedMarks(deps: OpsDeps & { log: Logger }, opts: { graceMs: number }): Promise<ResumedMarks | null> {
  const rows = await marksOlderThan(deps.db, opts.graceMs);
  if (rows.length === 0) return null;
  if ((await busy(deps.queues.careers)) || (await busy(deps.queues.comparisons))) return null;
  const metrics = rows.find((r) => r.stage === 'metrics');
  const pairs = rows.find((r) => r.stage === 'pairs');
  // Metrics first: their job queues the pairs itself once done.
  if (metrics) {
    await enqueueCareersChanged(deps.queues, { careerIds: metrics.ids }, `stranded-${Date.parse(metrics.oldest)}`);
  } else if (pairs) {
    await enqueueRecomputePairs(deps.queues, 'stranded marks', { jobId: `stranded-pairs-${Date.parse(pairs.oldest)}` });
  }
  const resumed = { metrics: metrics?.ids.length ?? 0, pairs: metrics ? 0 : (pairs?.ids.length ?? 0) };
  deps.log.warn(resumed, 'careers marked for recomputation had no job left: queued again');
  return resumed;
}
