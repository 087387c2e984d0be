import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Every operator change: who (key id and name, or `cli`), what, on which target, when, details. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `key:<id>:<name>`, `cli`, or `system`. */
    actor: text('actor').notNull(),
    keyId: integer('key_id'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

export const alertKinds = ['run-failed', 'source-stale'] as const;
export type AlertKind = (typeof alertKinds)[number];

/**
 * Alerts raised for operators: a run that failed after its retries, or a source that turned
 * stale. The unique indexes make raising an alert idempotent across scheduler processes: one
 * alert per failed run, one open stale alert per source (closed when the source is fresh again).
 */
export const opsAlerts = pgTable(
  'ops_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: alertKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    runId: bigint('run_id', { mode: 'number' }),
    message: text('message').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('ops_alerts_run_idx').on(t.runId).where(sql`kind = 'run-failed'`),
    uniqueIndex('ops_alerts_open_stale_idx').on(t.sourceId).where(sql`kind = 'source-stale' and resolved_at is null`),
    index('ops_alerts_raised_idx').on(t.raisedAt),
  ],
);
