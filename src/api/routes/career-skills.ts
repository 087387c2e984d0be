import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { technologyGroups } from '../../core/compare/display.js';
import type { SkillInput } from '../../core/compare/types.js';
import type { AppEnv } from '../../http/context.js';
import { CareerSkillsQuerySchema, CareerSkillsSchema, SlugSchema } from '../openapi-schemas.js';
import { decodeCursor, encodeCursor } from './careers.js';
import { requireCareer } from '../../http/careers.js';
import { errorResponses, validationHook } from './route-kit.js';
import { jsonEntry, serveCachedJson } from '../../http/services.js';

type Body = z.infer<typeof CareerSkillsSchema>;

/** Technology examples in the order the pages show them: by commodity class (hot classes first), hot ones first, then by name. */
function technologyItems(skills: readonly SkillInput[]): Body['items'] {
  const rank = new Map(technologyGroups(skills).map((g, i) => [g.group, i]));
  const r = (s: SkillInput) => (s.group === undefined ? Infinity : (rank.get(s.group) ?? Infinity));
  return [...skills]
    .sort((x, y) => r(x) - r(y) || Number(Boolean(y.hot)) - Number(Boolean(x.hot)) || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
    .map((s) => ({ key: s.key, label: s.label, group: s.group ?? null, hot: Boolean(s.hot) }));
}

export const careerSkillRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get',
    path: '/careers/{slug}/skills',
    operationId: 'getCareerSkills',
    tags: ['careers'],
    summary: "A career's skills, knowledge or technology, paged",
    description:
      "kind=skill or knowledge: O*NET's ratings ranked by importance (1–5) with level (0–7), or those of the closest rated occupation, " +
      "named in `estimatedFrom`; kind=technology: O*NET's technology examples by commodity class, classes with hot technologies first.",
    request: { params: z.object({ slug: SlugSchema }), query: CareerSkillsQuerySchema },
    responses: {
      200: { content: { 'application/json': { schema: CareerSkillsSchema } }, description: 'A page of the list' },
      ...errorResponses(400, 401, 404, 429),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    const { kind = 'skill', cursor, limit = 20 } = c.req.valid('query');
    const offset = decodeCursor(cursor);
    const deps = c.get('deps');
    return serveCachedJson(c, `skills|${slug}|${kind}|${offset}|${limit}`, async () => {
      const career = await requireCareer(deps, slug);
      const base = { slug: career.slug, kind, source: null, period: null, estimatedFrom: null, reason: null } as Omit<Body, 'items' | 'nextCursor' | 'total'>;
      let all: Body['items'] = [];
      if (kind === 'technology') {
        all = technologyItems(career.skills);
        if (!all.length) base.reason = 'no technology examples are known for this career';
      } else {
        const fig = career.metrics?.skillRatings;
        if (!fig) base.reason = 'the ratings of this career are not computed yet';
        else if (fig.value === null) base.reason = fig.reason;
        else {
          all = fig.value.filter((i) => i.domain === kind);
          Object.assign(base, { source: fig.source, period: fig.period, estimatedFrom: fig.estimatedFrom ?? null });
        }
      }
      const body: Body = {
        ...base,
        items: all.slice(offset, offset + limit),
        nextCursor: offset + limit < all.length ? encodeCursor(offset + limit) : null,
        total: all.length,
      };
      return jsonEntry(body, null);
    });
  },
);
