import type { Db } from '../db/client.js';
import { markAllCareersForPairs } from '../db/queries/metrics.js';
import { careersChangedPayload, recomputeAllPayload } from '../queue/jobs.js';
import { handle, type QueueHandlers } from '../queue/processors.js';
import { enqueueRecomputePairs, type Queues } from '../queue/queues.js';
import { recomputeDirtyMetrics } from './recompute-metrics.js';

export { comparisonsJobs, type ComparisonsJobDeps } from './comparisons-jobs.js';
export { warmMetricsCache } from './recompute-metrics.js';
export type { PairComputer } from './recompute-pairs.js';

/**
 * The `careers` queue's jobs: `careers-changed` (an ingest run changed these careers' facts)
 * recomputes the marked careers' metrics; `recompute-all` (an operator) every career's metrics
 * and then every pair. Either queues the pairs when some career's metrics changed.
 */
export function careersJobs(deps: { db: Db; queues: Queues }): QueueHandlers<'careers'> {
  const { db, queues } = deps;
  return {
    'careers-changed': handle(careersChangedPayload, async (_p, job) => {
      const r = await recomputeDirtyMetrics(db.$client);
      if (r.changedCareerIds.length > 0) await enqueueRecomputePairs(queues, `${job.name} ${job.id}`);
      return { claimed: r.claimed, changed: r.changedCareerIds.length };
    }),
    'recompute-all': handle(recomputeAllPayload, async (_p, job) => {
      const r = await recomputeDirtyMetrics(db.$client, { all: true });
      await markAllCareersForPairs(db);
      await enqueueRecomputePairs(queues, `${job.name} ${job.id}`);
      return { claimed: r.claimed, changed: r.changedCareerIds.length };
    }),
  };
}
