import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context.js';
import { ChangesQuerySchema, ChangesSchema } from '../openapi-schemas.js';
import { latestChangeCursor, loadChanges, parseChangeCursor } from '../../db/queries/changes.js';
import { errorResponses, validationHook } from './route-kit.js';

export const changeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get',
    path: '/changes',
    operationId: 'listChanges',
    tags: ['changes'],
    summary: 'What changed since a cursor',
    description:
      'Careers (metrics) and pairs whose content changed after `since`, oldest first, each with its new version. ' +
      'Start without `since`; keep `nextCursor` (or `latest` when there is nothing newer) for the next call. ' +
      'Changes of transactions still running are held back until they end, so none ever lands behind a cursor already handed out.',
    request: { query: ChangesQuerySchema },
    responses: { 200: { content: { 'application/json': { schema: ChangesSchema } }, description: 'A page of changes' }, ...errorResponses(400, 401, 429) },
  }),
  async (c) => {
    const { since = '0.0', limit = 500 } = c.req.valid('query');
    const { db } = c.get('deps');
    // Not cached: what the feed may hand out moves when a running transaction ends, not only on change.
    const [items, latest] = await Promise.all([loadChanges(db, parseChangeCursor(since), limit), latestChangeCursor(db)]);
    const last = items.at(-1)?.seq;
    const body = { items, nextCursor: items.length === limit && last ? last : null, latest: items.length < limit && last ? last : latest };
    return c.json(body);
  },
);
