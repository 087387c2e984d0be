import { z } from 'zod';
import type { DefaultJobOptions } from 'bullmq';
import { runTriggers } from '../db/schema/sources.js';
import type { PairMark } from '../db/queries/pairs.js';

/**
 * The queues and their jobs. Stages talk through jobs on queues (never QueueEvents, which
 * loses events on the PostgreSQL backend), and each payload is a zod schema.
 */
export const queueNames = ['ingest', 'careers', 'comparisons'] as const;
export type QueueName = (typeof queueNames)[number];

export const ingestSourcePayload = z.object({
  sourceId: z.string().min(1),
  /** Set when a run row was created before enqueueing (manual runs); scheduled runs create one. */
  runId: z.number().int().positive().optional(),
  trigger: z.enum(runTriggers),
  /** An operator confirmed the source really shrank: the run may remove more than the shrink limit. */
  allowShrink: z.boolean().optional(),
});
export type IngestSourcePayload = z.infer<typeof ingestSourcePayload>;

/** `careers-changed`: facts of these careers changed; their metrics are due. */
export const careersChangedPayload = z.object({
  careerIds: z.array(z.number().int().positive()),
  sourceId: z.string().optional(),
});
export type CareersChangedPayload = z.infer<typeof careersChangedPayload>;

/** `recompute-all`: an operator asked for every career's metrics and pairs again. */
export const recomputeAllPayload = z.object({});

/**
 * `recompute-pairs`: drain careers marked for pair recomputation. Deduplicated by id (see
 * `enqueueRecomputePairs`): at most one waiting, since one job drains every mark set before it starts.
 */
export const recomputePairsPayload = z.object({ reason: z.string().optional() });
export type RecomputePairsPayload = z.infer<typeof recomputePairsPayload>;

/** `pairs-range`: one child of a large recompute; pairs whose lower side's id is in [fromId, toId). */
export const pairsRangePayload = z.object({
  fromId: z.number().int(),
  /** Exclusive; null = to the last career. */
  toId: z.number().int().nullable(),
  /** Careers whose pairs are due; 'all' = every pair of the range. */
  dirty: z.union([z.literal('all'), z.array(z.number().int())]),
  pairs: z.number().int(),
});
export type PairsRangePayload = z.infer<typeof pairsRangePayload>;

/** `pairs-finish`: the parent; runs once every range is done and clears the marks it covered. */
export const pairsFinishPayload = z.object({
  marks: z.array(z.object({ career_id: z.number().int(), marked_at: z.string() })) satisfies z.ZodType<PairMark[]>,
  pairs: z.number().int(),
  children: z.number().int(),
});
export type PairsFinishPayload = z.infer<typeof pairsFinishPayload>;

export const jobNames = {
  ingest: ['ingest-source'],
  careers: ['careers-changed', 'recompute-all'],
  comparisons: ['recompute-pairs', 'pairs-range', 'pairs-finish'],
} as const satisfies Record<QueueName, readonly string[]>;

/**
 * Every queue keeps finished jobs by age and count (BullMQ keeps everything by default and the
 * store grows without bound): completed for a day (at most 1,000), failed for a week (at most
 * 5,000) so operators can inspect and retry them.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};
