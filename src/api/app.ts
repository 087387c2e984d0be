import { Hono } from 'hono';
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createHash, randomUUID } from 'node:crypto';
import type { ApiDeps, AppEnv } from './context.js';
import { handleError, problem } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { careerRoutes, compareRoutes } from './routes/careers.js';
import { careerSkillRoutes } from './routes/career-skills.js';
import { changeRoutes } from './routes/changes.js';
import { apiServices, serveKnownReads, type ApiOptions } from './routes/services.js';
import { addressKey, admit, limitAuthFailures, limitBody, limitPages } from './guards.js';
import { KEYS_CHANNEL, type KeyHolder } from '../db/queries/keys.js';
import { buildOpenApiDocument } from './openapi.js';
import { validationHook } from './routes/route-kit.js';
import { webRoutes } from '../web/routes.js';
import { identifyBearer } from './auth.js';
import { opsRoutes } from './routes/ops.js';
import { DocsPage } from '../web/docs.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The v1 client API as one OpenAPI router (mounted at /v1): the source of /openapi.json. */
export function createV1() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', careerRoutes)
    .route('/', careerSkillRoutes)
    .route('/', compareRoutes)
    .route('/', changeRoutes);
}

/**
 * Client identity for rate limiting. API keys are optional: a valid key (src/api/auth.ts) gets
 * its own limit or the keyed default, counted per key id; no key is counted per address. Lookups
 * are memoized for a minute so that a request does not write `last_used_at` each time; a
 * revocation anywhere clears the memo at once (NOTIFY on KEYS_CHANNEL). When the key store
 * cannot be read the answer is 'unavailable' (503), never "unknown key".
 */
const KEY_MEMO_MS = 60_000;
type KeyLookup = 'missing' | 'invalid' | KeyHolder;
function keyResolver(deps: ApiDeps) {
  const memo = new Map<string, { at: number; who: Promise<KeyLookup> }>();
  void deps.db.$client.listen(KEYS_CHANNEL, () => memo.clear()).catch((err: Error) => {
    deps.log.warn({ err: err.message }, 'LISTEN for key revocations failed; revocations reach this process within a minute');
  });
  return async (header: string | undefined): Promise<KeyLookup | 'unavailable'> => {
    if (!header) return 'missing';
    const h = createHash('sha256').update(header).digest('base64url');
    let m = memo.get(h);
    if (!m || Date.now() - m.at > KEY_MEMO_MS) {
      if (memo.size > 10_000) memo.clear();
      m = { at: Date.now(), who: identifyBearer(deps.db, header) };
      memo.set(h, m);
    }
    return m.who.catch(() => { memo.delete(h); return 'unavailable' as const; });
  };
}

/** The HTTP app: health and metrics, the v1 API, its OpenAPI document and docs, and the dashboard pages. */
export function createApp(deps: ApiDeps, options: ApiOptions = {}) {
  const app = new Hono<AppEnv>();
  const svc = apiServices(deps, options);
  const resolveKey = keyResolver(deps);
  const opsDeps: ApiDeps = deps.opsDb ? { ...deps, db: deps.opsDb } : deps;
  app.use(async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    const path = c.req.path;
    c.set('deps', path.startsWith('/v1/ops/') || path === '/v1/ops' || path.startsWith('/ops/') || path === '/ops' ? opsDeps : deps);
    const started = performance.now();
    // Set before the handler answers, so the header goes out with the response as it is built.
    c.header('x-request-id', requestId);
    await next();
    deps.log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  const corsMw = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    allowHeaders: ['Authorization', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: ['ETag', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'],
    maxAge: 86_400,
  });
  // Only cross-origin requests carry Origin; the others skip the CORS work.
  const corsIfOrigin: typeof corsMw = (c, next) => (c.req.header('origin') ? corsMw(c, next) : next());
  app.use('/v1/*', corsIfOrigin);
  app.use('/openapi.json', corsIfOrigin);
  const guard = { trustProxy: svc.trustProxy, bodyLimitBytes: svc.bodyLimitBytes, policies: svc.policies };
  app.use(limitBody(guard.bodyLimitBytes));
  app.use(limitAuthFailures(svc.limiter, guard));
  app.use(limitPages(svc.limiter, guard));
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.path.startsWith('/v1/ops')) return next();
    const who = await resolveKey(c.req.header('authorization'));
    if (who === 'unavailable') {
      c.header('Retry-After', '5');
      return problem(c, 'unavailable', 'API keys cannot be checked right now (the database is unavailable); retry shortly');
    }
    if (who === 'invalid') return problem(c, 'unauthorized', 'unknown or revoked API key: send a valid key as "Authorization: Bearer <key>", or none for anonymous access');
    const refused = who === 'missing'
      ? await admit(c, svc.limiter, addressKey(c, guard.trustProxy), svc.policies.anonymous, 'address')
      : await admit(c, svc.limiter, `key:${who.id}`, who.ratePerMinute ? { ...svc.policies.keyed, limit: who.ratePerMinute } : svc.policies.keyed, 'key');
    if (refused) return refused;
    await next();
  });
  app.use('/v1/*', serveKnownReads());
  const v1 = createV1();
  const openApiDocument = buildOpenApiDocument(v1);
  const openApiBody = JSON.stringify(openApiDocument);
  app.route('/', healthRoutes);
  app.route('/v1', v1);
  app.get('/openapi.json', (c) => c.body(openApiBody, 200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }));
  app.get('/docs', (c) => c.html(DocsPage({ doc: openApiDocument as never }) as string));
  app.route('/', opsRoutes);
  app.route('/', webRoutes);
  app.notFound((c) => problem(c, 'not-found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
