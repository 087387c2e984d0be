/**
 * API throughput (issue 6): `/v1/compare` on a warm cache against a bare Hono JSON endpoint,
 * both over HTTP in the same run; cold compare reads (every pair new) against a bare
 * primary-key select through the same pool. Data: the real O*NET ingest through the workers.
 */
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startRuntime } from '../src/runtime/start.js';
import { runMigrations } from '../src/db/migrate.js';
import { createApp } from '../src/api/app.js';
import { apiServices } from '../src/api/routes/services.js';
import { startStaticServer } from '../test/helpers/static-server.js';

interface Stats { rps: number; p50: number; p99: number; n: number }

function summarize(latencies: number[], ms: number): Stats {
  const s = latencies.sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { rps: (s.length / ms) * 1000, p50: at(0.5), p99: at(0.99), n: s.length };
}

/** Runs `one` with `concurrency` loops for `ms`, recording each call's latency (ms). */
async function load(one: (i: number) => Promise<void>, ms: number, concurrency: number): Promise<Stats> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  let i = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      await one(i++);
      latencies.push(performance.now() - t);
    }
  }));
  return summarize(latencies, performance.now() - started);
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      res.resume();
      res.on('end', resolve);
    }).on('error', reject).end();
  });
}

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolve) => { const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s)); });
}
const urlOf = (s: ServerType) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;


const fmt = (s: Stats) => `${Math.round(s.rps).toString().padStart(6)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  (n=${s.n})`;

/** Creates database `name` and fills it through the real pipeline (O*NET ingest, metrics, every pair). */
export async function ingestBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const data = await startStaticServer();
  const sourcesDir = mkdtempSync(path.join(tmpdir(), 'careerlens-bench-'));
  const sourcesFile = path.join(sourcesDir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify([{ id: 'onet', kind: 'onet-database', url: `${data.url}/data/onet-29.2/`, schedule: { cron: '0 3 * * 1', tz: 'UTC' }, options: {} }]));
  const log = createLogger('silent');
  try {
    await runMigrations(dbUrl);
    const env = { DATABASE_URL: dbUrl, QUEUE_PREFIX: name, LOG_LEVEL: 'silent', ALLOW_PRIVATE_NETWORKS: 'true', FETCH_HOST_DELAY_MS: '0', SOURCES_FILE: sourcesFile, PORT: '0' };
    const rt = await startRuntime(parseConfig(env), ['worker', 'scheduler'], log);
    const t0 = Date.now();
    for (;;) {
      const [r] = await rt.db.$client<{ n: number; p: number; d: number }[]>`select (select count(*)::int from careers) n, (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`;
      if (r && r.n > 0 && r.p === (r.n * (r.n - 1)) / 2 && r.d === 0) break;
      if (Date.now() - t0 > 180_000) throw new Error('ingest did not finish in 3 minutes');
      await new Promise((res) => setTimeout(res, 500));
    }
    await rt.stop();
    console.log(`api bench: O*NET ingested and every pair computed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return dbUrl;
  } finally {
    await data.close();
  }
}

/** Measures and prints the API figures; returns the two ratios. */
export async function benchApi(opts: { adminUrl: string; seconds?: number }): Promise<{ warmRatio: number; coldRatio: number }> {
  const ms = (opts.seconds ?? 4) * 1000;
  const name = `cl_bench_${randomBytes(3).toString('hex')}`;
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  const log = createLogger('silent');
  try {
    const dbUrl = await ingestBenchDatabase(opts.adminUrl, name);

    const { openDb, closeDb } = await import('../src/db/client.js');
    const db = openDb(dbUrl, { max: 10 });
    const deps = { db, kit: {} as never, queues: {} as never, log };
    const app = createApp(deps, { anonymousPerMinute: 100_000_000 });
    const slugs = (await db.$client<{ slug: string; id: number }[]>`select slug, id from careers order by id`);
    const apiServer = await listen(app.fetch);
    const comparePath = `/v1/compare/${slugs[0]!.slug}/${slugs[1]!.slug}`;
    const sample = await (await app.request(comparePath)).json();
    const bare = new Hono().get('/bare', (c) => c.json(sample));
    const bareServer = await listen(bare.fetch);
    const concurrency = 32;

    // Warm: the same pair again and again (a cache hit after the first), against c.json of the same body.
    await load(() => get(`${urlOf(apiServer)}${comparePath}`), 500, concurrency);
    await load(() => get(`${urlOf(bareServer)}/bare`), 500, concurrency);
    const warm = await load(() => get(`${urlOf(apiServer)}${comparePath}`), ms, concurrency);
    const bareStats = await load(() => get(`${urlOf(bareServer)}/bare`), ms, concurrency);

    // Cold: every request a different pair (never cached); the bare baseline selects a pair by primary key.
    const n = slugs.length;
    // Random pairs: 515,620 of them, so a repeat (a cache hit) is rare.
    const pairAt = (_i: number) => { const a = Math.floor(Math.random() * n); let b = Math.floor(Math.random() * (n - 1)); if (b >= a) b++; return [slugs[a]!, slugs[b]!] as const; };
    await Promise.all(slugs.map((s) => apiServices(deps).career(s.slug)));
    let k = 1_000_000;
    const cold = await load(async () => { const [a, b] = pairAt(k++); const r = await app.request(`/v1/compare/${a.slug}/${b.slug}`); if (r.status !== 200) throw new Error(`cold ${r.status}`); await r.arrayBuffer(); }, ms, concurrency);
    let j = 2_000_000;
    const sql = db.$client;
    const pk = await load(async () => { const [a, b] = pairAt(j++); const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id]; await sql`select a_id, b_id, data, version, updated_at from comparisons where a_id = ${x} and b_id = ${y}`; }, ms, concurrency);

    // The same cold read over HTTP, against a bare Hono endpoint that selects the pair by primary key and returns it.
    const pkApp = new Hono().get('/pk/:x/:y', async (c) => c.json((await sql`select a_id, b_id, data, version, updated_at from comparisons where a_id = ${Number(c.req.param('x'))} and b_id = ${Number(c.req.param('y'))}`)[0]));
    const pkServer = await listen(pkApp.fetch);
    let h = 3_000_000;
    const coldHttp = await load(() => { const [a, b] = pairAt(h++); return get(`${urlOf(apiServer)}/v1/compare/${a.slug}/${b.slug}`); }, ms, concurrency);
    const pkHttp = await load(() => { const [a, b] = pairAt(h++); const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id]; return get(`${urlOf(pkServer)}/pk/${x}/${y}`); }, ms, concurrency);
    pkServer.close();

    const warmRatio = warm.rps / bareStats.rps;
    const coldRatio = cold.rps / pk.rps;
    console.log(`GET /v1/compare, warm cache (HTTP) ${fmt(warm)}`);
    console.log(`bare Hono c.json (HTTP)           ${fmt(bareStats)}`);
    console.log(`  warm ratio ${warmRatio.toFixed(2)}× (target ≥ 0.6×)`);
    console.log(`GET /v1/compare, cold pair (app)  ${fmt(cold)}`);
    console.log(`bare primary-key select (pool)    ${fmt(pk)}`);
    console.log(`  cold ratio ${coldRatio.toFixed(2)}× (target ≥ 0.8×)`);
    console.log(`GET /v1/compare, cold pair (HTTP) ${fmt(coldHttp)}`);
    console.log(`bare Hono PK select + c.json (HTTP) ${fmt(pkHttp)}`);
    console.log(`  cold ratio over HTTP ${(coldHttp.rps / pkHttp.rps).toFixed(2)}×`);
    console.log(`  cache: ${apiServices(deps).cache.hits} hits, ${apiServices(deps).cache.misses} misses in all`);
    apiServer.close();
    bareServer.close();
    await apiServices(deps).stop();
    await closeDb(db);
    return { warmRatio, coldRatio };
  } finally {
    agent.destroy();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
