import { queueNames, type QueueName } from '../queue/jobs.js';
import { recordAudit, type Actor } from '../db/queries/audit.js';
import type { OpsDeps, OpsResult } from './sources.js';

export interface DeadJob {
  queue: QueueName;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedAt: string | null;
  data: unknown;
}

/** Failed ("dead") jobs of every queue, newest first, at most `perQueue` each. */
export async function listDeadJobs(deps: OpsDeps, perQueue = 10): Promise<DeadJob[]> {
  const out: DeadJob[] = [];
  for (const queue of queueNames) {
    for (const j of await deps.queues[queue].getFailed(0, perQueue - 1)) {
      if (!j?.id) continue;
      out.push({
        queue,
        id: j.id,
        name: j.name,
        failedReason: j.failedReason ?? '',
        attemptsMade: j.attemptsMade,
        finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        data: j.data,
      });
    }
  }
  return out;
}

/** Moves one failed job back to waiting (BullMQ keeps its id, data and options). */
export async function retryDeadJob(deps: OpsDeps, actor: Actor, queue: string, id: string): Promise<OpsResult<{ queue: QueueName; id: string }>> {
  if (!(queueNames as readonly string[]).includes(queue)) return { ok: false, error: 'not-found', message: `no queue "${queue}"` };
  const q = queue as QueueName;
  const job = await deps.queues[q].getJob(id);
  if (!job) return { ok: false, error: 'not-found', message: `no job "${id}" on ${q}` };
  if (!(await job.isFailed())) return { ok: false, error: 'conflict', message: `job "${id}" on ${q} has not failed` };
  await job.retry('failed');
  await recordAudit(deps.db, { actor, action: 'job.retry', target: `${q}/${id}` });
  return { ok: true, value: { queue: q, id } };
}
