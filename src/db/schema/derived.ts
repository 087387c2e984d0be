import { bigint, customType, integer, index, jsonb, pgSequence, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { careers } from './careers.js';

/**
 * Orders every content change of careers' metrics and of comparisons, so clients that mirror
 * them ask for what changed since the last value they saw (`/v1/changes?since=`).
 */
export const changeSeq = pgSequence('change_seq');
const nextChange = sql`nextval('change_seq')`;

/**
 * The writing transaction's id (xid8). Seqs are taken at write time but transactions commit in
 * any order, so the change feed pages by (txid, seq) below the oldest running transaction:
 * nothing can later appear before a cursor it handed out. Every write sets it.
 */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const currentTxid = sql`pg_current_xact_id()`;

/** The latest metrics of each career; `version` is a hash of the content. */
export const careerMetrics = pgTable(
  'career_metrics',
  {
    careerId: integer('career_id')
      .primaryKey()
      .references(() => careers.id, { onDelete: 'cascade' }),
    metrics: jsonb('metrics').notNull(),
    /** Canonical skills with concept tags, as comparisons use them. */
    skills: jsonb('skills').notNull().default([]),
    version: text('version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(nextChange),
    txid: xid8('txid').notNull().default(currentTxid),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('career_metrics_seq_idx').on(t.seq), index('career_metrics_txid_seq_idx').on(t.txid, t.seq)],
);

/** Every metrics version a career has had, for trends. */
export const metricHistory = pgTable(
  'metric_history',
  {
    careerId: integer('career_id')
      .notNull()
      .references(() => careers.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    metrics: jsonb('metrics').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.careerId, t.computedAt] })],
);

/**
 * The precomputed comparison of a pair, stored once with a_id < b_id in a compact form (verdict
 * codes, skill indexes, figures); the API expands it with both careers' metrics and the text.
 * No foreign keys on purpose: their per-row checks (two key-share row locks on careers per pair)
 * made a full recompute of 515,000 pairs 2.4× slower. Career ids are never reused, the API reads
 * a pair only after finding both careers, and the pair workers delete pairs of careers that are gone.
 */
export const comparisons = pgTable(
  'comparisons',
  {
    aId: integer('a_id').notNull(),
    bId: integer('b_id').notNull(),
    data: jsonb('data').notNull(),
    version: text('version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(nextChange),
    txid: xid8('txid').notNull().default(currentTxid),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.aId, t.bId] }), index('comparisons_seq_idx').on(t.seq), index('comparisons_txid_seq_idx').on(t.txid, t.seq)],
);

/** Careers whose metrics or pairs must be recomputed: the durable side of `careers-changed`. */
export const dirtyCareers = pgTable(
  'dirty_careers',
  {
    careerId: integer('career_id')
      .notNull()
      .references(() => careers.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['metrics', 'pairs'] }).notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stage, t.careerId] })],
);
