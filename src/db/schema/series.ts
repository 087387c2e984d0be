import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { careers } from './careers.js';

/**
 * The version (content hash) of each career's series points: the metrics worker rewrites a
 * career's points only when it differs.
 */
export const careerSeries = pgTable('career_series', {
  careerId: integer('career_id')
    .primaryKey()
    .references(() => careers.id, { onDelete: 'cascade' }),
  version: text('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A career's figures by the data's own periods (src/core/series.ts): one row per metric, series
 * (its source or survey) and period, with the source of the value. A null value is a break.
 */
export const seriesPoints = pgTable(
  'series_points',
  {
    careerId: integer('career_id')
      .notNull()
      .references(() => careers.id, { onDelete: 'cascade' }),
    /** `salaryMedian`, `employment`, `demandScore`, `surveyMedian`, … (SERIES_METRICS). */
    metric: text('metric').notNull(),
    series: text('series').notNull(),
    /** The period as the source names it (`May 2021`, `2022`) and the day it starts. */
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    value: doublePrecision('value'),
    /** `at-least` for a top-coded value. */
    bound: text('bound'),
    source: text('source').notNull(),
    /** mapped (hybrid code), break (reason), method, count. */
    note: jsonb('note').notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.careerId, t.metric, t.series, t.period] }), index('series_points_metric_period_idx').on(t.metric, t.period)],
);
