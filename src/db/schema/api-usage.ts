import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the API's rate limiter, one row per client key (`key:<id>` or `ip:<addr>`)
 * per fixed window, shared by every API process. Each process adds its local counts in batches.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    /** Window start, epoch seconds. */
    windowStart: bigint('window_start', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** How often each pair was asked for (canonical order a < b), for "most compared" on the overview. */
export const compareCounts = pgTable(
  'compare_counts',
  {
    aSlug: text('a_slug').notNull(),
    bSlug: text('b_slug').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.aSlug, t.bSlug] })],
);
