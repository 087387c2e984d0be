import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { careers } from './careers.js';

/**
 * Operators' pins: a job title that always goes to this career, whatever the matcher says. Read
 * by every ingest run before matching; a change of pins makes sources read their documents again.
 */
export const titlePins = pgTable('title_pins', {
  /** The title as looked up (lowercase, punctuation as spaces): "Sr. Data Eng." and "sr data eng" are one pin. */
  normalized: text('normalized').primaryKey(),
  /** The title as the operator wrote it. */
  title: text('title').notNull(),
  careerId: integer('career_id')
    .notNull()
    .references(() => careers.id, { onDelete: 'cascade' }),
  /** Who pinned it (an actor label, as in the audit log). */
  pinnedBy: text('pinned_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
