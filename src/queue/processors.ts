import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import type { jobNames, QueueName } from './jobs.js';

/** How one job name of a queue is handled: its payload's schema and the processor of a valid payload. */
export interface JobHandler<S extends z.ZodType = z.ZodType, R = unknown> {
  payload: S;
  process(data: z.infer<S>, job: Job, token?: string): Promise<R>;
}

/** A handler for each job name of queue `Q` (src/queue/jobs.ts `jobNames`), and no other. */
export type QueueHandlers<Q extends QueueName> = { [N in (typeof jobNames)[Q][number]]: JobHandler };

/** A handler, its payload type inferred from its schema. */
export const handle = <S extends z.ZodType, R>(payload: S, process: (data: z.infer<S>, job: Job, token?: string) => Promise<R>): JobHandler<S, R> => ({
  payload,
  process,
});

/**
 * The processor of queue `queue`: looks the job's name up in `handlers`, validates its payload
 * with the name's schema and runs the name's processor. An unknown name or an invalid payload
 * fails the job for good (a retry would fail the same way).
 */
export function dispatchJobs<Q extends QueueName>(queue: Q, handlers: QueueHandlers<Q>): Processor {
  const byName = new Map<string, JobHandler>(Object.entries(handlers));
  return async (job: Job, token?: string) => {
    const h = byName.get(job.name);
    if (!h) throw new UnrecoverableError(`job ${job.name} ${job.id}: no such job on the ${queue} queue`);
    const parsed = h.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.name} ${job.id}: invalid payload: ${parsed.error.message}`);
    return h.process(parsed.data, job, token);
  };
}
