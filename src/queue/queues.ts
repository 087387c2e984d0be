import type { Queue } from 'bullmq';
import type { QueueKit } from './backend.js';
import { defaultJobOptions, type CareersChangedPayload, type IngestSourcePayload, type QueueName } from './jobs.js';

export type Queues = Record<QueueName, Queue> & { close(): Promise<void> };

/** Opens the three producer-side queues with the shared job options. */
export function openQueues(kit: QueueKit): Queues {
  const q = (name: QueueName) => kit.queue(name, { defaultJobOptions });
  const queues = { ingest: q('ingest'), careers: q('careers'), comparisons: q('comparisons') };
  return {
    ...queues,
    close: async () => {
      await Promise.allSettled(Object.values(queues).map((x) => x.close()));
    },
  };
}

/** Job ids must not contain ':' and must not be all digits (BullMQ's rules). */
const jobId = (...parts: (string | number)[]) => parts.join('-').replace(/:/g, '_');

export async function enqueueIngest(queues: Queues, payload: IngestSourcePayload): Promise<string | undefined> {
  const job = await queues.ingest.add('ingest-source', payload, payload.runId ? { jobId: jobId('run', payload.runId) } : {});
  return job.id;
}

/** `careers-changed`: one per ingest run (its id makes a retried run enqueue it once). */
export async function enqueueCareersChanged(queues: Queues, payload: CareersChangedPayload, key: string): Promise<void> {
  await queues.careers.add('careers-changed', payload, { jobId: jobId('careers-changed', key) });
}

/** The deduplication id every `recompute-pairs` job shares. */
export const RECOMPUTE_PAIRS_DEDUP_ID = 'recompute-pairs';

/**
 * `recompute-pairs`, deduplicated by id: while one waits, another adds nothing (the waiting one
 * drains every mark set before it starts); while one runs, one more is kept to start after it
 * (marks set meanwhile need it). A burst of metric events queues at most one job, not one each.
 * `jobId`: a job id of its own (stranded marks queue one per set of marks).
 */
export async function enqueueRecomputePairs(queues: Queues, reason: string, opts: { jobId?: string } = {}): Promise<string | undefined> {
  const job = await queues.comparisons.add(
    'recompute-pairs',
    { reason },
    {
      ...(opts.jobId ? { jobId: jobId(opts.jobId) } : {}),
      deduplication: { id: RECOMPUTE_PAIRS_DEDUP_ID, keepLastIfActive: true },
    },
  );
  return job.id;
}
