import type { FlowProducer, Job, Queue } from 'bullmq';
import type { Sql } from '../db/client.js';
import { listMetricCareerIds, readPairMarks, underPairPlanLock, type PairMark } from '../db/queries/pairs.js';
import { defaultJobOptions, type PairsFinishPayload, type PairsRangePayload } from '../queue/jobs.js';
import { countRangePairs } from './recompute-pairs.js';

/** Splits the due pairs into ranges of about `perJob` pairs (whole rows of the pair triangle). */
export function planPairRanges(
  ids: readonly number[],
  dirty: ReadonlySet<number> | null,
  perJob: number,
): { fromId: number; toId: number | null; pairs: number }[] {
  const ranges: { fromId: number; toId: number | null; pairs: number }[] = [];
  const suffixDirty = new Int32Array(ids.length + 1);
  for (let i = ids.length - 1; i >= 0; i--) suffixDirty[i] = suffixDirty[i + 1]! + (!dirty || dirty.has(ids[i]!) ? 1 : 0);
  let start = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    pairs += !dirty || dirty.has(ids[i]!) ? ids.length - 1 - i : suffixDirty[i + 1]!;
    if (pairs >= perJob || i === ids.length - 1) {
      if (pairs > 0) ranges.push({ fromId: ids[start]!, toId: i + 1 < ids.length ? ids[i + 1]! : null, pairs });
      start = i + 1;
      pairs = 0;
    }
  }
  return ranges;
}

/** Marks already covered by a pair recompute still in flight (its `pairs-finish` parent not done), except `exceptJobId`'s. */
async function marksInFlight(queue: Queue, exceptJobId?: string): Promise<Map<number, string>> {
  const jobs = await queue.getJobs(['waiting-children', 'waiting', 'active', 'delayed', 'prioritized']);
  const covered = new Map<number, string>();
  for (const j of jobs) {
    if (j?.name !== 'pairs-finish' || j.id === exceptJobId) continue;
    for (const m of (j.data as PairsFinishPayload).marks) covered.set(m.career_id, m.marked_at);
  }
  return covered;
}

export type PairPlan =
  | { kind: 'none' }
  | { kind: 'inline'; marks: PairMark[]; pairs: number }
  | { kind: 'flow'; parentId: string; children: number; pairs: number };

/**
 * Decides how the pairs of the marked careers are recomputed: nothing (every mark is covered by
 * a recompute in flight), inline in this job (at most `perJob` pairs: the event-driven path,
 * e.g. one changed career = about 1,000 pairs), or as a flow of child jobs of about `perJob`
 * pairs each that any worker may take, under a parent that clears the marks at the end.
 * Planning is serialized by an advisory lock so two workers never start the same flow.
 * `exceptJobId`: a `pairs-finish` parent re-planning its own marks (see `flowIncomplete`).
 */
export async function planPairRecompute(sql: Sql, deps: { queue: Queue; flows: FlowProducer; exceptJobId?: string }, perJob: number): Promise<PairPlan> {
  return underPairPlanLock(sql, async (tx): Promise<PairPlan> => {
    const covered = await marksInFlight(deps.queue, deps.exceptJobId);
    const marks = (await readPairMarks(tx)).filter((m) => covered.get(m.career_id) !== m.marked_at);
    if (marks.length === 0) return { kind: 'none' };
    const ids = await listMetricCareerIds(tx);
    const marked = new Set(marks.map((m) => m.career_id));
    const dirty = ids.every((id) => marked.has(id)) ? null : marked;
    const pairs = countRangePairs(ids, dirty);
    if (pairs <= perJob) return { kind: 'inline', marks, pairs };
    const ranges = planPairRanges(ids, dirty, perJob);
    const parentId = `pairs-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const opts = {
      attempts: defaultJobOptions.attempts,
      backoff: defaultJobOptions.backoff,
      removeOnComplete: defaultJobOptions.removeOnComplete,
      removeOnFail: defaultJobOptions.removeOnFail,
    };
    const dirtyIds = dirty ? [...dirty].sort((x, y) => x - y) : ('all' as const);
    await deps.flows.add({
      name: 'pairs-finish',
      queueName: deps.queue.name,
      data: { marks, pairs, children: ranges.length } satisfies PairsFinishPayload,
      opts: { ...opts, jobId: parentId },
      children: ranges.map((r, k) => ({
        name: 'pairs-range',
        queueName: deps.queue.name,
        data: { ...r, dirty: dirtyIds } satisfies PairsRangePayload,
        // A child that fails for good fails the parent: its marks are then free for the next job.
        opts: { ...opts, jobId: `${parentId}-r${k}`, failParentOnFailure: true },
      })),
    });
    return { kind: 'flow', parentId, children: ranges.length, pairs };
  });
}

/** After a child finishes: the parent's progress is the share of its children done. */
export async function reportFlowProgress(queue: Queue, child: Job): Promise<void> {
  if (!child.parent?.id) return;
  const parent = await queue.getJob(child.parent.id);
  if (!parent) return;
  const counts = await parent.getDependenciesCount({ processed: true, unprocessed: true });
  const total = (counts.processed ?? 0) + (counts.unprocessed ?? 0);
  const done = Math.min(total, (counts.processed ?? 0) + 1);
  await parent.updateProgress({ percent: total ? Math.round((done / total) * 100) : 100, childrenDone: done, children: total });
}

/**
 * True when a `pairs-finish` parent runs before all its children completed: one failed for good
 * (which failed the parent) and an operator retried the parent. Its marks then cover pairs that
 * were never written, so they must not be cleared: the parent re-plans them instead.
 */
export async function flowIncomplete(parent: Job, children: number): Promise<boolean> {
  const counts = await parent.getDependenciesCount({ processed: true });
  return (counts.processed ?? 0) < children;
}
