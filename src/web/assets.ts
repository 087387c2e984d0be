import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * A browser script of src/web/client, bundled once at start by esbuild (type-checked with the
 * rest by `tsc`): types removed, imports inlined, wrapped in a function so its names stay its own.
 */
function browserScript(name: string): string {
  const out = buildSync({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'client', name)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Suggestions for career inputs, from the API. */
export const siteJs = browserScript('site.ts');
/** Draws every [data-chart] element with uPlot. */
export const chartsJs = browserScript('charts.ts');

const require = createRequire(import.meta.url);
const uplotDir = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
/** uPlot, served from node_modules (no CDN: the dashboard works offline). */
export const uplotJs = readFileSync(path.join(uplotDir, 'uPlot.iife.min.js'), 'utf8');
export const uplotCss = readFileSync(path.join(uplotDir, 'uPlot.min.css'), 'utf8');
