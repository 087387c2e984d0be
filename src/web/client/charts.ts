/**
 * Browser script of the pages with charts (served as /assets/charts.js, after uPlot's own
 * script): draws every `[data-chart]` element with uPlot, from the ChartData it carries.
 */
import type UPlot from 'uplot';
import type { ChartData } from '../widgets.js';

/** uPlot's IIFE build (/assets/uplot.iife.min.js) defines it as a global. */
declare const uPlot: typeof UPlot;

const colors = ['#0b5cad', '#b3261e', '#116329', '#8250df', '#9a6700', '#1b7c83'];
for (const el of document.querySelectorAll<HTMLElement>('[data-chart]')) {
  const d = JSON.parse(el.dataset.chart ?? '{}') as ChartData;
  // Survey years: one tick per year with data, labelled by the year alone.
  const year = (t: number) => new Date(t * 1000).getUTCFullYear();
  const yearly = d.xUnit === 'year';
  // Data periods (May 2021, …): one tick per period, placed by its date and labelled by its name;
  // a missing value is a break in the series, so lines do not bridge it.
  const periods = d.xUnit === 'period';
  const label = (v: number) => {
    const i = d.x.indexOf(v);
    return i < 0 ? String(year(v)) : (d.labels?.[i] ?? String(year(v)));
  };
  const opts: UPlot.Options = {
    width: Math.max(320, el.clientWidth || 640),
    height: 240,
    series: [
      yearly
        ? { label: 'Year', value: (_u, v) => (v == null ? '--' : year(v)) }
        : periods
          ? { label: 'Period', value: (_u, v) => (v == null ? '--' : label(v)) }
          : {},
      ...d.series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], width: 2, spanGaps: !periods, points: { show: true, size: 6 } })),
    ],
    axes: [
      yearly
        ? { splits: () => d.x, values: (_u, splits) => splits.map(year) }
        : periods && d.x.length <= 12
          ? { label: 'Year', splits: () => d.x, values: (_u, splits) => splits.map(label) }
          : periods
            ? { label: 'Year', values: (_u, splits) => splits.map(year) }
            : {},
      { label: d.unit, size: 70 },
    ],
  };
  new uPlot(opts, [d.x, ...d.series.map((s) => s.values)], el);
  el.dataset.rendered = String(d.x.length);
}
