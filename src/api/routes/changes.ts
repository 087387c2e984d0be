import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { ChangesQuerySchema, ChangesSchema } from '../openapi-schemas.js';
import { latestChangeSeq, loadChanges } from '../../db/queries/changes.js';
import { errorResponses, validationHook } from './route-kit.js';
import { jsonEntry, serveCached } from './services.js';

export const changeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(createRoute({
    method: 'get', path: '/changes', tags: ['changes'], summary: 'What changed since a cursor',
    description: 'Careers (metrics) and pairs whose content changed after `since`, oldest first, each with its new version. '
      + 'Start without `since`; keep `nextCursor` (or `latest` when there is nothing newer) for the next call.',
    request: { query: ChangesQuerySchema },
    responses: { 200: { content: { 'application/json': { schema: ChangesSchema } }, description: 'A page of changes' }, ...errorResponses(400, 401, 429) },
  }), async (c) => {
    const { since = '0', limit = 500 } = c.req.valid('query');
    const { db } = c.get('deps');
    return serveCached(c, `changes|${since}|${limit}`, async () => {
      const [items, latest] = await Promise.all([loadChanges(db, BigInt(since), limit), latestChangeSeq(db)]);
      const last = items.at(-1)?.seq;
      const body = { items, nextCursor: items.length === limit && last ? last : null, latest: last && BigInt(last) > BigInt(latest) ? last : latest };
      return jsonEntry(body, null);
    }) as never;
  });
