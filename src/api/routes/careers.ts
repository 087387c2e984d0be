import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { loadAliases } from '../../db/queries/search.js';
import { loadCareerSkills } from '../../db/queries/profile.js';
import { loadSurveySalaries, loadTrend } from '../../db/queries/trends.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, ApiDeps } from '../../http/context.js';
import { buildComparisonJson } from '../../http/comparison-view.js';
import { loadPair, requireCareer, unlessStale } from '../../http/careers.js';
import {
  CareerListQuerySchema,
  CareerListSchema,
  CareerProfileSchema,
  ComparisonSchema,
  HistoryQuerySchema,
  HistorySchema,
  SimilarQuerySchema,
  SimilarSchema,
  SlugSchema,
  SurveySalariesSchema,
  TrendQuerySchema,
  TrendSchema,
} from '../openapi-schemas.js';
import { periodEndOrder, periodOrder } from '../../core/periods.js';
import { SERIES_UNITS, summarizeSeries, type SeriesMetric } from '../../core/series.js';
import { loadPeriodPoints, type PeriodPoint } from '../../db/queries/series.js';
import { apiServices, etagOf, jsonEntry, serveCachedJson, type JsonEntry } from '../../http/services.js';
import { errorResponses, validationHook } from './route-kit.js';
import { loadSimilar } from '../../db/queries/search.js';

/** Opaque cursor: the offset into a deterministic ranking. */
export const encodeCursor = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new ApiError('invalid-request', 'cursor: not a cursor from a previous answer');
  return Number(m[1]);
}

const slugParam = z.object({ slug: SlugSchema });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const careerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers',
      operationId: 'listCareers',
      tags: ['careers'],
      summary: 'Search and list careers',
      description: 'Typo-tolerant search by title and alias, filtered by category, paginated by an opaque cursor.',
      request: { query: CareerListQuerySchema },
      responses: { 200: json(CareerListSchema, 'A page of careers'), ...errorResponses(400, 401, 429) },
    }),
    async (c) => {
      const { q = '', category, cursor, limit = 20 } = c.req.valid('query');
      const offset = decodeCursor(cursor);
      return serveCachedJson(c, `list|${q}|${category ?? ''}|${offset}|${limit}`, async () => {
        const hits = (await apiServices(c.get('deps')).searchIndex()).search(q, category);
        const page = hits.slice(offset, offset + limit);
        const body = {
          items: page.map((h) => ({
            slug: h.row.slug,
            title: h.row.title,
            category: h.row.category,
            onetCode: h.row.onetCode,
            ...(q ? { matched: h.matched, score: h.score } : {}),
          })),
          nextCursor: offset + limit < hits.length ? encodeCursor(offset + limit) : null,
          total: hits.length,
        };
        return jsonEntry(body, null);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers/{slug}',
      operationId: 'getCareer',
      tags: ['careers'],
      summary: 'A career profile',
      description: 'Every metric with its source, period and method (or why it is missing), the skills and aliases. Also found by O*NET-SOC code.',
      request: { params: slugParam },
      responses: { 200: json(CareerProfileSchema, 'The career'), ...errorResponses(400, 401, 404, 429) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const deps = c.get('deps');
      return serveCachedJson(c, `career|${slug}`, async () => {
        const career = await requireCareer(deps, slug);
        const [aliases, skills] = await Promise.all([loadAliases(deps.db, career.id), loadCareerSkills(deps.db, career.id)]);
        const profile = {
          slug: career.slug,
          title: career.title,
          category: career.category,
          onetCode: career.onetCode,
          description: career.description,
          origin: career.origin,
          aliases,
          metrics: career.metrics,
          metricsVersion: career.metricsVersion,
          computedAt: career.computedAt ? new Date(career.computedAt).toISOString() : null,
          skills,
        };
        const version = jsonEntry(profile, null).etag.slice(1, -1);
        return jsonEntry({ ...profile, version }, version);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers/{slug}/trends',
      operationId: 'getCareerTrends',
      tags: ['careers'],
      summary: "A metric by the data's own periods",
      description:
        'One point per period the data describes (OEWS May 2020 … May 2024, survey years), oldest first, each with its source; ' +
        "a null value is a break in the series (its reason in `break`), `bound: at-least` a top-coded cell, `mapped` a hybrid code's figure. " +
        '`series` summarizes each series: first and last exact values, change and compound annual growth (CAGR). `from`/`to` are periods (2021, May 2021).',
      request: { params: slugParam, query: TrendQuerySchema },
      responses: { 200: json(TrendSchema, 'The series by period'), ...errorResponses(400, 401, 404, 429) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { metric = 'salaryMedian', from, to } = c.req.valid('query');
      if (from && to && periodOrder(from) > periodEndOrder(to)) throw new ApiError('invalid-request', 'from: must not be after to');
      const deps = c.get('deps');
      return serveCachedJson(c, `trend|${slug}|${metric}|${from ?? ''}|${to ?? ''}`, async () => {
        const career = await requireCareer(deps, slug);
        const rows = await loadPeriodPoints(deps.db, [career.id], metric, { from, to });
        return jsonEntry(periodTrendBody(career.slug, metric, rows), null);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers/{slug}/history',
      operationId: 'getCareerHistory',
      tags: ['careers'],
      summary: 'What was published when (audit trail)',
      description:
        'Each value of one metric as CareerLens published it, with the time it changed and the source and period it came from. ' +
        "An audit trail of recomputes, not a trend: for a metric over the data's periods use /trends.",
      request: { params: slugParam, query: HistoryQuerySchema },
      responses: { 200: json(HistorySchema, 'The published values, oldest first'), ...errorResponses(400, 401, 404, 429) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { metric = 'salaryMedian', from, to } = c.req.valid('query');
      if (from && to && Date.parse(from) > Date.parse(to)) throw new ApiError('invalid-request', 'from: must not be after to');
      const deps = c.get('deps');
      return serveCachedJson(c, `history|${slug}|${metric}|${from ?? ''}|${to ?? ''}`, async () => {
        const career = await requireCareer(deps, slug);
        const points = await loadTrend(deps.db, career.id, metric, { from, to });
        return jsonEntry({ slug: career.slug, metric, points }, null);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers/{slug}/salary-surveys',
      operationId: 'getCareerSalarySurveys',
      tags: ['careers'],
      summary: 'Salaries by survey year',
      description:
        "Salary surveys' figures for the career by survey year (the data's own periods): median and quartiles in annual USD, with the number of salaries and the source. Empty when no survey title matches the career.",
      request: { params: slugParam },
      responses: { 200: json(SurveySalariesSchema, 'Survey years, oldest first'), ...errorResponses(400, 401, 404, 429) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const deps = c.get('deps');
      return serveCachedJson(c, `surveys|${slug}`, async () => {
        const career = await requireCareer(deps, slug);
        const years = (await loadSurveySalaries(deps.db, [career.id])).map(({ year, median, p25, p75, count, source }) => ({
          year,
          median,
          p25,
          p75,
          count,
          source,
          period: String(year),
        }));
        return jsonEntry({ slug: career.slug, currency: 'USD' as const, years }, null);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/careers/{slug}/similar',
      operationId: 'getSimilarCareers',
      tags: ['careers'],
      summary: 'Nearest careers by skills',
      description: 'Ranked by the skill overlap of the precomputed comparisons; by shared category while no overlap is known.',
      request: { params: slugParam, query: SimilarQuerySchema },
      responses: { 200: json(SimilarSchema, 'Similar careers'), ...errorResponses(400, 401, 404, 429) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { limit = 10 } = c.req.valid('query');
      const deps = c.get('deps');
      return serveCachedJson(c, `similar|${slug}|${limit}`, async () => {
        const career = await requireCareer(deps, slug);
        const similar = await loadSimilar(deps.db, career, limit);
        return jsonEntry({ slug: career.slug, ...similar }, null);
      });
    },
  );

export const compareRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get',
    path: '/compare/{a}/{b}',
    operationId: 'getComparison',
    tags: ['compare'],
    summary: 'The precomputed comparison of two careers',
    description: "Either order: the same pair, sides in the order asked. The version (and the ETag's core) is the same in both orders.",
    request: { params: z.object({ a: SlugSchema, b: SlugSchema }) },
    responses: { 200: json(ComparisonSchema, 'The comparison'), ...errorResponses(400, 401, 404, 429, 503) },
  }),
  async (c) => {
    const { a, b } = c.req.valid('param');
    const deps = c.get('deps');
    return serveCachedJson(
      c,
      `compare|${a}|${b}`,
      () => compareEntry(deps, a, b),
      () => apiServices(deps).countCompare(a, b),
    );
  },
);

/**
 * The cold read of `/v1/compare/{a}/{b}` (what a cache miss costs): both careers (memoized),
 * the stored pair (reads batched per turn), its JSON written in the order asked, and the ETag:
 * the content version, suffixed by the order.
 */
export async function compareEntry(deps: ApiDeps, aSlug: string, bSlug: string): Promise<JsonEntry<z.infer<typeof ComparisonSchema>>> {
  const { a, b, stored } = await loadPair(deps, aSlug, bSlug);
  const body = unlessStale(a, b, () => buildComparisonJson(a, b, stored));
  return { body, etag: etagOf(`${stored.data.h}.${a.slug < b.slug ? 'ab' : 'ba'}`, body) };
}

/** The /trends body: points keyed by period with their source, and each series' growth. */
export function periodTrendBody(slug: string, metric: SeriesMetric, rows: PeriodPoint[]) {
  const points = rows.map((r) => ({
    period: r.period,
    periodStart: r.periodStart,
    value: r.value,
    bound: r.bound,
    source: r.source,
    series: r.series,
    ...(r.note.mapped ? { mapped: r.note.mapped } : {}),
    ...(r.note.break ? { break: r.note.break } : {}),
    ...(r.note.method ? { method: r.note.method } : {}),
    ...(r.note.count !== undefined ? { count: r.note.count } : {}),
  }));
  const names = [...new Set(rows.map((r) => r.series))];
  return {
    slug,
    metric,
    unit: SERIES_UNITS[metric],
    points,
    series: names.map((n) =>
      summarizeSeries(
        n,
        rows.filter((r) => r.series === n),
      ),
    ),
  };
}
