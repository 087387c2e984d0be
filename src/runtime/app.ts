/**
 * The HTTP app, assembled from the layers that serve it: the shared guards and context
 * (src/http), the client API and its OpenAPI document (src/api), the operators' API, and the
 * dashboard pages, the API reference and the operators' console (src/web).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { randomUUID } from 'node:crypto';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { handleError, problem } from '../http/errors.js';
import { apiServices, serveKnownReads, type ApiOptions } from '../http/services.js';
import { limitAuthFailures, limitBody, limitPages } from '../http/guards.js';
import { apiBudget, createV1 } from '../api/app.js';
import { healthRoutes } from '../api/routes/health.js';
import { buildOpenApiDocument } from '../api/openapi.js';
import { webRoutes } from '../web/routes.js';
import { opsConsole } from '../web/ops.js';
import { DocsPage } from '../web/docs.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The HTTP app: health and metrics, the v1 API, its OpenAPI document and docs, the operators' API and console, and the dashboard pages. */
export function createApp(deps: ApiDeps, options: ApiOptions = {}) {
  const app = new Hono<AppEnv>();
  const svc = apiServices(deps, options);
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
  app.use('/v1/*', apiBudget(deps, svc));
  app.use('/v1/*', serveKnownReads());
  const v1 = createV1();
  const openApiDocument = buildOpenApiDocument(v1);
  const openApiBody = JSON.stringify(openApiDocument);
  app.route('/', healthRoutes);
  app.route('/v1', v1);
  app.get('/openapi.json', (c) => c.body(openApiBody, 200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }));
  app.get('/docs', (c) => c.html(DocsPage({ doc: openApiDocument }) as string));
  app.route('/ops', opsConsole);
  app.route('/', webRoutes);
  app.notFound((c) => problem(c, 'not-found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
