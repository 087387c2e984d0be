/**
 * A career's figures by the data's own periods (OEWS reference months, survey years), one point
 * per period and series, each with its source: what trends chart. Pure.
 *
 * - OEWS: employment and annual wage percentiles per reference period; a top-coded cell is a
 *   bound (`at-least`), a hybrid code's figures are marked `mapped`, and a period without an
 *   honest value is a point with a null value and the reason (the series breaks there).
 * - Salary surveys: the median per survey year, one series per survey (the newest snapshot's
 *   figures per year, see assemble-facts).
 * - Indeed Hiring Lab postings index of the career's sector by month (where the sector is mapped).
 * - BLS Employment Projections: projected % change and annual openings per projection period
 *   (`2022-32`, `2024-34`), side by side.
 * - Demand score per OEWS period (method DEMAND_PERIOD_METHOD): demand-v1's OEWS signals only
 *   (employment and its change since the first period), ranked among the careers that have them
 *   at that period; postings and technology flags describe today, not a past period.
 */
import { computeDemandScore, DEMAND_V1_WEIGHTS } from './metrics/demand.js';
import type { CareerFacts, WageObservation } from './metrics/facts.js';
import { computePopulationStats } from './metrics/population.js';
import { cagr, comparePeriods, readPeriod } from './periods.js';
import { SURVEY_MIN_COUNT } from './metrics/salary.js';

export const SERIES_METRICS = [
  'salaryMedian',
  'salaryP10',
  'salaryP25',
  'salaryP75',
  'salaryP90',
  'employment',
  'demandScore',
  'surveyMedian',
  'projectedChangePct',
  'projectedOpenings',
  'postingsIndex',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

/** `value` when it names a series metric, else `fallback`. */
export function seriesMetricOr(value: string | undefined, fallback: SeriesMetric): SeriesMetric {
  return (SERIES_METRICS as readonly string[]).includes(value ?? '') ? (value as SeriesMetric) : fallback;
}

/** Version of the per-period demand method; each demand point names it. */
export const DEMAND_PERIOD_METHOD = 'demand-v1-oews-period';

export interface SeriesPoint {
  metric: SeriesMetric;
  /** Which series of the metric: the source (`BLS OEWS (oews)`) or the survey. */
  series: string;
  period: string;
  /** ISO date the period starts (for ordering and the x axis). */
  periodStart: string;
  /** Null: no honest value for this period (see note.break). */
  value: number | null;
  /** `at-least`: a top-coded cell, the true value is at least `value`. */
  bound: 'at-least' | null;
  source: string;
  note: SeriesNote;
}

export interface SeriesNote {
  /** The figures are an OEWS hybrid code's, which counts a wider group (e.g. 15-1256 for 15-1252). */
  mapped?: { from: string; share: number };
  /** Why this period has no value. */
  break?: string;
  /** The method that made the value (demand). */
  method?: string;
  /** Salaries behind a survey median. */
  count?: number;
}

const WAGE_METRICS: [SeriesMetric, keyof WageObservation & ('median' | 'p10' | 'p25' | 'p75' | 'p90')][] = [
  ['salaryMedian', 'median'],
  ['salaryP10', 'p10'],
  ['salaryP25', 'p25'],
  ['salaryP75', 'p75'],
  ['salaryP90', 'p90'],
];

function point(
  metric: SeriesMetric,
  series: string,
  period: string,
  value: number | null,
  source: string,
  note: SeriesNote = {},
  bound: SeriesPoint['bound'] = null,
): SeriesPoint | null {
  const p = readPeriod(period);
  return p ? { metric, series, period, periodStart: p.start, value, bound, source, note } : null;
}

/** OEWS and survey points of one career, ordered by metric, series and period. */
export function careerSeries(facts: CareerFacts): SeriesPoint[] {
  const out: (SeriesPoint | null)[] = [];
  for (const w of facts.wages) {
    if (!w.period) continue;
    const note: SeriesNote = w.mapped ? { mapped: w.mapped } : {};
    for (const [metric, key] of WAGE_METRICS) {
      const v = w[key];
      out.push(point(metric, w.source, w.period, v === null ? null : Math.round(v), w.source, note, w.topCoded[key] ? 'at-least' : null));
    }
    out.push(point('employment', w.source, w.period, w.employment, w.source, note));
  }
  for (const b of facts.wageBreaks ?? []) {
    if (!b.period || facts.wages.some((w) => w.period === b.period && w.source === b.source)) continue;
    for (const metric of [...WAGE_METRICS.map(([m]) => m), 'employment' as const])
      out.push(point(metric, b.source, b.period, null, b.source, { break: b.reason }));
  }
  for (const x of facts.postingsIndex ?? []) {
    if (x.period) out.push(point('postingsIndex', `Indeed: ${x.sector}`, x.period, x.index, x.source));
  }
  for (const pr of facts.projections ?? []) {
    if (!pr.period) continue;
    out.push(point('projectedChangePct', pr.source, pr.period, pr.changePct, pr.source));
    out.push(point('projectedOpenings', pr.source, pr.period, pr.annualOpenings, pr.source));
  }
  for (const s of facts.salarySurveys) {
    out.push(point('surveyMedian', s.survey ?? s.source, String(s.workYear), Math.round(s.median), s.source, { count: s.count }));
  }
  return sortPoints(out.filter((p): p is SeriesPoint => p !== null));
}

/** Orders points by metric, series, then period chronologically. */
export function sortPoints(points: SeriesPoint[]): SeriesPoint[] {
  return points.sort((a, b) => a.metric.localeCompare(b.metric) || a.series.localeCompare(b.series) || comparePeriods(a.period, b.period));
}

/**
 * Demand score per OEWS period for every career: at each period, demand-v1 over the OEWS signals
 * as they stood then (the career's wage observations up to that period), ranked among all
 * careers with a value at that period.
 */
export function demandSeries(all: readonly CareerFacts[]): Map<string, SeriesPoint[]> {
  const periods = [...new Set(all.flatMap((f) => f.wages.map((w) => w.period).filter((p): p is string => p !== null && readPeriod(p) !== null)))].sort(
    comparePeriods,
  );
  const out = new Map<string, SeriesPoint[]>();
  for (const period of periods) {
    const asOf = all.map(
      (f): CareerFacts => ({
        ...f,
        wages: f.wages.filter((w) => w.period !== null && comparePeriods(w.period, period) <= 0),
        postings: [],
        technologySkills: [],
        technologySource: null,
        estimatedFrom: undefined,
        projections: undefined,
        postingsIndex: undefined,
      }),
    );
    const population = computePopulationStats(asOf);
    for (const f of asOf) {
      const at = f.wages.find((w) => w.period === period && w.employment !== null);
      if (!at) continue;
      const score = computeDemandScore(f, population, DEMAND_V1_WEIGHTS, DEMAND_PERIOD_METHOD);
      if (score.value === null) continue;
      const p = point('demandScore', DEMAND_PERIOD_METHOD, period, score.value, score.source, { method: DEMAND_PERIOD_METHOD });
      if (p) (out.get(f.id) ?? out.set(f.id, []).get(f.id)!).push(p);
    }
  }
  return out;
}

/** Units of each metric, as charts and the API label them. */
export const SERIES_UNITS: Record<SeriesMetric, string> = {
  salaryMedian: 'USD/yr',
  salaryP10: 'USD/yr',
  salaryP25: 'USD/yr',
  salaryP75: 'USD/yr',
  salaryP90: 'USD/yr',
  employment: 'jobs',
  demandScore: '0–10',
  surveyMedian: 'USD/yr',
  projectedChangePct: '% over the span',
  projectedOpenings: 'openings a year',
  postingsIndex: '2020-02 = 100',
};

/**
 * A series value as a data table prints it, in its unit: "$133,080" for USD a year,
 * "1,654,440" for jobs and openings, else as stored ("69.06", "9.8", "15.8").
 */
export function formatSeriesValue(value: number, unit: string): string {
  if (unit === 'USD/yr') return `$${Math.round(value).toLocaleString('en-US')}`;
  if (unit === 'jobs' || unit === 'openings a year') return Math.round(value).toLocaleString('en-US');
  return String(value);
}

export interface SeriesSummary {
  series: string;
  /** First and last period with an exact value (no break, no bound). */
  from: string | null;
  to: string | null;
  points: number;
  /** Compound annual growth from `from` to `to` (fraction), when at least two points a year or more apart. */
  cagr: number | null;
  change: { abs: number; pct: number | null } | null;
  /** An endpoint is a hybrid code's figure (a wider group). */
  mapped: boolean;
  /**
   * Survey medians of fewer than SURVEY_MIN_COUNT salaries, left out of the growth: one or
   * three submissions are anecdotes, and a "fall of 23 %" between them says nothing of pay.
   */
  thinPoints: number;
}

/** Growth of one series between its first and last exact values. */
export function summarizeSeries(
  series: string,
  points: readonly { period: string; value: number | null; bound: string | null; note: SeriesNote }[],
): SeriesSummary {
  const thin = (p: { note: SeriesNote }) => p.note.count !== undefined && p.note.count < SURVEY_MIN_COUNT;
  const thinPoints = points.filter((p) => p.value !== null && thin(p)).length;
  const exact = points.filter((p) => p.value !== null && p.bound === null && !thin(p)).sort((a, b) => comparePeriods(a.period, b.period));
  const first = exact[0];
  const last = exact[exact.length - 1];
  if (!first || !last || first === last)
    return { series, from: first?.period ?? null, to: last?.period ?? null, points: exact.length, cagr: null, change: null, mapped: false, thinPoints };
  const [v0, v1] = [first.value!, last.value!];
  // Projection spans are releases of a forecast, not a path in time: their difference is a revision, not growth.
  const spans = readPeriod(first.period)?.kind === 'span' || readPeriod(last.period)?.kind === 'span';
  const rate = spans ? null : cagr({ period: first.period, value: v0 }, { period: last.period, value: v1 });
  return {
    series,
    from: first.period,
    to: last.period,
    points: exact.length,
    cagr: rate === null ? null : Math.round(rate * 10_000) / 10_000,
    change: { abs: Math.round((v1 - v0) * 10) / 10, pct: v0 === 0 ? null : Math.round(((v1 - v0) / Math.abs(v0)) * 1000) / 10 },
    mapped: Boolean(first.note.mapped || last.note.mapped),
    thinPoints,
  };
}
