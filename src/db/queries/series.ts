import type { Db, Tx } from '../client.js';
import { rowsOf } from '../bulk.js';
import type { SeriesMetric, SeriesNote, SeriesPoint } from '../../core/series.js';
import { periodEndOrder, periodOrder } from '../../core/periods.js';

/** A stored series point of one career (the metric is the one asked for). */
export interface PeriodPoint extends Omit<SeriesPoint, 'metric'> {
  careerId: number;
}

/** One metric's points of the given careers by period, oldest first, within [from, to] (period labels). */
export async function loadPeriodPoints(db: Db, careerIds: number[], metric: SeriesMetric, range: { from?: string; to?: string } = {}): Promise<PeriodPoint[]> {
  const rows = await db.$client<
    {
      career_id: number;
      series: string;
      period: string;
      period_start: string;
      value: number | null;
      bound: 'at-least' | null;
      source: string;
      note: SeriesNote;
    }[]
  >`
    select career_id, series, period, period_start::text as period_start, value, bound, source, note from series_points
    where career_id = any(${careerIds}::int[]) and metric = ${metric}
    order by career_id, series, period_start, period`;
  const lo = range.from ? periodOrder(range.from) : -Infinity;
  const hi = range.to ? periodEndOrder(range.to) : Infinity;
  return rows
    .filter((r) => periodOrder(r.period) >= lo && periodOrder(r.period) <= hi)
    .map((r) => ({
      careerId: r.career_id,
      series: r.series,
      period: r.period,
      periodStart: r.period_start,
      value: r.value,
      bound: r.bound,
      source: r.source,
      note: r.note,
    }));
}

/** Every period a metric has points for, oldest first. */
export async function listPeriods(db: Db, metric: SeriesMetric): Promise<string[]> {
  const rows = await db.$client<
    { period: string }[]
  >`select distinct period, period_start from series_points where metric = ${metric} order by period_start, period`;
  return rows.map((r) => r.period);
}

export interface PeriodMover {
  slug: string;
  title: string;
  category: string;
  from: number;
  to: number;
  change: number;
  changePct: number | null;
  source: string;
  /** An endpoint is an OEWS hybrid code's figure (a wider group). */
  mapped: boolean;
}

/**
 * Careers whose metric moved most between two periods (same series at both), by % change or
 * absolute change, each career once: where it has several series with both periods (two
 * surveys, two OEWS sources), the one without a hybrid-code endpoint, then the first by name.
 * Top-coded endpoints are left out: their change is not known.
 */
export async function loadPeriodMovers(
  db: Db,
  params: { metric: SeriesMetric; from: string; to: string; category?: string; by: 'pct' | 'abs'; limit: number },
): Promise<PeriodMover[]> {
  const sql = db.$client;
  const rows = await sql<{ slug: string; title: string; category: string; v0: number; v1: number; source: string; mapped: boolean }[]>`
    select * from (
      select distinct on (c.id) c.slug, c.title, c.category, a.value as v0, b.value as v1, b.source,
        (a.note ? 'mapped' or b.note ? 'mapped') as mapped
      from series_points a join series_points b using (career_id, metric, series) join careers c on c.id = a.career_id
      where a.metric = ${params.metric} and a.period = ${params.from} and b.period = ${params.to}
        and a.value is not null and b.value is not null and a.bound is null and b.bound is null
        ${params.category ? sql`and lower(c.category) = lower(${params.category})` : sql``}
      order by c.id, (a.note ? 'mapped' or b.note ? 'mapped'), series
    ) m
    order by ${params.by === 'abs' ? sql`abs(v1 - v0)` : sql`abs(v1 - v0) / greatest(abs(v0), 1e-9)`} desc, slug
    limit ${params.limit}`;
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    category: r.category,
    from: r.v0,
    to: r.v1,
    source: r.source,
    mapped: r.mapped,
    change: Math.round((r.v1 - r.v0) * 10) / 10,
    changePct: r.v0 === 0 ? null : Math.round(((r.v1 - r.v0) / Math.abs(r.v0)) * 1000) / 10,
  }));
}

/** The stored series version of every career (a hash of its points). */
export async function readSeriesVersions(tx: Tx): Promise<Map<number, string>> {
  return new Map((await tx<{ career_id: number; version: string }[]>`select career_id, version from career_series`).map((r) => [r.career_id, r.version]));
}

/** Replaces the points of each given career and stores its new version (in the metrics transaction). */
export async function rewriteCareerSeries(tx: Tx, changed: readonly (readonly [number, { points: readonly SeriesPoint[]; version: string }])[]): Promise<void> {
  const ids = changed.map(([id]) => id);
  await tx`delete from series_points where career_id = any(${ids}::int[])`;
  const rows = changed.flatMap(([id, s]) =>
    s.points.map((p) => ({
      career_id: id,
      metric: p.metric,
      series: p.series,
      period: p.period,
      period_start: p.periodStart,
      value: p.value,
      bound: p.bound,
      source: p.source,
      note: JSON.stringify(p.note),
    })),
  );
  const cols = ['career_id', 'metric', 'series', 'period', 'period_start', 'value', 'bound', 'source', 'note'];
  for (let i = 0; i < rows.length; i += 5_000) await tx`insert into series_points ${rowsOf(tx, rows.slice(i, i + 5_000), cols)}`;
  const versions = changed.map(([id, s]) => ({ career_id: id, version: s.version }));
  await tx`
    insert into career_series ${rowsOf(tx, versions, ['career_id', 'version'])}
    on conflict (career_id) do update set version = excluded.version, updated_at = now()`;
}
