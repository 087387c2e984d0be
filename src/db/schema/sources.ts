import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

import { sql } from 'drizzle-orm';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const sourceKinds = [
  'onet-database',
  'oews-wages',
  'ai-exposure',
  'telework',
  'salary-survey',
  'job-postings',
  'career-pages',
  'employment-projections',
  'postings-index',
  'onet-ratings',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** A schedule is a cron expression in a time zone, or a fixed interval in milliseconds. */
export type Schedule = { cron: string; tz: string } | { everyMs: number };

/** A source as the source list defines it (src/ingest/catalog.ts reads and checks the list). */
export interface SourceDefinition {
  id: string;
  kind: SourceKind;
  url: string;
  schedule: Schedule;
  options: Record<string, unknown>;
  enabled: boolean;
}

/** `cancelled`: an operator stopped the run; `failed` also covers runs the reaper found lost. */
export const runStatuses = ['queued', 'running', 'succeeded', 'unchanged', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** `snapshot`: the source was filled from the bundled snapshot (its publisher could not be reached, or OFFLINE). */
export const runTriggers = ['schedule', 'manual', 'startup', 'retry', 'snapshot'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** The bundled snapshot a source's facts come from, while it serves one (null: live data, or none yet). */
export interface ServedSnapshot {
  /** The release as its publisher names it (`May 2024`). */
  release: string;
  /** When the bundled copy was taken from its publisher (YYYY-MM-DD). */
  retrievedAt: string;
}

export interface RunStats {
  fetched: number;
  parsed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Facts removed because the source no longer states them. */
  removed: number;
  rejected: number;
  rejects: { line: number | null; reason: string; file?: string }[];
  changedCareers: number;
  /** Facts naming careers that do not exist (yet); the source runs again when careers arrive. */
  unresolved: number;
  durationMs: number;
  bytes: number;
}

export const sources = pgTable('sources', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: sourceKinds }).notNull(),
  url: text('url').notNull(),
  schedule: jsonb('schedule').$type<Schedule>().notNull(),
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  /**
   * Set when the source left the configured list (SOURCES_FILE): it no longer runs, but its facts,
   * documents and runs are kept; listing it again clears this. Only an operator's purge deletes.
   */
  delistedAt: timestamp('delisted_at', { withTimezone: true }),
  /** 'config' while the schedule follows the source list; 'operator' once changed at run time. */
  scheduleSetBy: text('schedule_set_by', { enum: ['config', 'operator'] })
    .notNull()
    .default('config'),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  /**
   * Set while the source's facts come from the bundled snapshot (a `snapshot` run wrote them);
   * a live run that succeeds clears it. A snapshot never replaces live data.
   */
  snapshot: jsonb('snapshot').$type<ServedSnapshot>(),
  /** The career set the last successful batch was resolved against (see write-batch.ts). */
  careersFingerprint: text('careers_fingerprint'),
  /** The adapter version (SourceAdapter.version) of the last written batch; an older one reads the documents again. */
  normalizerVersion: integer('normalizer_version'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ingestRuns = pgTable(
  'ingest_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    status: text('status', { enum: runStatuses }).notNull(),
    trigger: text('trigger', { enum: runTriggers }).notNull(),
    stats: jsonb('stats').$type<Partial<RunStats>>().notNull().default({}),
    error: text('error'),
    /** The process that ran it (host:pid), for operators following a run across workers. */
    worker: text('worker'),
    /**
     * The BullMQ job carrying the run when it is not `run-<id>` (a scheduled tick's job): the
     * reaper looks it up to tell a live run from a lost one.
     */
    jobId: text('job_id'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('ingest_runs_source_idx').on(t.sourceId, t.queuedAt),
    // Never two concurrent runs of one source: a second request gets the active one.
    uniqueIndex('ingest_runs_one_active_idx').on(t.sourceId).where(sql`status in ('queued', 'running')`),
  ],
);

/** Every fetched document, archived once per content hash, so each fact can name its origin. */
export const rawDocuments = pgTable(
  'raw_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    contentType: text('content_type'),
    /** The body as fetched, gzip-compressed. */
    body: bytea('body').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('raw_documents_hash_idx').on(t.sourceId, t.url, t.sha256)],
);

/** Validators of each document a source fetches, for conditional GET and unchanged detection. */
export const sourceDocuments = pgTable(
  'source_documents',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    sha256: text('sha256').notNull(),
    rawDocumentId: bigint('raw_document_id', { mode: 'number' }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.url] })],
);

/** Titles a source used that no career matched: the operators' to-do list, replaced each run. */
export const unmatchedTitles = pgTable(
  'unmatched_titles',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    candidates: jsonb('candidates').$type<{ slug: string; confidence: number }[]>().notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.title] })],
);
