import { index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, bigint } from 'drizzle-orm/pg-core';
import { rawDocuments, sources } from './sources.js';

export const careerOrigins = ['onet', 'career-page'] as const;

export const careers = pgTable('careers', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  /** O*NET-SOC 2019 code (`15-1252.00`); null for careers no taxonomy has yet. */
  onetCode: text('onet_code').unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  category: text('category').notNull().default('Uncategorized'),
  origin: text('origin', { enum: careerOrigins }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const careerAliases = pgTable(
  'career_aliases',
  {
    careerId: integer('career_id')
      .notNull()
      .references(() => careers.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    normalized: text('normalized').notNull(),
    /**
     * How strongly the source ties this name to the career: for O*NET, one per source listing it
     * as an alternate title plus one when incumbents reported it. A name several careers share
     * goes to the one with the most evidence (src/core/title-match.ts).
     */
    evidence: smallint('evidence').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.careerId, t.normalized] }), index('career_aliases_norm_idx').on(t.normalized)],
);

/**
 * One fact a source states about a career for one period (wages for May 2021, the AI exposure
 * of one method, the technology skills of an O*NET release). The hash makes re-ingesting the
 * same input a no-op and tells exactly which careers changed.
 */
export const facts = pgTable(
  'facts',
  {
    careerId: integer('career_id')
      .notNull()
      .references(() => careers.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    period: text('period').notNull(),
    value: jsonb('value').notNull(),
    hash: text('hash').notNull(),
    rawDocumentId: bigint('raw_document_id', { mode: 'number' }).references(() => rawDocuments.id, { onDelete: 'set null' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.careerId, t.sourceId, t.key, t.period] })],
);
