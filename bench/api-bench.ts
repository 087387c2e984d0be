/**
 * API throughput (issue 6). Warm: `/v1/compare` of one pair (a cache hit after the first)
 * against a bare Hono endpoint answering the same body, both over HTTP. Cold: the compare
 * route's cache-miss read (`compareEntry`: careers, the stored pair, its JSON in the order
 * asked, the ETag) for a new random pair each time, against a bare primary-key select of a
 * random pair through the same pool. Also printed: the cold read over HTTP against a bare
 * Hono endpoint doing the primary-key select. HTTP load comes from a separate process
 * (bench/http-load.ts); each figure is measured in alternating rounds and the median ratio is
 * reported, since the machine is shared and noisy. Data: the real O*NET ingest through the
 * workers.
 */
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startRuntime } from '../src/runtime/start.js';
import { runMigrations } from '../src/db/migrate.js';
import { createApp } from '../src/runtime/app.js';
import { apiServices } from '../src/http/services.js';
import { compareEntry } from '../src/api/routes/careers.js';
import { startStaticServer } from '../test/helpers/static-server.js';

interface Stats {
  rps: number;
  p50: number;
  p99: number;
  n: number;
}

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
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await one(i++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return summarize(latencies, performance.now() - started);
}

const HTTP_LOAD = fileURLToPath(new URL('./http-load.ts', import.meta.url));

/** Loads `base` + each of `paths` in turn from a separate process for `ms`. */
export function httpLoad(base: string, paths: string[], ms: number, concurrency: number): Promise<Stats> {
  const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-load-'));
  const spec = path.join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify({ base, paths, ms, concurrency }));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', HTTP_LOAD, spec], { maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      if (err) return reject(new Error(`load generator failed: ${stderr || err.message}`));
      const out = JSON.parse(stdout) as { n: number; ms: number; latencies: number[] };
      resolve(summarize(out.latencies, out.ms));
    });
  });
}

/** Measures `a` and `b` in alternating rounds; the round with the median ratio a/b. */
export async function alternate(
  rounds: number,
  a: () => Promise<Stats>,
  b: () => Promise<Stats>,
): Promise<{ a: Stats; b: Stats; ratio: number; ratios: number[] }> {
  const runs: { a: Stats; b: Stats; ratio: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const sa = await a();
    const sb = await b();
    runs.push({ a: sa, b: sb, ratio: sa.rps / sb.rps });
  }
  const ratios = runs.map((r) => r.ratio);
  const median = [...runs].sort((x, y) => x.ratio - y.ratio)[Math.floor(runs.length / 2)]!;
  return { ...median, ratios };
}

export function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
}
export const urlOf = (s: ServerType) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

export const fmt = (s: Stats) => `${Math.round(s.rps).toString().padStart(6)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  (n=${s.n})`;

/** Creates database `name` and fills it through the real pipeline (O*NET ingest, metrics, every pair). */
export async function ingestBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const data = await startStaticServer();
  const sourcesDir = mkdtempSync(path.join(tmpdir(), 'careerlens-bench-'));
  const sourcesFile = path.join(sourcesDir, 'sources.json');
  writeFileSync(
    sourcesFile,
    JSON.stringify([{ id: 'onet', kind: 'onet-database', url: `${data.url}/data/onet-29.2/`, schedule: { cron: '0 3 * * 1', tz: 'UTC' }, options: {} }]),
  );
  const log = createLogger('silent');
  try {
    await runMigrations(dbUrl);
    const env = {
      DATABASE_URL: dbUrl,
      QUEUE_PREFIX: name,
      LOG_LEVEL: 'silent',
      PRIVATE_SOURCE_HOSTS: '127.0.0.1',
      FETCH_HOST_DELAY_MS: '0',
      SOURCES_FILE: sourcesFile,
      PORT: '0',
    };
    const rt = await startRuntime(parseConfig(env), ['worker', 'scheduler'], log);
    const t0 = Date.now();
    for (;;) {
      const [r] = await rt.db.$client<
        { n: number; p: number; d: number }[]
      >`select (select count(*)::int from careers) n, (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`;
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

/** Measures and prints the API figures; returns the two median ratios. */
export async function benchApi(opts: { adminUrl: string; seconds?: number; rounds?: number }): Promise<{ warmRatio: number; coldRatio: number }> {
  const ms = (opts.seconds ?? 3) * 1000;
  const rounds = opts.rounds ?? 3;
  const concurrency = 32;
  const name = `cl_bench_${randomBytes(3).toString('hex')}`;
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  const log = createLogger('silent');
  try {
    const dbUrl = await ingestBenchDatabase(opts.adminUrl, name);

    const { openDb, closeDb } = await import('../src/db/client.js');
    const db = openDb(dbUrl, { max: 10 });
    const deps = { db, kit: {} as never, queues: {} as never, log };
    const app = createApp(deps, { anonymousPerMinute: 100_000_000 });
    const slugs = await db.$client<{ slug: string; id: number }[]>`select slug, id from careers order by id`;
    const apiServer = await listen(app.fetch);
    const comparePath = `/v1/compare/${slugs[0]!.slug}/${slugs[1]!.slug}`;
    const sample = await (await app.request(comparePath)).json();
    const bare = new Hono().get('/bare', (c) => c.json(sample));
    const bareServer = await listen(bare.fetch);
    const sql = db.$client;
    const pkApp = new Hono().get('/pk/:x/:y', async (c) =>
      c.json(
        (
          await sql`select a_id, b_id, data, version, updated_at from comparisons where a_id = ${Number(c.req.param('x'))} and b_id = ${Number(c.req.param('y'))}`
        )[0],
      ),
    );
    const pkServer = await listen(pkApp.fetch);

    // Warm: the same pair again and again, against c.json of the same body.
    await httpLoad(urlOf(apiServer), [comparePath], 500, concurrency);
    await httpLoad(urlOf(bareServer), ['/bare'], 500, concurrency);
    const warm = await alternate(
      rounds,
      () => httpLoad(urlOf(apiServer), [comparePath], ms, concurrency),
      () => httpLoad(urlOf(bareServer), ['/bare'], ms, concurrency),
    );

    // Random pairs: 515,620 of them, so a repeat (a cache hit) is rare.
    const n = slugs.length;
    const pairAt = () => {
      const a = Math.floor(Math.random() * n);
      let b = Math.floor(Math.random() * (n - 1));
      if (b >= a) b++;
      return [slugs[a]!, slugs[b]!] as const;
    };
    const pkOf = (a: { id: number }, b: { id: number }) => (a.id < b.id ? [a.id, b.id] : [b.id, a.id]) as [number, number];
    await Promise.all(slugs.map((s) => apiServices(deps).career(s.slug)));

    // Cold: the route's cache-miss read of a new pair each time, against a bare primary-key select.
    const coldRead = () =>
      load(
        async () => {
          const [a, b] = pairAt();
          await compareEntry(deps, a.slug, b.slug);
        },
        ms,
        concurrency,
      );
    const pkSelect = () =>
      load(
        async () => {
          const [x, y] = pkOf(...pairAt());
          await sql`select a_id, b_id, data, version, updated_at from comparisons where a_id = ${x} and b_id = ${y}`;
        },
        ms,
        concurrency,
      );
    await coldRead();
    const cold = await alternate(rounds, coldRead, pkSelect);

    // The same over HTTP: /v1/compare of random pairs against a bare Hono primary-key endpoint.
    const randomPaths = (f: (a: { slug: string; id: number }, b: { slug: string; id: number }) => string) =>
      Array.from({ length: 100_000 }, () => f(...pairAt()));
    const coldHttp = await alternate(
      rounds,
      () =>
        httpLoad(
          urlOf(apiServer),
          randomPaths((a, b) => `/v1/compare/${a.slug}/${b.slug}`),
          ms,
          concurrency,
        ),
      () =>
        httpLoad(
          urlOf(pkServer),
          randomPaths((a, b) => `/pk/${pkOf(a, b).join('/')}`),
          ms,
          concurrency,
        ),
    );

    const ratios = (r: number[]) => r.map((x) => x.toFixed(2)).join(', ');
    console.log(`GET /v1/compare, warm cache (HTTP)   ${fmt(warm.a)}`);
    console.log(`bare Hono c.json, same body (HTTP)   ${fmt(warm.b)}`);
    console.log(`  warm ratio ${warm.ratio.toFixed(2)}× (median of ${ratios(warm.ratios)}; target ≥ 0.6×)`);
    console.log(`compare cold read (cache miss)       ${fmt(cold.a)}`);
    console.log(`bare primary-key select (same pool)  ${fmt(cold.b)}`);
    console.log(`  cold ratio ${cold.ratio.toFixed(2)}× (median of ${ratios(cold.ratios)}; target ≥ 0.8×)`);
    console.log(`GET /v1/compare, cold pair (HTTP)    ${fmt(coldHttp.a)}`);
    console.log(`bare Hono PK select + c.json (HTTP)  ${fmt(coldHttp.b)}`);
    console.log(`  cold ratio over HTTP ${coldHttp.ratio.toFixed(2)}× (median of ${ratios(coldHttp.ratios)}; bodies ~8 KB against ~0.2 KB)`);
    const svc = apiServices(deps);
    console.log(`  cache: ${svc.cache.hits} hits, ${svc.cache.misses} misses, ${svc.cache.size} entries, ${(svc.cache.byteSize / 2 ** 20).toFixed(0)} MiB`);
    apiServer.close();
    bareServer.close();
    pkServer.close();
    await svc.stop();
    await closeDb(db);
    return { warmRatio: warm.ratio, coldRatio: cold.ratio };
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
