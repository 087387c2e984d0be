/**
 * Charts by the data's own periods: each chosen career's points of one metric on one x axis
 * (the periods' start dates, ticks labelled by period), with its source per value, its growth
 * summary (its CSV is in csv-downloads.ts).
 */
import { comparePeriods } from '../core/periods.js';
import { SERIES_UNITS, summarizeSeries, type SeriesMetric, type SeriesSummary } from '../core/series.js';
import type { Db } from '../db/client.js';
import { loadPeriodPoints, type PeriodPoint } from '../db/queries/series.js';
import type { ChartData } from './widgets.js';

export const PERIOD_LABELS: Record<SeriesMetric, string> = {
  salaryMedian: 'Median salary (USD/yr)',
  salaryP10: 'Salary, 10th percentile (USD/yr)',
  salaryP25: 'Salary, 25th percentile (USD/yr)',
  salaryP75: 'Salary, 75th percentile (USD/yr)',
  salaryP90: 'Salary, 90th percentile (USD/yr)',
  employment: 'Employment (jobs)',
  demandScore: 'Demand score (0–10)',
  surveyMedian: 'Median reported salary (USD/yr)',
  projectedChangePct: 'Projected employment change over the span (%)',
  projectedOpenings: 'Projected openings a year',
  postingsIndex: 'Job postings index (1 Feb 2020 = 100)',
};

export interface CareerRef {
  id: number;
  slug: string;
  title: string;
}

export interface PeriodChart {
  data: ChartData;
  /** Each career's growth between its first and last exact values, per series. */
  summaries: { career: CareerRef; summary: SeriesSummary }[];
  rows: { career: CareerRef; point: PeriodPoint }[];
}

const sec = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 1000;

/** Describes a point for tables and CSVs: its source, and what makes it special. */
export function pointNote(p: PeriodPoint): string {
  const parts = [p.source];
  if (p.bound === 'at-least') parts.push('top-coded: at least this');
  if (p.note.mapped) parts.push(`BLS published hybrid ${p.note.mapped.from} (a wider group)`);
  if (p.note.break) parts.push(`no value: ${p.note.break}`);
  if (p.note.count !== undefined) parts.push(`${p.note.count} ${p.note.count === 1 ? 'salary' : 'salaries'}`);
  if (p.note.method) parts.push(p.note.method);
  return parts.join('; ');
}

/** One metric's chart by period for the careers (one line per career and series). */
export async function periodChart(db: Db, careers: CareerRef[], metric: SeriesMetric, range: { from?: string; to?: string } = {}): Promise<PeriodChart> {
  const points = careers.length
    ? await loadPeriodPoints(
        db,
        careers.map((k) => k.id),
        metric,
        range,
      )
    : [];
  const byCareer = careers.map((k) => ({ career: k, points: points.filter((p) => p.careerId === k.id) }));
  const periods = [...new Map(points.map((p) => [p.period, p.periodStart]))].sort((a, b) => comparePeriods(a[0], b[0]));
  const lines: ChartData['series'] = [];
  const summaries: PeriodChart['summaries'] = [];
  for (const { career, points: own } of byCareer) {
    const names = [...new Set(own.map((p) => p.series))];
    for (const name of names) {
      const mine = own.filter((p) => p.series === name);
      const at = new Map(mine.map((p) => [p.period, p]));
      lines.push({
        label: names.length > 1 ? `${career.title} (${name})` : career.title,
        values: periods.map(([period]) => at.get(period)?.value ?? null),
        sources: periods.map(([period]) => {
          const p = at.get(period);
          return p ? `${pointNote(p)}, ${p.period}` : null;
        }),
      });
      summaries.push({ career, summary: summarizeSeries(name, mine) });
    }
  }
  return {
    data: { x: periods.map(([, start]) => sec(start)), labels: periods.map(([p]) => p), series: lines, unit: SERIES_UNITS[metric], xUnit: 'period' },
    summaries,
    rows: byCareer.flatMap(({ career, points: own }) => own.map((point) => ({ career, point }))),
  };
}

/** "grew 20.8 % from May 2020 to May 2024", only from the series itself; null without two points. */
export function growthText(s: SeriesSummary): string | null {
  if (!s.change || s.change.pct === null || !s.from || !s.to) return null;
  const pct = Math.abs(s.change.pct);
  const verb = s.change.pct > 0 ? `grew ${pct} %` : s.change.pct < 0 ? `fell ${pct} %` : 'did not change';
  return `${verb} from ${s.from} to ${s.to}${s.mapped ? ` (${s.from} counts a wider hybrid SOC group)` : ''}`;
}
