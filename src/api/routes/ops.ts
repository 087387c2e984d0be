import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { listRunHistory } from '../../db/queries/runs.js';
import { listAlerts } from '../../db/queries/alerts.js';
import { listAudit } from '../../db/queries/audit.js';
import { listSourceStatus, purgeDelistedSource, runSourceNow, setSourceEnabled, setSourceSchedule, summarizeRun, type OpsResult } from '../../ops/sources.js';
import { cancelRun, getRunDetail, requestRecompute, retryRun } from '../../ops/runs.js';
import { listPins, listUnmatched, pinTitle, unpinTitle } from '../../ops/title-pins.js';
import { scheduleInput, validateSchedule } from '../../ops/schedule.js';
import { actorOf, requireOperatorKey, type OpsEnv } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import {
  AlertListSchema,
  AuditListSchema,
  CancelledRunSchema,
  PinBodySchema,
  PurgedSourceSchema,
  PurgeQuerySchema,
  QueuedRunSchema,
  RecomputeBodySchema,
  RecomputeQueuedSchema,
  RetriedRunSchema,
  RunBodySchema,
  RunDetailSchema,
  RunIdParamSchema,
  RunListSchema,
  RunsQuerySchema,
  SourceIdParamSchema,
  SourceListSchema,
  SourceStatusSchema,
  TitlePinListSchema,
  TitlePinSchema,
  TitleUnpinnedSchema,
  UnmatchedTitleListSchema,
  UnpinQuerySchema,
} from '../ops-schemas.js';
import { errorResponses } from './route-kit.js';

/** What a refused part of the request is called in the answer (path parameters: by the route). */
const PART: Record<string, string> = { query: 'query', json: 'body' };

/**
 * Invalid requests answer 400 problem+json naming the part, the field and what it expects
 * (`query: limit: …`, `body: career: …`, `run id: …`); the given value is never echoed back.
 */
function opsHook(result: { success: boolean; error?: ZodError; target?: string }, c: Context): undefined {
  if (result.success || !result.error) return undefined;
  const issue = result.error.issues[0]!;
  const param = result.target === 'param';
  const part = param ? (c.req.routePath.includes('/sources/') ? 'source id' : 'run id') : (PART[result.target ?? ''] ?? result.target);
  const where = param || !issue.path.length ? '' : `${issue.path.join('.')}: `;
  throw new ApiError('invalid-request', `${part}: ${where}${issue.message}`);
}

/** A refused schedule says what a schedule is (the same message as the CLI's). */
function scheduleHook(result: { success: boolean; error?: ZodError; target?: string; data?: unknown }, c: Context): undefined {
  if (result.success) return undefined;
  if (result.target !== 'json') return opsHook(result, c);
  const checked = validateSchedule(result.data);
  throw new ApiError('invalid-request', checked.ok ? 'invalid schedule' : checked.message);
}

/**
 * Bodies are JSON; an empty body reads as `{}` (so `POST …/runs` needs none). Read here, before
 * the route's validator, so that malformed JSON answers with its own message.
 */
const jsonBody: MiddlewareHandler<OpsEnv> = async (c, next) => {
  const text = await c.req.text();
  const type = c.req.header('content-type');
  if (text.trim() && type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError('invalid-request', 'send the body as JSON (Content-Type: application/json)');
  }
  // Hono keeps the body read so far as promises in bodyCache (its type names the resolved values); the validator reads `text`.
  if (!text.trim()) (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
  else {
    try {
      JSON.parse(text);
    } catch {
      throw new ApiError('invalid-request', 'the body is not valid JSON');
    }
  }
  await next();
};

/** Expected outcomes of an operation become values or problem answers. */
function unwrap<T>(r: OpsResult<T>): T {
  if (r.ok) return r.value;
  throw new ApiError(r.error === 'invalid' ? 'invalid-request' : r.error, r.message);
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
/** A JSON body; `required: false` when an empty body means `{}` (no options). */
const body = <T extends z.ZodType>(schema: T, description: string, required = true) => ({ content: { 'application/json': { schema } }, description, required });
const queued = <T extends z.ZodType>(schema: T, description: string) => ({
  ...json(schema, description),
  headers: z.object({ Location: z.string().openapi({ description: 'The run (or job) to follow', example: '/v1/ops/runs/42' }) }),
});
/** Every operation: operator key, `ops` tag; no key 401, a key without the operator role 403, too many refused keys 429. */
const op = { tags: ['ops'], security: [{ operatorKey: [] }] };
const auth = errorResponses(401, 403, 429);
/** Operations that take a JSON body: one over API_BODY_LIMIT_BYTES answers 413 before the route reads it. */
const withBody = errorResponses(413);

/** `/v1/ops/*`: the operator API, every route behind an operator key. */
const ops = new OpenAPIHono<OpsEnv>({ defaultHook: opsHook });
ops.use(requireOperatorKey);

export const opsApi = ops
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/sources',
      operationId: 'listSources',
      summary: 'Sources with their schedule, runs and freshness',
      description: 'Every source with its schedule, last finished run, run in progress, next scheduled run, freshness and where its facts come from.',
      responses: { 200: json(SourceListSchema, 'Every source'), ...auth },
    }),
    async (c) => c.json({ items: await listSourceStatus(c.get('deps')) }, 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'put',
      path: '/sources/{id}/schedule',
      operationId: 'setSourceSchedule',
      summary: "Set a source's schedule",
      description: 'A cron expression with an IANA time zone, or a fixed interval. Kept across restarts; the next run moves at once.',
      request: { params: SourceIdParamSchema, body: body(z.union(scheduleInput.options).openapi('ScheduleRequest'), 'The schedule') },
      responses: { 200: json(SourceStatusSchema, 'The source with its new schedule'), ...errorResponses(400, 404), ...withBody, ...auth },
      middleware: jsonBody,
    }),
    async (c) => c.json(unwrap(await setSourceSchedule(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id, c.req.valid('json'))), 200),
    (result, c) => scheduleHook(result, c),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/sources/{id}/pause',
      operationId: 'pauseSource',
      summary: 'Pause a source',
      description: 'Removes its job scheduler: it runs again only when resumed.',
      request: { params: SourceIdParamSchema },
      responses: { 200: json(SourceStatusSchema, 'The paused source'), ...errorResponses(400, 404), ...auth },
    }),
    async (c) => c.json(unwrap(await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id, false)), 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/sources/{id}/resume',
      operationId: 'resumeSource',
      summary: 'Resume a paused source',
      request: { params: SourceIdParamSchema },
      responses: { 200: json(SourceStatusSchema, 'The resumed source'), ...errorResponses(400, 404), ...auth },
    }),
    async (c) => c.json(unwrap(await setSourceEnabled(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id, true)), 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/sources/{id}/runs',
      operationId: 'runSource',
      summary: 'Run a source now',
      description: 'Queues a run, or answers with the run already queued or running (never two at once). A delisted source answers 409.',
      request: { params: SourceIdParamSchema, body: body(RunBodySchema, 'Options of this run (the body may be empty)', false) },
      responses: { 202: queued(QueuedRunSchema, 'The run queued'), ...errorResponses(400, 404, 409), ...withBody, ...auth },
      middleware: jsonBody,
    }),
    async (c) => {
      const { allowShrink } = c.req.valid('json');
      const r = unwrap(await runSourceNow(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id, { allowShrink }));
      c.header('location', `/v1/ops/runs/${r.runId}`);
      return c.json(r, 202);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'delete',
      path: '/sources/{id}',
      operationId: 'purgeSource',
      summary: 'Purge a delisted source',
      description:
        'Deletes a delisted source and its facts, documents and runs for good; the request names the source again in `confirm`. ' +
        'A source still in the source list answers 409.',
      request: { params: SourceIdParamSchema, query: PurgeQuerySchema },
      responses: { 200: json(PurgedSourceSchema, 'What was deleted'), ...errorResponses(400, 404, 409), ...auth },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      // Purging deletes data for good: the request must name the source again in `confirm`.
      if (c.req.valid('query').confirm !== id)
        throw new ApiError('invalid-request', `purging deletes the source's facts, documents and runs: repeat its id as ?confirm=${id}`);
      return c.json(unwrap(await purgeDelistedSource(c.get('deps'), actorOf(c.get('operator')), id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/runs',
      operationId: 'listRuns',
      summary: 'Run history',
      description: 'Newest first, filtered by source, status, trigger and start time, paginated by `nextCursor`.',
      request: { query: RunsQuerySchema },
      responses: { 200: json(RunListSchema, 'A page of runs'), ...errorResponses(400), ...auth },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listRunHistory(c.get('deps').db, {
        sourceId: q.source,
        status: q.status,
        trigger: q.trigger,
        since: q.since === undefined ? undefined : new Date(q.since),
        beforeId: q.cursor,
        limit: q.limit,
      });
      return c.json(
        { items: page.items.map((r) => ({ ...summarizeRun(r), sourceId: r.sourceId })), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/runs/{id}',
      operationId: 'getRun',
      summary: 'A run with its rejected rows',
      description: 'Stats, rejected rows with their reasons and line numbers, the error, and the progress of a run in progress.',
      request: { params: RunIdParamSchema },
      responses: { 200: json(RunDetailSchema, 'The run'), ...errorResponses(400, 404), ...auth },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const run = await getRunDetail(c.get('deps'), id);
      if (!run) throw new ApiError('not-found', `no run ${id}`);
      return c.json(run, 200);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/runs/{id}/retry',
      operationId: 'retryRun',
      summary: 'Retry a failed run',
      description: "Queues a new run (trigger `retry`) of the failed run's source; other runs answer 409.",
      request: { params: RunIdParamSchema },
      responses: { 202: queued(RetriedRunSchema, 'The new run queued'), ...errorResponses(400, 404, 409), ...auth },
    }),
    async (c) => {
      const r = unwrap(await retryRun(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id));
      c.header('location', `/v1/ops/runs/${r.runId}`);
      return c.json(r, 202);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/runs/{id}/cancel',
      operationId: 'cancelRun',
      summary: 'Cancel a queued or running run',
      description: 'The run ends as `cancelled` at once and writes nothing more; finished runs answer 409.',
      request: { params: RunIdParamSchema },
      responses: { 200: json(CancelledRunSchema, 'The cancelled run'), ...errorResponses(400, 404, 409), ...auth },
    }),
    async (c) => c.json(unwrap(await cancelRun(c.get('deps'), actorOf(c.get('operator')), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'post',
      path: '/recompute',
      operationId: 'recompute',
      summary: 'Recompute careers and pairs',
      description: 'Every career and pair (`{"all": true}` or an empty body), or one career and its pairs (`{"career": "<slug>"}`).',
      request: { body: body(RecomputeBodySchema, 'What to recompute (an empty body: everything)', false) },
      responses: { 202: json(RecomputeQueuedSchema, 'The job queued'), ...errorResponses(400, 404), ...withBody, ...auth },
      middleware: jsonBody,
    }),
    async (c) => c.json(unwrap(await requestRecompute(c.get('deps'), actorOf(c.get('operator')), { career: c.req.valid('json').career })), 202),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/alerts',
      operationId: 'listAlerts',
      summary: 'Recent alerts',
      description: 'The 50 newest alerts: failed runs and stale sources.',
      responses: { 200: json(AlertListSchema, 'Alerts, newest first'), ...auth },
    }),
    async (c) => {
      const rows = await listAlerts(c.get('deps').db, { limit: 50 });
      return c.json({ items: rows.map((a) => ({ ...a, raisedAt: a.raisedAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null })) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/audit',
      operationId: 'listAudit',
      summary: 'The audit log',
      description: 'The 100 newest changes: who (which key), what, on what, when.',
      responses: { 200: json(AuditListSchema, 'Changes, newest first'), ...auth },
    }),
    async (c) => {
      const rows = await listAudit(c.get('deps').db, { limit: 100 });
      return c.json({ items: rows.map((a) => ({ ...a, at: a.at.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/title-pins',
      operationId: 'listTitlePins',
      summary: 'Title pins',
      responses: { 200: json(TitlePinListSchema, 'Every pinned title'), ...auth },
    }),
    async (c) => c.json({ items: await listPins(c.get('deps')) }, 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'put',
      path: '/title-pins',
      operationId: 'pinTitle',
      summary: 'Pin a job title to a career',
      description:
        'The title always goes to the career (slug or O*NET-SOC code); an earlier pin of the title is replaced, and the sources matching titles run again.',
      request: { body: body(PinBodySchema, 'The title and its career') },
      responses: { 200: json(TitlePinSchema, 'The pin'), ...errorResponses(400, 404), ...withBody, ...auth },
      middleware: jsonBody,
    }),
    async (c) => c.json(unwrap(await pinTitle(c.get('deps'), actorOf(c.get('operator')), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'delete',
      path: '/title-pins',
      operationId: 'unpinTitle',
      summary: 'Remove a title pin',
      description: 'From the next run on the matcher decides again.',
      request: { query: UnpinQuerySchema },
      responses: { 200: json(TitleUnpinnedSchema, 'The pin removed'), ...errorResponses(400, 404), ...auth },
    }),
    async (c) => c.json(unwrap(await unpinTitle(c.get('deps'), actorOf(c.get('operator')), c.req.valid('query').title)), 200),
  )
  .openapi(
    createRoute({
      ...op,
      method: 'get',
      path: '/unmatched-titles',
      operationId: 'listUnmatchedTitles',
      summary: 'Titles no career took',
      description: "At the last run of each source, with their candidate careers and confidence: the operators' to-do list.",
      responses: { 200: json(UnmatchedTitleListSchema, 'Unmatched titles, most frequent first'), ...auth },
    }),
    async (c) => c.json({ items: await listUnmatched(c.get('deps')) }, 200),
  );
