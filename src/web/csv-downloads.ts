/** The dashboard's CSV downloads (/trends.csv), all written by the one CSV writer with formula escaping. */
import { writeCsv, type CsvCell } from '../core/csv-write.js';
import type { SeriesMetric } from '../core/series.js';
import type { PeriodMover } from '../db/queries/series.js';
import type { PeriodChart } from './period-charts.js';

/** A period chart's data: one row per career and period, with the value's source. */
export function periodCsv(metric: SeriesMetric, rows: PeriodChart['rows']): string {
  const note = (p: PeriodChart['rows'][number]['point']) =>
    [
      p.note.mapped ? `mapped from ${p.note.mapped.from} (${Math.round(p.note.mapped.share * 1000) / 10} %)` : null,
      p.note.break ?? null,
      p.note.method ?? null,
      p.note.count !== undefined ? `${p.note.count} salaries` : null,
    ]
      .filter(Boolean)
      .join('; ') || null;
  return writeCsv([
    ['career', 'series', 'period', 'period_start', 'metric', 'value', 'bound', 'source', 'note'],
    ...rows.map(({ career, point: p }): CsvCell[] => [career.slug, p.series, p.period, p.periodStart, metric, p.value, p.bound, p.source, note(p)]),
  ]);
}

/** The top movers between two periods. */
export function moversCsv(movers: readonly PeriodMover[], p: { metric: SeriesMetric; from: string; to: string }): string {
  return writeCsv([
    ['career', 'title', 'category', 'metric', 'from_period', 'from_value', 'to_period', 'to_value', 'change', 'change_pct', 'source', 'note'],
    ...movers.map((m): CsvCell[] => [
      m.slug,
      m.title,
      m.category,
      p.metric,
      p.from,
      m.from,
      p.to,
      m.to,
      m.change,
      m.changePct,
      m.source,
      m.mapped ? 'an endpoint is a May 2020 hybrid-code figure' : null,
    ]),
  ]);
}
