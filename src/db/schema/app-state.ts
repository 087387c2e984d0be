import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Settings the system keeps about itself. `derived-version`: the version of the code that
 * derived the stored metrics and comparisons (core/derived-version.ts); a scheduler that starts
 * with another version queues a full recompute, so an upgrade never serves figures or text of
 * the code it replaced.
 */
export const appState = pgTable('app_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
