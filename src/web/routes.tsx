import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { loadComparison, requireCareer } from '../http/careers.js';
import { ApiError } from '../http/errors.js';
import { apiServices, serveCached } from '../http/services.js';
import { etagOf } from '../http/services.js';
import type { Comparison } from '../core/compare/types.js';
import { loadAliases, loadSimilar } from '../db/queries/search.js';
import { loadCareerSkills } from '../db/queries/profile.js';
import { loadTrend } from '../db/queries/trends.js';
import { listPeriods, loadPeriodMovers } from '../db/queries/series.js';
import { seriesMetricOr, type SeriesMetric } from '../core/series.js';
import { periodChart, type CareerRef } from './period-charts.js';
import { readPeriod } from '../core/periods.js';
import { loadFreshness, loadMostCompared } from '../db/queries/changes.js';
import { Layout } from './layout.js';
import { chartsJs, siteCss, siteJs, uplotCss, uplotJs } from './assets.js';
import { ComparePage, ComparePendingPage } from './compare-page.js';
import { CareerPage } from './career-page.js';
import { MOVER_METRICS, TrendsPage, type PeriodChartView } from './trends-page.js';
import { OverviewPage } from './overview-page.js';
import { AboutDataPage } from './about-page.js';
import { attributionOf, licenceTextPath } from '../core/attribution.js';
import { loadDataSources, loadFillStatus } from '../db/queries/fill.js';
import { moversCsv, periodCsv } from './csv-downloads.js';

const asset = (body: string, type: string) => (c: Context) => c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
const SLUG = /^[a-z0-9][a-z0-9.-]{0,119}$/;

/** Text from a query parameter, bounded and stripped of control and bidi characters. */
const cleanText = (v: string | undefined, max = 100) =>
  (v ?? '')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
    .slice(0, max)
    .trim();

/** Errors on pages answer as an HTML page (problem+json is for the API). */
async function page(c: Context<AppEnv>, render: () => Promise<Response>): Promise<Response> {
  try {
    return await render();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const status = err.code === 'not-found' ? 404 : err.code === 'rate-limited' ? 429 : 400;
    const closest = (err.extra.closest as { slug: string; title: string }[] | undefined) ?? [];
    return c.html(
      <Layout title={status === 404 ? 'Not found' : 'Bad request'}>
        <h1>{status === 404 ? 'Not found' : 'Bad request'}</h1>
        <p>{err.message}</p>
        {closest.length ? (
          <>
            <p>Did you mean:</p>
            <ul>
              {closest.map((s) => (
                <li>
                  <a href={`/careers/${s.slug}`}>{s.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="asof">Request id {c.get('requestId')}</p>
      </Layout>,
      status,
    );
  }
}

/** The charts every trends view shows, by the data's periods: salary, employment, demand, survey salary. */
const PERIOD_CHARTS: { id: string; metric: SeriesMetric; title: string; optional?: boolean }[] = [
  { id: 'chart-salary', metric: 'salaryMedian', title: 'Median salary by period (BLS OEWS)' },
  { id: 'chart-employment', metric: 'employment', title: 'Employment by period (BLS OEWS)' },
  { id: 'chart-demand', metric: 'demandScore', title: 'Demand score by period (OEWS signals, demand-v1-oews-period)' },
  { id: 'chart-survey', metric: 'surveyMedian', title: 'Reported salary by survey year (median)', optional: true },
  { id: 'chart-postings', metric: 'postingsIndex', title: 'Job postings by month (Indeed Hiring Lab, CC BY 4.0, by occupational sector)', optional: true },
  {
    id: 'chart-projections',
    metric: 'projectedChangePct',
    title: 'Projected employment change by projection period (BLS Employment Projections)',
    optional: true,
  },
];

/** A comparison shows each side's salary and employment by period. */
const COMPARE_CHARTS = PERIOD_CHARTS.filter((d) => d.metric === 'salaryMedian' || d.metric === 'employment');

/** The period charts of some careers, each with its CSV link (`cs`: the careers' query string). */
async function periodCharts(c: Context<AppEnv>, careers: CareerRef[], cs: string, which = PERIOD_CHARTS): Promise<PeriodChartView[]> {
  const built = await Promise.all(which.map(async (def) => ({ def, chart: await periodChart(c.get('deps').db, careers, def.metric) })));
  return built
    .filter(({ def, chart }) => !def.optional || chart.data.x.length > 0)
    .map(({ def, chart }) => ({
      // Projection releases are forecasts side by side, not a path in time: no growth is written under them.
      id: def.id,
      title: def.title,
      data: chart.data,
      summaries: def.metric.startsWith('projected') ? [] : chart.summaries,
      csvHref: `/trends.csv?chart=period&metric=${def.metric}${cs}`,
    }));
}

async function chosenCareers(c: Context<AppEnv>) {
  const deps = c.get('deps');
  const index = await apiServices(deps).searchIndex();
  const out: { id: number; slug: string; title: string }[] = [];
  for (const raw of c.req.queries('c')?.slice(0, 8) ?? []) {
    const t = cleanText(raw);
    if (!t) continue;
    const row = index.bySlug.get(t) ?? index.search(t)[0]?.row;
    if (row && !out.some((o) => o.id === row.id)) out.push({ id: row.id, slug: row.slug, title: row.title });
  }
  return out;
}

/** The movers' metric, periods (defaults: the oldest and newest with data), ranking and category. */
async function moverParams(c: Context<AppEnv>) {
  const metric = (MOVER_METRICS as readonly string[]).includes(c.req.query('metric') ?? '') ? (c.req.query('metric') as SeriesMetric) : 'salaryMedian';
  const periods = await listPeriods(c.get('deps').db, metric);
  // An unreadable period is a 400, as on the API; a readable one without data falls back to the default.
  for (const name of ['from', 'to'] as const) {
    const v = c.req.query(name);
    if (v && readPeriod(v) === null) throw new ApiError('invalid-request', `${name}: expected a period as the data names it (2021, May 2021, 2024-06)`);
  }
  const pick = (v: string | undefined, dflt: string) => (v && periods.includes(v) ? v : dflt);
  return {
    metric,
    periods,
    from: pick(c.req.query('from'), periods[0] ?? ''),
    to: pick(c.req.query('to'), periods[periods.length - 1] ?? ''),
    by: c.req.query('by') === 'abs' ? ('abs' as const) : ('pct' as const),
    category: cleanText(c.req.query('category')),
  };
}

/** Top movers compare every career's points at two periods: computed once per choice until the data changes. */
function topMovers(c: Context<AppEnv>, p: Awaited<ReturnType<typeof moverParams>>, limit: number) {
  const deps = c.get('deps');
  if (!p.from || !p.to) return Promise.resolve([]);
  return apiServices(deps).memo(`period-movers|${p.metric}|${p.from}|${p.to}|${p.by}|${p.category.toLowerCase()}|${limit}`, () =>
    loadPeriodMovers(deps.db, { metric: p.metric, from: p.from, to: p.to, by: p.by, category: p.category || undefined, limit }),
  );
}

const CSV_HEADERS = (name: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="careerlens-${name}.csv"` });

export const webRoutes = new Hono<AppEnv>()
  .get('/assets/site.css', asset(siteCss, 'text/css; charset=utf-8'))
  .get('/assets/site.js', asset(siteJs, 'text/javascript; charset=utf-8'))
  .get('/assets/charts.js', asset(chartsJs, 'text/javascript; charset=utf-8'))
  .get('/assets/uplot.iife.min.js', asset(uplotJs, 'text/javascript; charset=utf-8'))
  .get('/assets/uplot.min.css', asset(uplotCss, 'text/css; charset=utf-8'))
  .get('/', (c) =>
    page(c, async () => {
      const deps = c.get('deps');
      const q = cleanText(c.req.query('q'));
      const index = await apiServices(deps).searchIndex();
      const hits = q ? index.search(q) : [];
      const [freshness, mostCompared, fill] = await Promise.all([loadFreshness(deps.db), loadMostCompared(deps.db, 10), loadFillStatus(deps.db)]);
      return c.html(
        <OverviewPage
          fill={fill}
          q={q}
          total={hits.length}
          results={hits.slice(0, 25).map((h) => ({ slug: h.row.slug, title: h.row.title, category: h.row.category, matched: h.matched }))}
          freshness={freshness}
          mostCompared={mostCompared}
        />,
      );
    }),
  )
  .get('/about/data', (c) =>
    page(c, async () => {
      const rows = await loadDataSources(c.get('deps').db);
      return c.html(
        <AboutDataPage
          sources={rows.map((r) => {
            const attribution = attributionOf(r.id);
            const served = r.snapshot ? ('snapshot' as const) : r.lastSuccessAt ? ('live' as const) : ('none' as const);
            return {
              id: r.id,
              kind: r.kind,
              attribution,
              servedFrom: served,
              release: r.snapshot?.release ?? (r.periods.length ? r.periods.join(', ') : null),
              retrievedAt: r.snapshot?.retrievedAt ?? r.lastSuccessAt?.toISOString().slice(0, 10) ?? null,
              licenceFile: served === 'snapshot' ? `snapshot/${licenceTextPath(attribution)}` : null,
            };
          })}
        />,
      );
    }),
  )
  // The picker's target: resolves free text to a career and redirects to the shareable URL.
  .get('/compare', (c) =>
    page(c, async () => {
      const index = await apiServices(c.get('deps')).searchIndex();
      const resolve = (v: string | undefined) => {
        const t = cleanText(v);
        return t ? (index.bySlug.get(t) ?? index.search(t)[0]?.row) : undefined;
      };
      const a = resolve(c.req.query('a'));
      const b = resolve(c.req.query('b'));
      if (!a || !b)
        throw new ApiError('not-found', 'choose two careers to compare (no career matched the text given)', {
          closest: cleanText(c.req.query('b')) ? index.closest(cleanText(c.req.query('b'))) : [],
        });
      return c.redirect(`/compare/${a.slug}-vs-${b.slug}`, 302);
    }),
  )
  .get('/compare/:pair', (c) =>
    page(c, async () => {
      const pair = c.req.param('pair');
      const at = pair.indexOf('-vs-');
      if (at <= 0 || pair.length > 250) throw new ApiError('invalid-request', 'a comparison page is /compare/{a}-vs-{b}');
      const [aSlug, bSlug] = [pair.slice(0, at), pair.slice(at + 4)];
      if (!SLUG.test(aSlug) || !SLUG.test(bSlug)) throw new ApiError('invalid-request', 'a comparison page is /compare/{a}-vs-{b}, with career slugs');
      const deps = c.get('deps');
      const res = await serveCached(c, `page|compare|${aSlug}|${bSlug}`, async () => {
        const cmp = (await loadComparison(deps, aSlug, bSlug)) as unknown as Comparison;
        let html: string;
        if (!(cmp as Partial<Comparison>).verdicts) {
          html = (<ComparePendingPage a={cmp.a} b={cmp.b} version={cmp.version} asOf={cmp.asOf} />).toString();
        } else {
          const [a, b] = await Promise.all([requireCareer(deps, cmp.a.slug), requireCareer(deps, cmp.b.slug)]);
          const cs = `&c=${a.slug}&c=${b.slug}`;
          const [sa, sb, trends] = await Promise.all([loadSimilar(deps.db, a, 5), loadSimilar(deps.db, b, 5), periodCharts(c, [a, b], cs, COMPARE_CHARTS)]);
          html = (
            <ComparePage
              cmp={cmp}
              trends={trends.filter((t) => t.data.x.length > 0).map((t) => ({ ...t, id: `cmp-${t.id}` }))}
              similar={{ a: sa.items.filter((s) => s.slug !== b.slug), b: sb.items.filter((s) => s.slug !== a.slug) }}
            />
          ).toString();
        }
        const body = `<!DOCTYPE html>${html}`;
        return { body, etag: etagOf(null, body), contentType: 'text/html; charset=utf-8' };
      });
      apiServices(deps).countCompare(aSlug, bSlug);
      return res;
    }),
  )
  .get('/careers/:slug', (c) =>
    page(c, async () => {
      const slug = c.req.param('slug');
      const deps = c.get('deps');
      return serveCached(c, `page|career|${slug}`, async () => {
        const career = await requireCareer(deps, slug);
        const [aliases, skills, similar, charts, salaryLog, demandLog] = await Promise.all([
          loadAliases(deps.db, career.id),
          loadCareerSkills(deps.db, career.id),
          loadSimilar(deps.db, career, 10),
          periodCharts(c, [career], `&c=${career.slug}`),
          loadTrend(deps.db, career.id, 'salaryMedian', {}),
          loadTrend(deps.db, career.id, 'demandScore', {}),
        ]);
        const html = (
          <CareerPage
            career={{ ...career, computedAt: career.computedAt ? new Date(career.computedAt).toISOString() : null }}
            aliases={aliases}
            skills={skills}
            similar={similar}
            charts={charts}
            published={[
              { label: 'Median salary', money: true, points: salaryLog },
              { label: 'Demand score', money: false, points: demandLog },
            ]}
          />
        ).toString();
        const body = `<!DOCTYPE html>${html}`;
        return { body, etag: etagOf(null, body), contentType: 'text/html; charset=utf-8' };
      });
    }),
  )
  .get('/trends', (c) =>
    page(c, async () => {
      const deps = c.get('deps');
      const p = await moverParams(c);
      const index = await apiServices(deps).searchIndex();
      let chosen = await chosenCareers(c);
      if (chosen.length === 0) {
        // Nothing chosen yet: start from the most compared pair, so the page shows something useful.
        const [top] = await loadMostCompared(deps.db, 1);
        chosen = [top?.a, top?.b]
          .map((s) => (s ? index.bySlug.get(s) : undefined))
          .filter((r) => r !== undefined)
          .map((r) => ({ id: r.id, slug: r.slug, title: r.title }));
      }
      const cs = chosen.map((k) => `&c=${encodeURIComponent(k.slug)}`).join('');
      const [charts, movers] = await Promise.all([periodCharts(c, chosen, cs), topMovers(c, p, 20)]);
      const q = (v: string) => encodeURIComponent(v);
      return c.html(
        <TrendsPage
          chosen={chosen}
          charts={charts}
          movers={movers}
          moverMetric={p.metric}
          periods={p.periods}
          from={p.from}
          to={p.to}
          by={p.by}
          category={p.category}
          categories={index.categories}
          moversCsv={`/trends.csv?chart=movers&metric=${p.metric}&from=${q(p.from)}&to=${q(p.to)}&by=${p.by}${p.category ? `&category=${q(p.category)}` : ''}`}
        />,
      );
    }),
  )
  .get('/trends.csv', (c) =>
    page(c, async () => {
      if (c.req.query('chart') === 'movers') {
        const p = await moverParams(c);
        return c.body(moversCsv(await topMovers(c, p, 100), p), 200, CSV_HEADERS(`movers-${p.metric}`));
      }
      const chosen = await chosenCareers(c);
      if (chosen.length === 0) throw new ApiError('invalid-request', 'name at least one career with c=<slug>');
      const metric = c.req.query('chart') === 'survey' ? 'surveyMedian' : seriesMetricOr(c.req.query('metric'), 'salaryMedian');
      const chart = await periodChart(c.get('deps').db, chosen, metric);
      return c.body(periodCsv(metric, chart.rows), 200, CSV_HEADERS(`trend-${metric}`));
    }),
  );
