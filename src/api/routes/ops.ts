import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { runStatuses, runTriggers } from '../../db/schema/sources.js';
import { listRunHistory } from '../../db/queries/runs.js';
import { listAlerts } from '../../db/queries/alerts.js';
import { listAudit } from '../../db/queries/audit.js';
import { listSourceStatus, purgeDelistedSource, runSourceNow, setSourceEnabled, setSourceSchedule, summarizeRun, type OpsResult } from '../../ops/sources.js';
import { cancelRun, getRunDetail, requestRecompute, retryRun } from '../../ops/runs.js';
import { listPins, listUnmatched, pinTitle, unpinTitle } from '../../ops/title-pins.js';
import { actorOf, requireOperatorKey, type OpsEnv } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';

const runsQuery = z.object({
  source: z.string().max(64).optional(),
  status: z.enum(runStatuses).optional(),
  trigger: z.enum(runTriggers).optional(),
  since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
const recomputeBody = z.object({ all: z.literal(true).optional(), career: z.string().min(1).max(200).optional() }).strict()
  .refine((b) => !(b.all && b.career), 'give either "all": true or "career", not both');
/** `allowShrink`: this run may remove more of the source's facts than its shrink limit. */
const runBody = z.object({ allowShrink: z.boolean().optional() }).strict();
const runId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A pin: the title as postings and surveys write it, and the career (slug or O*NET-SOC code) it always goes to. */
const pinBody = z.object({ title: z.string().min(1).max(200), career: z.string().min(1).max(200) }).strict();
const unpinQuery = z.object({ title: z.string().min(1).max(200) }).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ApiError('invalid-request', `${what}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try { return JSON.parse(text); } catch { throw new ApiError('invalid-request', 'the body is not valid JSON'); }
}

/** Expected outcomes of an operation become values or problem answers. */
function unwrap<T>(r: OpsResult<T>): T {
  if (r.ok) return r.value;
  throw new ApiError(r.error === 'invalid' ? 'invalid-request' : r.error, r.message);
}

/** `/v1/ops/*`: the operator API, every route behind an operator key. */
export const opsApi = new Hono<OpsEnv>()
  .use(requireOperatorKey)
  .get('/sources', async (c) => c.json({ items: await listSourceStatus(c.get('deps')) }))
  .put('/sources/:id/schedule', async (c) => {
    const value = unwrap(await setSourceSchedule(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), await jsonBody(c)));
    return c.json(value);
  })
  .post('/sources/:id/pause', async (c) => c.json(unwrap(await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), false))))
  .post('/sources/:id/resume', async (c) => c.json(unwrap(await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), true))))
  .post('/sources/:id/runs', async (c) => {
    const body = parse(runBody, await jsonBody(c), 'body');
    const r = unwrap(await runSourceNow(c.get('deps'), actorOf(c.get('operator')), c.req.param('id'), { allowShrink: body.allowShrink }));
    c.header('location', `/v1/ops/runs/${r.runId}`);
    return c.json(r, 202);
  })
  // Purging deletes data for good: the request must name the source again in `confirm`.
  .delete('/sources/:id', async (c) => {
    const id = c.req.param('id');
    if (c.req.query('confirm') !== id) throw new ApiError('invalid-request', `purging deletes the source's facts, documents and runs: repeat its id as ?confirm=${id}`);
    return c.json(unwrap(await purgeDelistedSource(c.get('deps'), actorOf(c.get('operator')), id)));
  })
  .get('/runs', async (c) => {
    const q = parse(runsQuery, c.req.query(), 'query');
    const page = await listRunHistory(c.get('deps').db, { sourceId: q.source, status: q.status, trigger: q.trigger, since: q.since, beforeId: q.cursor, limit: q.limit });
    return c.json({ items: page.items.map((r) => ({ ...summarizeRun(r), sourceId: r.sourceId })), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) });
  })
  .get('/runs/:id', async (c) => {
    const id = parse(runId, c.req.param('id'), 'run id');
    const run = await getRunDetail(c.get('deps'), id);
    if (!run) throw new ApiError('not-found', `no run ${id}`);
    return c.json(run);
  })
  .post('/runs/:id/retry', async (c) => {
    const id = parse(runId, c.req.param('id'), 'run id');
    const r = unwrap(await retryRun(c.get('deps'), actorOf(c.get('operator')), id));
    c.header('location', `/v1/ops/runs/${r.runId}`);
    return c.json(r, 202);
  })
  .post('/runs/:id/cancel', async (c) => {
    const id = parse(runId, c.req.param('id'), 'run id');
    return c.json(unwrap(await cancelRun(c.get('deps'), actorOf(c.get('operator')), id)));
  })
  .post('/recompute', async (c) => {
    const body = parse(recomputeBody, await jsonBody(c), 'body');
    return c.json(unwrap(await requestRecompute(c.get('deps'), actorOf(c.get('operator')), { career: body.career })), 202);
  })
  .get('/alerts', async (c) => c.json({ items: await listAlerts(c.get('deps').db, { limit: 50 }) }))
  .get('/audit', async (c) => c.json({ items: await listAudit(c.get('deps').db, { limit: 100 }) }))
  .get('/title-pins', async (c) => c.json({ items: await listPins(c.get('deps')) }))
  .put('/title-pins', async (c) => {
    const body = parse(pinBody, await jsonBody(c), 'body');
    return c.json(unwrap(await pinTitle(c.get('deps'), actorOf(c.get('operator')), body)));
  })
  .delete('/title-pins', async (c) => {
    const q = parse(unpinQuery, c.req.query(), 'query');
    return c.json(unwrap(await unpinTitle(c.get('deps'), actorOf(c.get('operator')), q.title)));
  })
  .get('/unmatched-titles', async (c) => c.json({ items: await listUnmatched(c.get('deps')) }));
