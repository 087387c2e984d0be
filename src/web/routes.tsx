import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/context.js';
import { loadComparison, requireCareer } from '../api/routes/careers.js';
import { ApiError } from '../api/errors.js';
import { apiServices, serveCached } from '../api/routes/services.js';
import { etagOf } from '../api/routes/services.js';
import type { Comparison } from '../core/compare/types.js';
import { loadAliases, loadSimilar } from '../db/queries/search.js';
import { loadCareerSkills } from '../db/queries/profile.js';
import { loadSurveySalaries, loadTopMovers, loadTrend, type TrendMetric } from '../db/queries/trends.js';
import { loadFreshness, loadMostCompared } from '../db/queries/changes.js';
import { TrendMetricSchema } from '../api/openapi-schemas.js';
import { Layout } from './layout.js';
import { chartsJs, siteCss, siteJs, uplotCss, uplotJs } from './assets.js';
import { ComparePage, ComparePendingPage } from './compare-page.js';
import { CareerPage } from './career-page.js';
import { TrendsPage, TREND_LABELS } from './trends-page.js';
import { OverviewPage } from './overview-page.js';
import type { ChartData } from './widgets.js';
import { chartCsv, moversCsv } from './csv-downloads.js';
import { isIsoDate } from '../core/iso-date.js';

const asset = (body: string, type: string) => (c: Context) => c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
const SLUG = /^[a-z0-9][a-z0-9.-]{0,119}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Text from a query parameter, bounded and stripped of control and bidi characters. */
const cleanText = (v: string | undefined, max = 100) => (v ?? '').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, max).trim();

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
        {closest.length ? <><p>Did you mean:</p><ul>{closest.map((s) => <li><a href={`/careers/${s.slug}`}>{s.title}</a></li>)}</ul></> : null}
        <p class="asof">Request id {c.get('requestId')}</p>
      </Layout>,
      status,
    );
  }
}

/** Aligns several careers' series on the union of their timestamps (seconds). */
const SURVEY_TITLE = 'Reported salary by survey year (median)';

type ChartPoint = { at: string; value: number | null; source: string | null };

/** Series on one x axis (the union of their points' times), each value with its source. */
function alignSeries(series: { label: string; points: ChartPoint[] }[], unit: string, xUnit: ChartData['xUnit'] = 'day'): ChartData {
  const sec = (p: ChartPoint) => Math.floor(Date.parse(p.at) / 1000);
  const xs = [...new Set(series.flatMap((s) => s.points.map(sec)))].sort((a, b) => a - b);
  return {
    x: xs,
    unit,
    xUnit,
    series: series.map((s) => {
      const byX = new Map(s.points.map((p) => [sec(p), p]));
      return { label: s.label, values: xs.map((x) => byX.get(x)?.value ?? null), sources: xs.map((x) => byX.get(x)?.source ?? null) };
    }),
  };
}

async function trendChart(c: Context<AppEnv>, careers: { id: number; slug: string; title: string }[], metric: TrendMetric, range: { from?: string; to?: string }) {
  const { db } = c.get('deps');
  const series = await Promise.all(careers.map(async (k) => ({
    label: k.title,
    points: (await loadTrend(db, k.id, metric, range)).map((p) => ({ ...p, source: p.source ? `${p.source}, ${p.period ?? 'no period'}` : null })),
  })));
  return alignSeries(series, TREND_LABELS[metric] ?? metric);
}

/** Salary-survey medians by survey year for each career (the survey's own periods); null when no career has any. */
async function surveyChart(c: Context<AppEnv>, careers: { id: number; title: string }[]): Promise<ChartData | null> {
  const rows = await loadSurveySalaries(c.get('deps').db, careers.map((k) => k.id));
  if (rows.length === 0) return null;
  const series = careers.map((k) => ({
    label: k.title,
    points: rows.filter((r) => r.careerId === k.id)
      .map((r) => ({ at: `${r.year}-01-01T00:00:00Z`, value: r.median, source: `${r.source}, ${r.year}, ${r.count} ${r.count === 1 ? 'salary' : 'salaries'}` })),
  }));
  return alignSeries(series, 'Median reported salary (USD/yr)', 'year');
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

/** A `YYYY-MM-DD` query parameter: its default when absent or empty, a 400 when it is not a calendar date. */
function dateParam(c: Context<AppEnv>, name: 'from' | 'to', fallback: string): string {
  const v = c.req.query(name);
  if (v === undefined || v === '') return fallback;
  if (!DATE.test(v) || !isIsoDate(v)) throw new ApiError('invalid-request', `${name}: expected a date as YYYY-MM-DD`);
  return v;
}

function trendParams(c: Context<AppEnv>) {
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const from = dateParam(c, 'from', yearAgo);
  const to = dateParam(c, 'to', today);
  if (from > to) throw new ApiError('invalid-request', 'from: must not be after to');
  const metric = TrendMetricSchema.safeParse(c.req.query('metric')).data ?? 'salaryMedian';
  return { from, to, toEnd: `${to}T23:59:59.999Z`, metric, category: cleanText(c.req.query('category')) };
}

/** Top movers scan the whole metric history: computed once per window and category until the data changes. */
function topMovers(c: Context<AppEnv>, p: ReturnType<typeof trendParams>, limit: number) {
  const deps = c.get('deps');
  return apiServices(deps).memo(`movers|${p.metric}|${p.from}|${p.toEnd}|${p.category.toLowerCase()}|${limit}`,
    () => loadTopMovers(deps.db, { metric: p.metric, from: p.from, to: p.toEnd, category: p.category || undefined, limit }));
}

export const webRoutes = new Hono<AppEnv>()
  .get('/assets/site.css', asset(siteCss, 'text/css; charset=utf-8'))
  .get('/assets/site.js', asset(siteJs, 'text/javascript; charset=utf-8'))
  .get('/assets/charts.js', asset(chartsJs, 'text/javascript; charset=utf-8'))
  .get('/assets/uplot.iife.min.js', asset(uplotJs, 'text/javascript; charset=utf-8'))
  .get('/assets/uplot.min.css', asset(uplotCss, 'text/css; charset=utf-8'))
  .get('/', (c) => page(c, async () => {
    const deps = c.get('deps');
    const q = cleanText(c.req.query('q'));
    const index = await apiServices(deps).searchIndex();
    const hits = q ? index.search(q) : [];
    const [freshness, mostCompared] = await Promise.all([loadFreshness(deps.db), loadMostCompared(deps.db, 10)]);
    return c.html(<OverviewPage q={q} total={hits.length} results={hits.slice(0, 25).map((h) => ({ slug: h.row.slug, title: h.row.title, category: h.row.category, matched: h.matched }))} freshness={freshness} mostCompared={mostCompared} />);
  }))
  // The picker's target: resolves free text to a career and redirects to the shareable URL.
  .get('/compare', (c) => page(c, async () => {
    const index = await apiServices(c.get('deps')).searchIndex();
    const resolve = (v: string | undefined) => { const t = cleanText(v); return t ? (index.bySlug.get(t) ?? index.search(t)[0]?.row) : undefined; };
    const a = resolve(c.req.query('a'));
    const b = resolve(c.req.query('b'));
    if (!a || !b) throw new ApiError('not-found', 'choose two careers to compare (no career matched the text given)', { closest: cleanText(c.req.query('b')) ? index.closest(cleanText(c.req.query('b'))) : [] });
    return c.redirect(`/compare/${a.slug}-vs-${b.slug}`, 302);
  }))
  .get('/compare/:pair', (c) => page(c, async () => {
    const pair = c.req.param('pair');
    const at = pair.indexOf('-vs-');
    if (at <= 0 || pair.length > 250) throw new ApiError('invalid-request', 'a comparison page is /compare/{a}-vs-{b}');
    const [aSlug, bSlug] = [pair.slice(0, at), pair.slice(at + 4)];
    if (!SLUG.test(aSlug) || !SLUG.test(bSlug)) throw new ApiError('invalid-request', 'a comparison page is /compare/{a}-vs-{b}, with career slugs');
    const deps = c.get('deps');
    const res = await serveCached(c, `page|compare|${aSlug}|${bSlug}`, async () => {
      const cmp = await loadComparison(deps, aSlug, bSlug) as unknown as Comparison;
      let html: string;
      if (!(cmp as Partial<Comparison>).verdicts) {
        html = (<ComparePendingPage a={cmp.a} b={cmp.b} version={cmp.version} asOf={cmp.asOf} />).toString();
      } else {
        const [a, b] = await Promise.all([requireCareer(deps, cmp.a.slug), requireCareer(deps, cmp.b.slug)]);
        const [sa, sb] = await Promise.all([loadSimilar(deps.db, a, 5), loadSimilar(deps.db, b, 5)]);
        html = (<ComparePage cmp={cmp} similar={{ a: sa.items.filter((s) => s.slug !== b.slug), b: sb.items.filter((s) => s.slug !== a.slug) }} />).toString();
      }
      const body = `<!DOCTYPE html>${html}`;
      return { body, etag: etagOf(null, body), contentType: 'text/html; charset=utf-8' };
    });
    apiServices(deps).countCompare(aSlug, bSlug);
    return res;
  }))
  .get('/careers/:slug', (c) => page(c, async () => {
    const slug = c.req.param('slug');
    const deps = c.get('deps');
    return serveCached(c, `page|career|${slug}`, async () => {
      const career = await requireCareer(deps, slug);
      const [aliases, skills, similar, salary, demand, survey] = await Promise.all([
        loadAliases(deps.db, career.id), loadCareerSkills(deps.db, career.id), loadSimilar(deps.db, career, 10),
        trendChart(c, [career], 'salaryMedian', {}), trendChart(c, [career], 'demandScore', {}), surveyChart(c, [career]),
      ]);
      const csv = (m: string) => `/trends.csv?metric=${m}&c=${career.slug}`;
      const html = (
        <CareerPage
          career={{ ...career, computedAt: career.computedAt ? new Date(career.computedAt).toISOString() : null }}
          aliases={aliases} skills={skills} similar={similar}
          charts={[
            { id: 'chart-salary', title: 'Median salary over time', data: salary, csvHref: csv('salaryMedian') },
            { id: 'chart-demand', title: 'Demand score over time', data: demand, csvHref: csv('demandScore') },
            ...(survey ? [{ id: 'chart-survey', title: SURVEY_TITLE, data: survey, csvHref: `/trends.csv?chart=survey&c=${career.slug}` }] : []),
          ]}
        />
      ).toString();
      const body = `<!DOCTYPE html>${html}`;
      return { body, etag: etagOf(null, body), contentType: 'text/html; charset=utf-8' };
    });
  }))
  .get('/trends', (c) => page(c, async () => {
    const deps = c.get('deps');
    const p = trendParams(c);
    const index = await apiServices(deps).searchIndex();
    let chosen = await chosenCareers(c);
    if (chosen.length === 0) {
      // Nothing chosen yet: start from the most compared pair, so the page shows something useful.
      const [top] = await loadMostCompared(deps.db, 1);
      chosen = [top?.a, top?.b].map((s) => (s ? index.bySlug.get(s) : undefined)).filter((r) => r !== undefined)
        .map((r) => ({ id: r.id, slug: r.slug, title: r.title }));
    }
    const cs = chosen.map((k) => `&c=${encodeURIComponent(k.slug)}`).join('');
    const [salary, demand, survey, movers] = await Promise.all([
      trendChart(c, chosen, 'salaryMedian', { to: p.toEnd }), trendChart(c, chosen, 'demandScore', { to: p.toEnd }), surveyChart(c, chosen),
      topMovers(c, p, 20),
    ]);
    const win = `&from=${p.from}&to=${p.to}`;
    return c.html(
      <TrendsPage
        chosen={chosen} movers={movers} moverMetric={p.metric} from={p.from} to={p.to} category={p.category} categories={index.categories}
        moversCsv={`/trends.csv?chart=movers&metric=${p.metric}${win}${p.category ? `&category=${encodeURIComponent(p.category)}` : ''}`}
        charts={[
          { id: 'chart-salary', title: 'Median salary over time', data: salary, csvHref: `/trends.csv?metric=salaryMedian${cs}${win}` },
          { id: 'chart-demand', title: 'Demand score over time', data: demand, csvHref: `/trends.csv?metric=demandScore${cs}${win}` },
          ...(survey ? [{ id: 'chart-survey', title: SURVEY_TITLE, data: survey, csvHref: `/trends.csv?chart=survey${cs}` }] : []),
        ]}
      />,
    );
  }))
  .get('/trends.csv', (c) => page(c, async () => {
    const p = trendParams(c);
    const headers = { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="careerlens-${c.req.query('chart') === 'movers' ? 'movers' : 'trend'}-${p.metric}.csv"` };
    if (c.req.query('chart') === 'movers') {
      const movers = await topMovers(c, p, 100);
      return c.body(moversCsv(movers), 200, headers);
    }
    const chosen = await chosenCareers(c);
    if (chosen.length === 0) throw new ApiError('invalid-request', 'name at least one career with c=<slug>');
    if (c.req.query('chart') === 'survey') {
      const survey = await surveyChart(c, chosen);
      if (!survey) throw new ApiError('not-found', 'no salary survey covers these careers');
      return c.body(chartCsv(survey), 200, { ...headers, 'content-disposition': 'attachment; filename="careerlens-salary-survey.csv"' });
    }
    const data = await trendChart(c, chosen, p.metric, c.req.query('from') ? { from: p.from, to: p.toEnd } : {});
    return c.body(chartCsv(data), 200, headers);
  }));
