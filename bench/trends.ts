/**
 * Cost of the series by period (issue 10): an oews-wages source holding four releases (May 2020,
 * 2021, 2022, 2024) against the same source with one (May 2024), each ingested over HTTP into a
 * database that holds O*NET and then recomputed (metrics and every career's series), in fresh
 * databases, interleaved, medians of the rounds. Then warm reads of /v1/careers/{slug}/trends
 * against a bare Hono endpoint returning the same body, like the API bench's warm figure.
 */
import { Hono } from 'hono';
import { parseConfig } from '../src/config.js';
import { createApp } from '../src/runtime/app.js';
import { apiServices } from '../src/http/services.js';
import type { Db } from '../src/db/client.js';
import { syncSources } from '../src/db/queries/sources.js';
import { runIngest, type IngestDeps } from '../src/ingest/run-ingest.js';
import { buildAdapters, fetcherFactory } from '../src/ingest/wiring.js';
import { createLogger } from '../src/log.js';
import { recomputeDirtyMetrics } from '../src/workers/recompute-metrics.js';
import { startStaticServer, type StaticServer } from '../test/helpers/static-server.js';
import { alternate, fmt, httpLoad, listen, urlOf } from './api-bench.js';
import { withDatabase } from './ingest.js';
import type { Figure } from './workers.js';

const ROUNDS = 3;
/** Four releases hold about four times the rows: their ingest and recompute may cost up to this many one-year runs. */
const FOUR_YEARS_MAX_RATIO = 5;
/** The API bench's warm-read target: a cached trend read at least this share of a bare endpoint's throughput. */
const WARM_MIN_RATIO = 0.6;
/** Alternated warm rounds, median ratio: the machine is shared, and one round can land on another process's burst. */
const WARM_ROUNDS = 5;

const schedule = { cron: '0 3 * * 1', tz: 'UTC' };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** O*NET, then OEWS (newest release, plus `history`), then a full recompute: the OEWS ingest + recompute time. */
async function ingestYears(db: Db, server: StaticServer, history: string[]): Promise<number> {
  const config = parseConfig({ PRIVATE_SOURCE_HOSTS: '127.0.0.1', FETCH_HOST_DELAY_MS: '0', LOG_LEVEL: 'silent' });
  const deps: IngestDeps = { db, newFetcher: fetcherFactory(config), adapters: buildAdapters(), log: createLogger('silent') };
  const dir = `${server.url}/data/bls-oews-national`;
  await syncSources(db, [
    { id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/`, schedule, enabled: true, options: {} },
    { id: 'oews', kind: 'oews-wages', url: `${dir}/national_M2024_dl.xlsx`, schedule, enabled: true, options: { history: history.map((f) => `${dir}/${f}`) } },
  ]);
  if ((await runIngest(deps, { sourceId: 'onet', trigger: 'manual', final: true })).status !== 'succeeded') throw new Error('O*NET ingest failed');
  await recomputeDirtyMetrics(db.$client, { all: true });
  const t = performance.now();
  const out = await runIngest(deps, { sourceId: 'oews', trigger: 'manual', final: true });
  if (out.status !== 'succeeded') throw new Error(`OEWS ingest: ${out.status} ${out.error ?? ''}`);
  await recomputeDirtyMetrics(db.$client);
  return performance.now() - t;
}

/** Warm /trends reads against a bare endpoint with the same body, alternated over WARM_ROUNDS rounds. */
async function warmTrendReads(db: Db): Promise<{ ratio: number; line: string }> {
  const deps = { db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
  const app = createApp(deps, { anonymousPerMinute: 100_000_000 });
  const path = '/v1/careers/software-developers/trends?metric=salaryMedian';
  const body = await (await app.request(path)).json();
  const apiServer = await listen(app.fetch);
  const bareServer = await listen(new Hono().get('/bare', (c) => c.json(body)).fetch);
  try {
    await httpLoad(urlOf(apiServer), [path], 500, 32);
    await httpLoad(urlOf(bareServer), ['/bare'], 500, 32);
    const warm = await alternate(
      WARM_ROUNDS,
      () => httpLoad(urlOf(apiServer), [path], 3000, 32),
      () => httpLoad(urlOf(bareServer), ['/bare'], 3000, 32),
    );
    return { ratio: warm.ratio, line: `trends warm ${fmt(warm.a)}; bare ${fmt(warm.b)}; ratios ${warm.ratios.map((r) => r.toFixed(2)).join(', ')}` };
  } finally {
    apiServer.close();
    bareServer.close();
    await apiServices(deps).stop();
  }
}

export async function benchTrends(opts: { adminUrl: string }): Promise<Figure[]> {
  const server = await startStaticServer();
  const one: number[] = [];
  const four: number[] = [];
  let warm = { ratio: 0, line: '' };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      one.push(await withDatabase(opts.adminUrl, (db) => ingestYears(db, server, [])));
      four.push(
        await withDatabase(opts.adminUrl, async (db) => {
          const ms = await ingestYears(db, server, ['national_M2022_dl.xlsx', 'national_May2021_dl.csv', 'national_M2020_dl.xlsx']);
          if (r === ROUNDS - 1) warm = await warmTrendReads(db);
          return ms;
        }),
      );
    }
  } finally {
    await server.close();
  }
  const f = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
  console.log(`trends bench: one year ${f(one)} ms, four years ${f(four)} ms; ${warm.line}`);
  const ratio = median(four) / median(one);
  return [
    {
      name: 'OEWS four releases (May 2020–2024) vs one (May 2024): ingest + recompute with series',
      value: `${(median(four) / 1000).toFixed(2)} s vs ${(median(one) / 1000).toFixed(2)} s = ${ratio.toFixed(2)}×`,
      target: `≤ ${FOUR_YEARS_MAX_RATIO}×`,
      pass: ratio <= FOUR_YEARS_MAX_RATIO,
    },
    {
      name: 'GET /v1/careers/{slug}/trends warm (HTTP) vs bare Hono, same body',
      value: `${warm.ratio.toFixed(2)}×`,
      target: `≥ ${WARM_MIN_RATIO}×`,
      pass: warm.ratio >= WARM_MIN_RATIO,
    },
  ];
}
