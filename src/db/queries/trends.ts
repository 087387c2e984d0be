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

export interface TrendPoint { at: string; value: number | null; source: string | null; period: string | null }

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

export interface Mover { slug: string; title: string; category: string; from: number; to: number; change: number; changePct: number | null }

/**
 * Careers whose metric moved most between the start and the end of a window: for each career
 * the last value at or before `from` (or its first inside the window) against its latest by `to`.
 */
export async function loadTopMovers(db: Db, params: { metric: TrendMetric; from: string; to: string; category?: string; limit: number }): Promise<Mover[]> {
  const sql = db.$client;
  const path = TREND_PATHS[params.metric] as readonly string[];
  const rows = await sql<{ slug: string; title: string; category: string; v0: number; v1: number }[]>`
    with vals as (
      select h.career_id, h.computed_at, (h.metrics #>> ${[...path, 'value']})::float8 as v
      from metric_history h where h.computed_at <= ${params.to}::timestamptz
        and jsonb_typeof(h.metrics #> ${[...path, 'value']}) = 'number'),
    first as (
      select distinct on (career_id) career_id, v from vals
      order by career_id, (computed_at <= ${params.from}::timestamptz) desc,
        case when computed_at <= ${params.from}::timestamptz then -extract(epoch from computed_at) else extract(epoch from computed_at) end),
    last as (select distinct on (career_id) career_id, v from vals order by career_id, computed_at desc)
    select c.slug, c.title, c.category, f.v as v0, l.v as v1
    from first f join last l using (career_id) join careers c on c.id = f.career_id
    where l.v <> f.v ${params.category ? sql`and lower(c.category) = lower(${params.category})` : sql``}
    order by abs(l.v - f.v) / greatest(abs(f.v), 1e-9) desc, c.slug limit ${params.limit}`;
  return rows.map((r) => ({
    slug: r.slug, title: r.title, category: r.category, from: r.v0, to: r.v1,
    change: r.v1 - r.v0, changePct: r.v0 === 0 ? null : Math.round(((r.v1 - r.v0) / Math.abs(r.v0)) * 1000) / 10,
  }));
}

export interface SurveyYear { careerId: number; year: number; median: number; p25: number; p75: number; count: number; source: string }

/**
 * Salary-survey medians by survey year (the survey's own period, not when we computed
 * anything): a salary trend as reported, one point per career, source and year.
 */
export async function loadSurveySalaries(db: Db, careerIds: number[]): Promise<SurveyYear[]> {
  const rows = await db.$client<{ career_id: number; period: string; median: number; p25: number; p75: number; count: number; kind: string; source_id: string }[]>`
    select f.career_id, f.period, (f.value->>'median')::float8 as median, (f.value->>'p25')::float8 as p25, (f.value->>'p75')::float8 as p75,
      (f.value->>'count')::int as count, s.kind, s.id as source_id
    from facts f join sources s on s.id = f.source_id
    where f.key = 'salary-survey' and f.career_id = any(${careerIds}::int[]) and f.period ~ '^[0-9]{4}$'
      and jsonb_typeof(f.value->'median') = 'number'
    order by f.career_id, f.period, s.id`;
  return rows.map((r) => ({
    careerId: r.career_id, year: Number(r.period), median: r.median, p25: r.p25, p75: r.p75, count: r.count, source: sourceLabel(r.kind, r.source_id),
  }));
}
