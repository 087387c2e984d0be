import { Hono } from 'hono';
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createHash, randomUUID } from 'node:crypto';
import type { ApiDeps, AppEnv } from './context.js';
import { handleError, problem } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { careerRoutes, compareRoutes } from './routes/careers.js';
import { changeRoutes } from './routes/changes.js';
import { apiServices, type ApiOptions } from './routes/services.js';
import { rateLimitHeaders } from './rate-limit.js';
import { buildOpenApiDocument } from './openapi.js';
import { validationHook } from './routes/route-kit.js';
import { webRoutes } from '../web/routes.js';
import { opsRoutes } from './routes/ops.js';
import { DocsPage } from '../web/docs.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{8,200})$/;

/** The v1 client API as one OpenAPI router (mounted at /v1): the source of /openapi.json. */
export function createV1() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', careerRoutes)
    .route('/', compareRoutes)
    .route('/', changeRoutes);
}

/**
 * Client identity for rate limiting. API keys are optional: the sha256 of a Bearer token is
 * the key id (clients are not authenticated; operators' keys are checked by the ops routes).
 */
function clientKey(c: { req: { header(n: string): string | undefined } }, remote: string): { key: string; keyed: boolean } {
  const m = BEARER.exec(c.req.header('authorization') ?? '');
  if (m) return { key: `key:${createHash('sha256').update(m[1]!).digest('hex').slice(0, 32)}`, keyed: true };
  return { key: `ip:${remote}`, keyed: false };
}

function remoteAddress(c: { env: unknown }): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** The HTTP app: health and metrics, the v1 API, its OpenAPI document and docs, and the dashboard pages. */
export function createApp(deps: ApiDeps, options: ApiOptions = {}) {
  const app = new Hono<AppEnv>();
  const svc = apiServices(deps, options);
  app.use(async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const log = deps.log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  const corsMw = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    allowHeaders: ['Authorization', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: ['ETag', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'],
    maxAge: 86_400,
  });
  app.use('/v1/*', corsMw);
  app.use('/openapi.json', corsMw);
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.path.startsWith('/v1/ops')) return next();
    const { key, keyed } = clientKey(c, remoteAddress(c));
    const decision = await svc.limiter.take(key, keyed ? svc.policies.keyed : svc.policies.anonymous);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      const res = problem(c, 'rate-limited', `over ${decision.policy.limit} requests per ${decision.policy.windowSec} s for this ${keyed ? 'key' : 'address'}; retry in ${decision.resetSec} s`);
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  });
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
