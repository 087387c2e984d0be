/**
 * The operators' API (`/v1/ops`) request and response schemas: the handlers validate requests
 * with these, and the OpenAPI document describes the `ops` operations from them.
 */
import { z } from '@hono/zod-openapi';
import { runStatuses, runTriggers, sourceKinds } from '../db/schema/sources.js';
import { alertKinds } from '../db/schema/audit.js';

/** Source ids as the source list allows them (src/ingest/catalog.ts). */
const SourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a source id (lowercase letters, digits and -)');
export const SourceIdParamSchema = z.object({ id: SourceIdSchema.openapi({ description: 'The source id from the source list', example: 'onet' }) });
export const RunIdParamSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ description: 'A run id', example: 42 }),
});

export const RunsQuerySchema = z
  .object({
    source: SourceIdSchema.optional().openapi({ description: 'Only the runs of this source' }),
    status: z.enum(runStatuses).optional(),
    trigger: z.enum(runTriggers).optional(),
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Only runs queued at or after this time (ISO 8601 with offset)', example: '2026-01-31T00:00:00Z' }),
    cursor: z.coerce.number().int().positive().optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const PurgeQuerySchema = z.object({
  confirm: z.string().optional().openapi({ description: 'The source id again: purging deletes its facts, documents and runs for good' }),
});

export const RunBodySchema = z
  .object({
    allowShrink: z.boolean().optional().openapi({ description: "This run may remove more of the source's facts than its shrink limit" }),
  })
  .strict()
  .openapi('RunRequest');

export const RecomputeBodySchema = z
  .object({
    all: z.literal(true).optional().openapi({ description: 'Recompute every career and pair' }),
    career: z.string().min(1).max(200).optional().openapi({ description: 'Recompute one career (slug) and its pairs' }),
  })
  .strict()
  .refine((b) => !(b.all && b.career), 'give either "all": true or "career", not both')
  .openapi('RecomputeRequest');

/** A pin: the title as postings and surveys write it, and the career (slug or O*NET-SOC code) it always goes to. */
export const PinBodySchema = z
  .object({ title: z.string().min(1).max(200), career: z.string().min(1).max(200) })
  .strict()
  .openapi('TitlePinRequest');
export const UnpinQuerySchema = z.object({ title: z.string().min(1).max(200).openapi({ description: 'The pinned title' }) }).strict();

const instant = z.string().openapi({ description: 'ISO 8601 time', example: '2026-01-31T03:00:00.000Z' });
const count = z.number().int().min(0);

export const ScheduleSchema = z
  .union([z.object({ cron: z.string(), tz: z.string() }), z.object({ everyMs: z.number().int() })])
  .openapi('Schedule', { description: 'A cron expression in an IANA time zone, or a fixed interval in milliseconds' });

export const RunSummarySchema = z
  .object({
    id: z.number().int(),
    status: z.enum(runStatuses),
    trigger: z.enum(runTriggers),
    queuedAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    stats: z
      .object({
        fetched: count,
        parsed: count,
        inserted: count,
        updated: count,
        unchanged: count,
        removed: count,
        rejected: count,
        changedCareers: count,
        unresolved: count,
        durationMs: z.number().min(0),
        bytes: count,
      })
      .partial()
      .openapi({ description: "What the run did so far (rejected rows are in the run's details)" }),
    error: z.string().nullable(),
  })
  .openapi('RunSummary');

export const SourceStatusSchema = z
  .object({
    id: z.string(),
    kind: z.enum(sourceKinds),
    url: z.string(),
    enabled: z.boolean(),
    delistedAt: instant.nullable().openapi({ description: 'When the source left the source list (it no longer runs; its data is kept); null while listed' }),
    schedule: ScheduleSchema,
    scheduleSetBy: z.enum(['config', 'operator']),
    lastRun: z.union([RunSummarySchema, z.null()]),
    activeRun: z.union([RunSummarySchema, z.null()]),
    nextRunAt: instant.nullable(),
    freshness: z.object({ state: z.enum(['fresh', 'stale', 'pending']), lastSuccessAt: instant.nullable(), intervalMs: z.number().min(0), staleAt: instant }),
    servedFrom: z.enum(['live', 'snapshot', 'none']),
    snapshot: z.object({ release: z.string(), retrievedAt: z.string() }).nullable(),
  })
  .openapi('SourceStatus');

export const SourceListSchema = z.object({ items: z.array(SourceStatusSchema) }).openapi('SourceList');

export const RunListSchema = z
  .object({
    items: z.array(RunSummarySchema.extend({ sourceId: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .openapi('RunList');

export const RunDetailSchema = RunSummarySchema.extend({
  sourceId: z.string(),
  rejects: z.array(z.object({ line: z.number().int().nullable(), reason: z.string(), file: z.string().optional() })),
  progress: z.object({ percent: z.number().optional(), message: z.string().optional() }).nullable(),
}).openapi('RunDetail');

export const CancelledRunSchema = RunSummarySchema.extend({ sourceId: z.string() }).openapi('CancelledRun');

export const QueuedRunSchema = z
  .object({
    runId: z.number().int(),
    existing: z.boolean().openapi({ description: 'true: the run already queued or running (a source never runs twice at once)' }),
  })
  .openapi('QueuedRun');

export const RetriedRunSchema = QueuedRunSchema.extend({ retryOf: z.number().int() }).openapi('RetriedRun');

export const PurgedSourceSchema = z
  .object({
    id: z.string(),
    facts: count,
    documents: count,
    runs: count,
    careers: count.openapi({ description: 'Careers that lost facts (queued for recompute)' }),
  })
  .openapi('PurgedSource');

export const RecomputeQueuedSchema = z.object({ queue: z.literal('careers'), jobId: z.string(), scope: z.string() }).openapi('RecomputeQueued');

export const AlertListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(alertKinds),
        sourceId: z.string(),
        runId: z.number().int().nullable(),
        message: z.string(),
        raisedAt: instant,
        resolvedAt: instant.nullable(),
      }),
    ),
  })
  .openapi('AlertList');

export const AuditListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        actor: z.string().openapi({ description: '`key:<id>:<name>`, `cli` or `system`' }),
        keyId: z.number().int().nullable(),
        action: z.string(),
        target: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
        at: instant,
      }),
    ),
  })
  .openapi('AuditList');

const QueuedRuns = z
  .array(z.object({ sourceId: z.string(), runId: z.number().int() }))
  .openapi({ description: 'Runs queued so that the sources matching titles apply the change now' });

export const TitlePinSchema = z
  .object({
    title: z.string(),
    normalized: z.string(),
    career: z.object({ slug: z.string(), title: z.string() }),
    pinnedBy: z.string(),
    updatedAt: instant,
    runs: QueuedRuns.optional(),
  })
  .openapi('TitlePin');

export const TitlePinListSchema = z.object({ items: z.array(TitlePinSchema) }).openapi('TitlePinList');

export const TitleUnpinnedSchema = z.object({ title: z.string(), normalized: z.string(), career: z.string(), runs: QueuedRuns }).openapi('TitleUnpinned');

export const UnmatchedTitleListSchema = z
  .object({
    items: z.array(
      z.object({
        sourceId: z.string(),
        title: z.string(),
        count: count,
        candidates: z.array(z.object({ slug: z.string(), confidence: z.number() })),
      }),
    ),
  })
  .openapi('UnmatchedTitleList');
