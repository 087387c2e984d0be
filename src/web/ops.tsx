import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { createSession, deleteSession, findKeyBySecret } from '../db/queries/keys.js';
import { listRunHistory } from '../db/queries/runs.js';
import { listAlerts } from '../db/queries/alerts.js';
import { runStatuses, type RunStatus } from '../db/schema/sources.js';
import { actorOf, identifyBearer, identifySession, SESSION_COOKIE, SESSION_TTL_MS, type OpsEnv } from '../http/auth.js';
import { problem } from '../http/errors.js';
import { listSourceStatus, runSourceNow, setSourceEnabled, setSourceSchedule, summarizeRun, type OpsResult } from '../ops/sources.js';
import { cancelRun, getRunDetail, requestRecompute, retryRun } from '../ops/runs.js';
import { listDeadJobs, retryDeadJob } from '../ops/jobs.js';
import { BoardUnavailablePage, ConsolePage, RunDetailPage, RunHistoryPage, SignInPage } from './ops-pages.js';
import { liveJs, opsCss } from './ops-live.js';
import { queueBoard } from './ops-board.js';
import { listPins, listUnmatched, pinTitle, unpinTitle } from '../ops/title-pins.js';
import { TitlesPage } from './ops-titles.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** A cross-site request carries another site's Origin (or Sec-Fetch-Site: cross-site). */
function crossSite(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== (c.req.header('host') ?? new URL(c.req.url).host)) return true;
    } catch {
      return true;
    }
  } else if (origin === 'null') return true;
  const site = c.req.header('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Console authentication: the session cookie (or an operator Bearer key, for scripts). Pages
 * without one redirect to the sign-in; JSON and the board's API answer 401. Unsafe requests must
 * come from this origin, and the console's own forms must carry the session's CSRF token.
 */
const requireConsoleSession: MiddlewareHandler<OpsEnv> = async (c, next) => {
  const path = c.req.path;
  if (path === '/ops/signin' || path.startsWith('/ops/assets/')) return next();
  const session = await identifySession(c);
  if (session) {
    if (UNSAFE.has(c.req.method)) {
      if (crossSite(c)) return problem(c, 'forbidden', 'cross-site requests to the console are refused');
      // The board's API takes its token in a header (it is read-only, but nothing writes without one).
      const given = path.startsWith('/ops/queues/') ? c.req.header('x-csrf-token') : (await c.req.parseBody())._csrf;
      if (typeof given !== 'string' || !sameToken(given, session.csrfToken))
        return problem(c, 'forbidden', 'the form is out of date: reload the page and try again');
    }
    c.set('operator', session);
    c.set('csrfToken', session.csrfToken);
    return next();
  }
  const bearer = await identifyBearer(c.get('deps').db, c.req.header('authorization'));
  if (typeof bearer === 'object' && bearer.role === 'operator') {
    c.set('operator', bearer);
    return next();
  }
  if (bearer === 'invalid' || typeof bearer === 'object') return problem(c, 'forbidden', 'this request needs a valid operator API key');
  if (c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')) return c.redirect('/ops/signin', 303);
  return problem(c, 'unauthorized', 'sign in at /ops/signin or send an operator API key');
};

/** After an action: to the page that shows its outcome, with a notice or an error. */
function after<T>(c: Context<OpsEnv>, r: OpsResult<T>, to: (v: T) => string): Response {
  if (r.ok) return c.redirect(to(r.value), 303);
  return c.redirect(`/ops?error=${encodeURIComponent(r.message)}`, 303);
}

const view = (c: Context<OpsEnv>) => ({ operator: c.get('operator').name, csrf: c.get('csrfToken') ?? '' });

/** `/ops`: the operators' console (server-rendered, one small polling script). */
export const opsConsole = new Hono<OpsEnv>()
  .use(requireConsoleSession)
  .use(async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/ops/queues')) {
      c.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'");
      c.header('x-frame-options', 'DENY');
      c.header('cache-control', 'no-store');
    }
  })
  .get('/assets/live.js', (c) => c.body(liveJs, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/assets/ops.css', (c) => c.body(opsCss, 200, { 'content-type': 'text/css; charset=utf-8' }))
  .get('/signin', (c) => c.html(<SignInPage />))
  .post('/signin', async (c) => {
    if (crossSite(c)) return problem(c, 'forbidden', 'cross-site sign-in is refused');
    const form = await c.req.parseBody();
    const key = typeof form.key === 'string' ? form.key.trim() : '';
    const who = key && key.length <= 200 ? await findKeyBySecret(c.get('deps').db, key) : undefined;
    if (who?.role !== 'operator') return c.html(<SignInPage error="That key cannot open the console." />, key ? 403 : 401);
    const s = await createSession(c.get('deps').db, { keyId: who.id, ttlMs: SESSION_TTL_MS });
    setCookie(c, SESSION_COOKIE, s.token, { path: '/ops', httpOnly: true, sameSite: 'Strict', secure: isHttps(c), expires: s.expiresAt });
    return c.redirect('/ops', 303);
  })
  .post('/signout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.get('deps').db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/ops', secure: isHttps(c) });
    return c.redirect('/ops/signin', 303);
  })
  .get('/', async (c) => {
    const deps = c.get('deps');
    const [sources, runs, alerts, deadJobs] = await Promise.all([
      listSourceStatus(deps),
      listRunHistory(deps.db, { limit: 15 }),
      listAlerts(deps.db, { limit: 20 }),
      listDeadJobs(deps),
    ]);
    return c.html(
      <ConsolePage
        {...view(c)}
        sources={sources}
        runs={runs.items.map((r) => ({ ...summarizeRun(r), sourceId: r.sourceId }))}
        alerts={alerts}
        deadJobs={deadJobs}
        notice={c.req.query('notice')}
        error={c.req.query('error')}
      />,
    );
  })
  .get('/runs', async (c) => {
    const source = c.req.query('source') || undefined;
    const statusQ = c.req.query('status');
    const status = (runStatuses as readonly string[]).includes(statusQ ?? '') ? (statusQ as RunStatus) : undefined;
    const cursor = Number(c.req.query('cursor')) || undefined;
    const page = await listRunHistory(c.get('deps').db, { sourceId: source, status, beforeId: cursor, limit: 50 });
    const next = page.nextCursor
      ? `/ops/runs?${new URLSearchParams({ ...(source ? { source } : {}), ...(status ? { status } : {}), cursor: String(page.nextCursor) })}`
      : undefined;
    return c.html(
      <RunHistoryPage {...view(c)} runs={page.items.map((r) => ({ ...summarizeRun(r), sourceId: r.sourceId }))} next={next} filter={{ source, status }} />,
    );
  })
  .get('/runs/:id{[0-9]+}', async (c) => {
    const run = await getRunDetail(c.get('deps'), Number(c.req.param('id')));
    if (!run) return problem(c, 'not-found', `no run ${c.req.param('id')}`);
    return c.html(<RunDetailPage {...view(c)} run={run} />);
  })
  .get('/live.json', async (c) => {
    const ids = (c.req.query('ids') ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0)
      .slice(0, 50);
    const runs = await Promise.all(ids.map((id) => getRunDetail(c.get('deps'), id)));
    return c.json({ runs: runs.filter((r) => r !== undefined).map(({ rejects: _r, ...r }) => r) });
  })
  .post('/sources/:id/run', async (c) =>
    after(c, await runSourceNow(c.get('deps'), actorOf(c.get('operator')), c.req.param('id')), (v) => `/ops/runs/${v.runId}`),
  )
  .post('/sources/:id/pause', async (c) =>
    after(
      c,
      await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), false),
      (s) => `/ops?notice=${encodeURIComponent(`${s.id} paused`)}`,
    ),
  )
  .post('/sources/:id/resume', async (c) =>
    after(
      c,
      await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), true),
      (s) => `/ops?notice=${encodeURIComponent(`${s.id} resumed`)}`,
    ),
  )
  .post('/sources/:id/schedule', async (c) => {
    const form = await c.req.parseBody();
    const input = { cron: String(form.cron ?? ''), tz: String(form.tz || 'UTC') };
    return after(
      c,
      await setSourceSchedule(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), input),
      (s) => `/ops?notice=${encodeURIComponent(`${s.id}: next run ${s.nextRunAt ?? 'not scheduled'}`)}`,
    );
  })
  .post('/runs/:id{[0-9]+}/retry', async (c) =>
    after(c, await retryRun(c.get('deps'), actorOf(c.get('operator')), Number(c.req.param('id'))), (v) => `/ops/runs/${v.runId}`),
  )
  .post('/runs/:id{[0-9]+}/cancel', async (c) =>
    after(c, await cancelRun(c.get('deps'), actorOf(c.get('operator')), Number(c.req.param('id'))), (v) => `/ops/runs/${v.id}`),
  )
  .get('/titles', async (c) => {
    const [pins, unmatched] = await Promise.all([listPins(c.get('deps')), listUnmatched(c.get('deps'))]);
    return c.html(<TitlesPage {...view(c)} pins={pins} unmatched={unmatched} notice={c.req.query('notice')} error={c.req.query('error')} />);
  })
  .post('/titles/pin', async (c) => {
    const form = await c.req.parseBody();
    const r = await pinTitle(c.get('deps'), actorOf(c.get('operator')), { title: String(form.title ?? ''), career: String(form.career ?? '') });
    return c.redirect(
      `/ops/titles?${r.ok ? `notice=${encodeURIComponent(`pinned "${r.value.title}" to ${r.value.career.slug}`)}` : `error=${encodeURIComponent(r.message)}`}`,
      303,
    );
  })
  .post('/titles/unpin', async (c) => {
    const form = await c.req.parseBody();
    const r = await unpinTitle(c.get('deps'), actorOf(c.get('operator')), String(form.title ?? ''));
    return c.redirect(`/ops/titles?${r.ok ? `notice=${encodeURIComponent(`unpinned "${r.value.title}"`)}` : `error=${encodeURIComponent(r.message)}`}`, 303);
  })
  .post('/recompute', async (c) =>
    after(
      c,
      await requestRecompute(c.get('deps'), actorOf(c.get('operator')), {}),
      (v) => `/ops?notice=${encodeURIComponent(`recompute queued (job ${v.jobId})`)}`,
    ),
  )
  .post('/jobs/:queue/:id/retry', async (c) =>
    after(
      c,
      await retryDeadJob(c.get('deps'), actorOf(c.get('operator')), c.req.param('queue'), c.req.param('id')),
      (v) => `/ops?notice=${encodeURIComponent(`job ${v.id} on ${v.queue} retried`)}`,
    ),
  )
  .all('/queues/*', async (c) => {
    const board = queueBoard(c.get('deps'));
    if (board instanceof Error) {
      return c.html(<BoardUnavailablePage {...view(c)} reason={board.message} backend={c.get('deps').kit.kind} />, 503);
    }
    return board.fetch(c.req.raw);
  });
