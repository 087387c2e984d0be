/**
 * The API fuzzed from its own /openapi.json: for every operation, property-based requests
 * whose parameters come from the document's schemas (valid, edge and hostile values, seeded),
 * and the hostile list over the HTML pages. Nothing may answer 5xx, every answer must match the
 * schema the document gives for its status, and no input may come back unescaped in HTML.
 * The operators' routes (`/v1/ops`) are fuzzed twice: without a key (every answer 401) and with
 * an operator key over real queues (no workers run them), with JSON request bodies generated
 * from their schemas (valid, edge, hostile, wrongly typed, not JSON); a purge never gets its
 * confirmation.
 */
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { createApp } from '../../src/runtime/app.js';
import { createV1 } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';
import { apiServices } from '../../src/http/services.js';
import { createLogger } from '../../src/log.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { createApiKey } from '../../src/db/queries/keys.js';
import { testQueuePrefix } from '../helpers/db.js';
import { seedRealData, type Seeded } from '../api/seed.js';
import { encodeParam, HOSTILE_STRINGS, MARKUP_STRINGS } from './hostile.js';
import { bodyArbitrary, parameterArbitrary, type BodySchema, type ParamSchema } from './schema-arbitrary.js';

const SEED = 20_261_206;
const RUNS_PER_OPERATION = 120;
/** Without a key every operators' answer is the same 401: a few runs show it, whatever the parameters. */
const RUNS_UNAUTHENTICATED = 20;
/** With a key: each run may queue work or write the audit log, so fewer; one without parameters is the same request each time. */
const runsAsOperator = (op: Operation) => (op.parameters.length ? 60 : 3);

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: ParamSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: BodySchema }> };
}
type OpenApiDoc = { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>; components: Record<string, unknown> };

let seeded: Seeded;
let app: ReturnType<typeof createApp>;
let deps: Parameters<typeof createApp>[0];
let kit: QueueKit;
let queues: Queues;
let operatorKey: string;
// The document as the app serves it, read at collection time so that each operation gets its own property test.
const doc = buildOpenApiDocument(createV1()) as unknown as OpenApiDoc;
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method, path, ...op, parameters: op.parameters ?? [] })),
);
const isOps = (op: Operation) => op.path.startsWith('/v1/ops/');
const validators = new Map<string, ValidateFunction>();
const known = { slug: ['software-developers', 'data-scientists', '15-1252.00', 'registered-nurses'], cursor: [] as string[], since: [] as string[] };

/** The response schema the document gives for this operation and status (undefined: not documented). */
function validatorFor(ajv: Ajv2020, op: Operation, status: number): ValidateFunction | undefined {
  const response = op.responses[String(status)];
  const schema = response?.content ? Object.values(response.content)[0]?.schema : undefined;
  if (!schema) return undefined;
  const id = `${op.method} ${op.path} ${status}`;
  let v = validators.get(id);
  if (!v) {
    v = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
    validators.set(id, v);
  }
  return v;
}

let ajv: Ajv2020;

beforeAll(async () => {
  seeded = await seedRealData('fuzz');
  kit = createQueueKit({ kind: 'redis', url: inject('redisUrl'), prefix: testQueuePrefix('fuzz') });
  queues = openQueues(kit);
  deps = { db: seeded.db, kit, queues, log: createLogger('silent') };
  operatorKey = (await createApiKey(seeded.db, { role: 'operator', name: 'fuzz' })).key;
  app = createApp(deps, { anonymousPerMinute: 1_000_000, watchChanges: false });
  ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const list = (await (await app.request('/v1/careers?limit=2')).json()) as { nextCursor: string | null };
  if (list.nextCursor) known.cursor.push(list.nextCursor);
  const changes = (await (await app.request('/v1/changes?limit=5')).json()) as { nextCursor: string | null; latest: string };
  known.since.push(changes.latest, ...(changes.nextCursor ? [changes.nextCursor] : []));
}, 300_000);

afterAll(async () => {
  if (queues) {
    for (const q of [queues.ingest, queues.careers, queues.comparisons]) await q.obliterate({ force: true }).catch(() => {});
    await queues.close();
    await kit.close();
  }
  await apiServices(deps)?.stop();
  await seeded?.stop();
}, 420_000); // longer than the seed's own 6-minute wait, so a slow seed reports itself

/** Sends one generated request and checks it against the document. */
async function check(op: Operation, values: Record<string, string | undefined>, as: { key?: string; status?: number; body?: string } = {}): Promise<void> {
  let path = op.path;
  const query: string[] = [];
  for (const p of op.parameters) {
    const v = values[p.name];
    if (v === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeParam(v));
    else query.push(`${p.name}=${encodeParam(v)}`);
  }
  const url = `${path}${query.length ? `?${query.join('&')}` : ''}`;
  const headers: Record<string, string> = as.key ? { authorization: `Bearer ${as.key}` } : {};
  if (as.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(url, { method: op.method.toUpperCase(), headers, body: as.body });
  const text = await res.text();
  const sent = as.body === undefined ? '' : ` with ${JSON.stringify(as.body.slice(0, 200))}`;
  const where = `${op.method.toUpperCase()} ${url.slice(0, 300)}${sent} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  if (as.status !== undefined) expect(res.status, where).toBe(as.status);
  const validate = validatorFor(ajv, op, res.status);
  expect(validate, `status ${res.status} is not documented: ${where}`).toBeDefined();
  const body: unknown = JSON.parse(text);
  expect(validate!(body), `${where}\n${JSON.stringify(validate!.errors?.slice(0, 3))}`).toBe(true);
  expect(res.headers.get('content-type') ?? '', where).toMatch(/json/);
}

describe('API fuzzed from /openapi.json', () => {
  test('the document lists every v1 operation with its parameters and request bodies, as served at /openapi.json', async () => {
    expect(await (await app.request('/openapi.json')).json()).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['get /v1/careers', 'get /v1/careers/{slug}', 'get /v1/compare/{a}/{b}', 'get /v1/changes']),
    );
    expect(operations.every((o) => o.parameters.every((p) => p.schema))).toBe(true);
    expect(
      operations
        .filter((o) => o.requestBody)
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(['post /v1/ops/recompute', 'post /v1/ops/sources/{id}/runs', 'put /v1/ops/sources/{id}/schedule', 'put /v1/ops/title-pins']);
  });

  /** Each parameter: a value from its schema, an edge, a known-good value or a hostile string; optional ones sometimes left out. */
  const requestArbitrary = (op: Operation) => {
    const record: Record<string, fc.Arbitrary<string | undefined>> = {};
    for (const p of op.parameters) {
      const knownValues =
        p.name === 'cursor' ? () => known.cursor : p.name === 'since' ? () => known.since : ['slug', 'a', 'b'].includes(p.name) ? () => known.slug : () => [];
      const arb = fc.constant(null).chain(() => parameterArbitrary(p.schema, knownValues()));
      record[p.name] = p.in === 'path' || p.required ? arb : fc.option(arb, { nil: undefined, freq: 3 });
    }
    return fc.record(record);
  };

  for (const op of operations.filter((o) => !isOps(o))) {
    test.prop([requestArbitrary(op)], { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true })(
      `${op.method.toUpperCase()} ${op.path}: no 5xx, every answer matches its documented schema`,
      (values) => check(op, values),
      120_000,
    );
  }

  for (const op of operations.filter(isOps)) {
    test.prop([requestArbitrary(op)], { seed: SEED, numRuns: RUNS_UNAUTHENTICATED, endOnFailure: true })(
      `${op.method.toUpperCase()} ${op.path} without a key: 401, as documented`,
      (values) => check(op, values, { status: 401 }),
      120_000,
    );
    // A JSON request body is fuzzed from its schema too: valid, edge, hostile and wrongly typed fields, other JSON, not JSON, none.
    const bodySchema = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
    const body = bodySchema ? bodyArbitrary(bodySchema, doc.components as { schemas?: Record<string, BodySchema> }) : fc.constant(undefined);
    test.prop([requestArbitrary(op), body], { seed: SEED, numRuns: bodySchema ? 2 * runsAsOperator(op) : runsAsOperator(op), endOnFailure: true })(
      `${op.method.toUpperCase()} ${op.path} with an operator key: no 5xx, every answer matches its documented schema`,
      (values, sent) => {
        // A purge is fuzzed up to its confirmation, never through it.
        const safe = op.method === 'delete' && op.path === '/v1/ops/sources/{id}' ? { ...values, confirm: `not-${values.id ?? ''}` } : values;
        return check(op, safe, { key: operatorKey, body: sent });
      },
      120_000,
    );
  }

  test('the hostile list over the HTML pages: no 5xx, nothing reflected unescaped, no injected headers', async () => {
    const pages = (h: string) => {
      const e = encodeParam(h);
      return [
        `/?q=${e}`,
        `/careers/${e}`,
        `/compare/${e}-vs-software-developers`,
        `/compare/software-developers-vs-${e}`,
        `/compare?a=${e}&b=${e}`,
        `/compare?a=software-developers&b=${e}`,
        `/trends?c=${e}&metric=${e}&category=${e}`,
        `/trends?c=software-developers&from=${e}`,
        `/trends.csv?c=${e}&metric=${e}`,
        `/trends.csv?chart=movers&category=${e}`,
        `/docs?x=${e}`,
        `/ops/signin?next=${e}`,
        `/nowhere/${e}`,
      ];
    };
    for (const h of HOSTILE_STRINGS) {
      for (const url of pages(h)) {
        const res = await app.request(url, { headers: { accept: 'text/html' } });
        const text = await res.text();
        const where = `GET ${url.slice(0, 200)} → ${res.status}`;
        expect(res.status, `${where} ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(res.headers.get('set-cookie'), where).toBeNull();
        if (MARKUP_STRINGS.includes(h) && (res.headers.get('content-type') ?? '').includes('html')) {
          expect(text.includes(h), `${where} reflects ${JSON.stringify(h)} unescaped`).toBe(false);
        }
      }
    }
  }, 240_000);
});
