import type { Db } from '../client.js';
import { sourceLabel } from '../../core/provenance.js';

/** Where each trend metric sits in the CareerMetrics JSON (a figure: value, source, period). */
export const TREND_PATHS = {
  salaryMedian: ['salary', 'median'],
  salaryMin: ['salary', 'min'],
  salaryMax: ['salary', 'max'],
  demandScore: ['demandScore'],
  aiReplacementRisk: ['aiReplacementRisk'],
  learningCurveMonths: ['learningCurveMonths'],
} as const;
export type TrendMetric = keyof typeof TREND_PATHS;

export interface TrendPoint {
  at: string;
  value: number | null;
  source: string | null;
  period: string | null;
}

/** One metric's values over the career's metrics history, oldest first, within [from, to]. */
export async function loadTrend(db: Db, careerId: number, metric: TrendMetric, range: { from?: string; to?: string }): Promise<TrendPoint[]> {
  const sql = db.$client;
  const path = TREND_PATHS[metric] as readonly string[];
  const rows = await sql<{ at: Date | string; fig: { value?: unknown; source?: unknown; period?: unknown } | null }[]>`
    select computed_at as at, metrics #> ${path as string[]} as fig from metric_history
    where career_id = ${careerId}
      ${range.from ? sql`and computed_at >= ${range.from}::timestamptz` : sql``}
      ${range.to ? sql`and computed_at <= ${range.to}::timestamptz` : sql``}
    order by computed_at limit 5000`;
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    value: typeof r.fig?.value === 'number' ? r.fig.value : null,
    source: typeof r.fig?.source === 'string' ? r.fig.source : null,
    period: typeof r.fig?.period === 'string' ? r.fig.period : null,
  }));
}

export interface SurveyYear {
  careerId: number;
  year: number;
  median: number;
  p25: number;
  p75: number;
  count: number;
  source: string;
}

/**
 * Salary-survey medians by survey year (the survey's own period, not when we computed
 * anything): a salary trend as reported, one point per career, survey and year.
 */
export async function loadSurveySalaries(db: Db, careerIds: number[]): Promise<SurveyYear[]> {
  const rows = await db.$client<
    { career_id: number; period: string; median: number; p25: number; p75: number; count: number; kind: string; source_id: string }[]
  >`
    select * from (
      select distinct on (f.career_id, coalesce(f.value->>'survey', s.id), f.period)
        f.career_id, f.period, (f.value->>'median')::float8 as median, (f.value->>'p25')::float8 as p25, (f.value->>'p75')::float8 as p75,
        (f.value->>'count')::int as count, s.kind, s.id as source_id
      from facts f join sources s on s.id = f.source_id
      where f.key = 'salary-survey' and f.career_id = any(${careerIds}::int[]) and f.period ~ '^[0-9]{4}$'
        and jsonb_typeof(f.value->'median') = 'number'
      -- one survey, several snapshots: the newest snapshot's figures for each year
      order by f.career_id, coalesce(f.value->>'survey', s.id), f.period, f.value->>'snapshot' desc nulls last, s.id) t
    order by career_id, period, source_id`;
  return rows.map((r) => ({
    careerId: r.career_id,
    year: Number(r.period),
    median: r.median,
    p25: r.p25,
    p75: r.p75,
    count: r.count,
    source: sourceLabel(r.kind, r.source_id),
  }));
}
