import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The dashboard's stylesheet, served from memory (no build step). Colours pass WCAG AA contrast. */
export const siteCss = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --bg: #fff; --good: #116329; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; }
header.top { display: flex; justify-content: space-between; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); }
header.top a { color: var(--accent); margin-left: 1rem; }
.brand { font-weight: 700; margin-left: 0 !important; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f4a100; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; color: var(--muted); font-size: .875rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
small.prov { display: block; color: var(--muted); font-size: .75rem; }
small.cat { color: var(--muted); font-weight: 400; }
td.better { background: #eaf6ec; } .badge { color: var(--good); margin-left: .3rem; }
.unknown, .muted { color: var(--muted); }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-size: .8rem; margin: 0; }
.asof { color: var(--muted); font-size: .875rem; }
form.picker, form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 1rem 0; }
.field { display: flex; flex-direction: column; }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid #6e7781; border-radius: 4px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
figure.chart { margin: 1rem 0; } .plot { min-height: 240px; }
.hot { color: #9a3412; font-weight: 600; }
ul.skills { columns: 3 16rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

/** Client script: suggestions for career inputs, from the API (a few lines, no framework). */
export const siteJs = `
(() => {
  const timers = new WeakMap();
  document.querySelectorAll('input[data-suggest]').forEach((input) => {
    const list = document.getElementById(input.dataset.suggest);
    input.addEventListener('input', () => {
      clearTimeout(timers.get(input));
      const q = input.value.trim();
      if (q.length < 2) return;
      timers.set(input, setTimeout(async () => {
        try {
          const res = await fetch('/v1/careers?limit=8&q=' + encodeURIComponent(q.slice(0, 100)));
          if (!res.ok) return;
          const body = await res.json();
          list.replaceChildren(...body.items.map((it) => { const o = document.createElement('option'); o.value = it.slug; o.label = it.title; o.textContent = it.title; return o; }));
          input.dataset.suggestions = String(body.items.length);
        } catch {}
      }, 150));
    });
  });
})();
`;

/** Draws every [data-chart] element with uPlot. */
export const chartsJs = `
(() => {
  const colors = ['#0b5cad', '#b3261e', '#116329', '#8250df', '#9a6700', '#1b7c83'];
  document.querySelectorAll('[data-chart]').forEach((el) => {
    const d = JSON.parse(el.dataset.chart);
    // Survey years: one tick per year with data, labelled by the year alone.
    const year = (t) => new Date(t * 1000).getUTCFullYear();
    const yearly = d.xUnit === 'year';
    // Data periods (May 2021, …): one tick per period, placed by its date and labelled by its name;
    // a missing value is a break in the series, so lines do not bridge it.
    const periods = d.xUnit === 'period';
    const label = (v) => { const i = d.x.indexOf(v); return i < 0 ? String(year(v)) : d.labels[i]; };
    const opts = {
      width: Math.max(320, el.clientWidth || 640), height: 240,
      series: [
        yearly ? { label: 'Year', value: (u, v) => (v == null ? '--' : year(v)) } : periods ? { label: 'Period', value: (u, v) => (v == null ? '--' : label(v)) } : {},
        ...d.series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], width: 2, spanGaps: !periods, points: { show: true, size: 6 } })),
      ],
      axes: [
        yearly ? { splits: () => d.x, values: (u, splits) => splits.map(year) }
          : periods && d.x.length <= 12 ? { label: 'Year', splits: () => d.x, values: (u, splits) => splits.map(label) }
          : periods ? { label: 'Year', values: (u, splits) => splits.map(year) } : {},
        { label: d.unit, size: 70 },
      ],
    };
    new uPlot(opts, [d.x, ...d.series.map((s) => s.values)], el);
    el.dataset.rendered = String(d.x.length);
  });
})();
`;

const require = createRequire(import.meta.url);
const uplotDir = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
/** uPlot, served from node_modules (no CDN: the dashboard works offline). */
export const uplotJs = readFileSync(path.join(uplotDir, 'uPlot.iife.min.js'), 'utf8');
export const uplotCss = readFileSync(path.join(uplotDir, 'uPlot.min.css'), 'utf8');
