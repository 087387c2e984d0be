import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { ApiDeps, AppEnv } from './context.js';
import { handleError, problem } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { careerRoutes, compareRoutes } from './routes/careers.js';
import { webRoutes } from '../web/routes.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The HTTP app: health and metrics, the v1 API and the dashboard pages. */
export function createApp(deps: ApiDeps) {
  const app = new Hono<AppEnv>();
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
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.route('/', healthRoutes);
  app.route('/v1', careerRoutes);
  app.route('/v1', compareRoutes);
  app.route('/', webRoutes);
  app.notFound((c) => problem(c, 'not-found', `no route ${c.req.method} ${c.req.path}`));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
