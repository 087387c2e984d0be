/** The dashboard's CSV downloads (/trends.csv), all written by the one CSV writer with formula escaping. */
import { writeCsv, type CsvCell } from '../core/csv-write.js';
import type { Mover } from '../db/queries/trends.js';
import { xText, type ChartData } from './widgets.js';

/** A chart's data: a column per series, followed by its source column when the series names its sources. */
export function chartCsv(data: ChartData): string {
  const columns = data.series.flatMap((s) => (s.sources ? [s.label, `${s.label} source`] : [s.label]));
  const rows: CsvCell[][] = [[data.xUnit === 'year' ? 'year' : 'date', ...columns]];
  data.x.forEach((t, i) => {
    const cells = data.series.flatMap((s) => (s.sources ? [s.values[i], s.values[i] == null ? null : s.sources[i]] : [s.values[i]]));
    rows.push([data.xUnit === 'year' ? xText(data, t) : new Date(t * 1000).toISOString(), ...cells]);
  });
  return writeCsv(rows);
}

/** The top movers table. */
export function moversCsv(movers: readonly Mover[]): string {
  return writeCsv([
    ['slug', 'title', 'category', 'from', 'to', 'change', 'changePct'],
    ...movers.map((m) => [m.slug, m.title, m.category, m.from, m.to, m.change, m.changePct]),
  ]);
}
