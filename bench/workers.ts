/**
 * Worker figures (issue 4), each against its target, measured in one run on one machine:
 * full recompute of every pair of the real O*NET ingest vs a bare COPY of as many rows of the
 * same width into a table of the same shape; one changed career → its pairs fresh in the API;
 * stored bytes per pair; time per pair at 2,000 vs 1,000 synthetic careers; worker peak RSS;
 * and the invariants over every stored pair.
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startRuntime, type Runtime } from '../src/runtime/start.js';
import { runMigrations } from '../src/db/migrate.js';
import { enqueueCareersChanged, enqueueRecomputePairs } from '../src/queue/queues.js';
import { buildComparison } from '../src/api/comparison-view.js';
import { checkComparisonInvariants } from '../src/core/compare/index.js';
import { randomCareers } from '../src/core/compare/random-careers.js';
import { computePairRange, loadPairSides } from '../src/workers/recompute-pairs.js';
import type { CareerWithMetrics, StoredComparison } from '../src/db/queries/careers.js';

export interface Figure { name: string; value: string; target: string; pass: boolean | null }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function withDatabase<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `cl_benchw_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    await runMigrations(url);
    return await fn(url);
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function dataServer(): Promise<{ url: string; close(): void }> {
  const root = path.resolve('../shared/data');
  const srv = createServer(async (req, res) => {
    const p = path.resolve(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/data\//, ''));
    if (!p.startsWith(root)) { res.writeHead(404).end(); return; }
    try { res.writeHead(200).end(await readFile(p)); } catch { res.writeHead(404).end(); }
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => srv.close() };
}

async function waitPairsDone(sql: postgres.Sql, total: number, onTick?: () => void): Promise<void> {
  for (;;) {
    onTick?.();
    const [r] = await sql<{ p: number; d: number }[]>`select (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`;
    if (r!.p === total && r!.d === 0) return;
    await sleep(50);
  }
}

/** COPY of `rows` into a table shaped like comparisons (same columns, defaults and indexes), 20k rows per COPY. */
async function copyBaseline(sql: postgres.Sql, rows: string[]): Promise<number> {
  await sql`drop table if exists copy_baseline`;
  await sql`create table copy_baseline (like comparisons including defaults including indexes)`;
  const t = performance.now();
  for (let k = 0; k < rows.length; k += 20_000) {
    const w = await sql`copy copy_baseline (a_id, b_id, data, version) from stdin`.writable();
    await new Promise<void>((res, rej) => { w.on('error', rej); w.on('finish', res); w.end(rows.slice(k, k + 20_000).join('')); });
  }
  const ms = performance.now() - t;
  await sql`drop table copy_baseline`;
  return ms;
}

const careersQuery = (sql: postgres.Sql) => sql<CareerWithMetrics[]>`
  select c.id, c.slug, c.onet_code as "onetCode", c.title, c.description, c.category, c.origin,
    m.metrics, m.skills, m.version as "metricsVersion", m.computed_at::text as "computedAt"
  from careers c join career_metrics m on m.career_id = c.id order by c.id`;

/** Full recompute, COPY ratio, memory, size, one-change latency and all-pairs invariants on the real O*NET ingest. */
async function benchReal(adminUrl: string, redisUrl: string | undefined, out: Figure[]): Promise<void> {
  await withDatabase(adminUrl, async (url) => {
    const data = await dataServer();
    const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-benchw-'));
    const sourcesFile = path.join(dir, 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify([{ id: 'onet', kind: 'onet-database', url: `${data.url}/data/onet-29.2/`, schedule: { cron: '0 3 1 1 *', tz: 'UTC' }, options: {} }]));
    const prefix = `benchw${randomBytes(3).toString('hex')}`;
    const env = { DATABASE_URL: url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', ALLOW_PRIVATE_NETWORKS: 'true', FETCH_HOST_DELAY_MS: '0', SOURCES_FILE: sourcesFile, PORT: '0' };
    const rt: Runtime = await startRuntime(parseConfig(env), ['worker', 'scheduler'], createLogger('silent'));
    const sql = rt.db.$client;
    try {
      let t0 = Date.now();
      for (;;) {
        const [r] = await sql<{ n: number; p: number; d: number }[]>`select (select count(*)::int from careers) n, (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d`;
        if (r!.n > 0 && r!.p === (r!.n * (r!.n - 1)) / 2 && r!.d === 0) break;
        if (Date.now() - t0 > 300_000) throw new Error('the O*NET ingest did not finish in 5 minutes');
        await sleep(500);
      }
      const n = (await sql<{ n: number }[]>`select count(*)::int n from careers`)[0]!.n;
      const total = (n * (n - 1)) / 2;
      console.log(`workers bench: O*NET ingested (${n} careers) and ${total} pairs computed in ${secs(Date.now() - t0)}`);

      // Full recompute from an empty table, as after a first ingest, through the queue and the flow.
      await sql`truncate comparisons`;
      await sql`vacuum analyze comparisons`;
      await sql`insert into dirty_careers (career_id, stage) select career_id, 'pairs' from career_metrics on conflict (stage, career_id) do update set marked_at = now()`;
      global.gc?.();
      let peak = process.memoryUsage().rss;
      t0 = performance.now();
      await enqueueRecomputePairs(rt.queues, 'bench');
      await waitPairsDone(sql, total, () => { peak = Math.max(peak, process.memoryUsage().rss); });
      const fullMs = performance.now() - t0;
      const [size] = await sql<{ b: string }[]>`select pg_total_relation_size('comparisons')::text b`;
      const rows = (await sql<{ l: string }[]>`select a_id || E'\t' || b_id || E'\t' || data::text || E'\t' || version || E'\n' as l from comparisons`).map((r) => r.l);
      const copyMs = await copyBaseline(sql, rows);
      // Again with every pair stored and unchanged (an operator's recompute-all with nothing new).
      await sql`insert into dirty_careers (career_id, stage) select career_id, 'pairs' from career_metrics on conflict (stage, career_id) do update set marked_at = now()`;
      t0 = performance.now();
      await enqueueRecomputePairs(rt.queues, 'bench-unchanged');
      await waitPairsDone(sql, total, () => { peak = Math.max(peak, process.memoryUsage().rss); });
      const sameMs = performance.now() - t0;
      out.push({ name: `full recompute, ${total} pairs (empty table)`, value: `${secs(fullMs)} = ${(fullMs / copyMs).toFixed(2)}× COPY (${secs(copyMs)})`, target: '≤ 3× COPY', pass: fullMs / copyMs <= 3 });
      out.push({ name: 'full recompute, every pair unchanged', value: `${secs(sameMs)} = ${(sameMs / copyMs).toFixed(2)}× COPY`, target: '≤ 3× COPY', pass: sameMs / copyMs <= 3 });
      out.push({ name: 'stored size per pair (table + indexes)', value: `${Math.round(Number(size!.b) / total)} B`, target: '≤ 400 B', pass: Number(size!.b) / total <= 400 });
      out.push({ name: 'worker process peak RSS during full recompute', value: `${Math.round(peak / 2 ** 20)} MB`, target: '< 512 MB', pass: peak < 512 * 2 ** 20 });

      // One changed career → all of its pairs rewritten (what the API serves) after the event.
      const ids = (await sql<{ id: number }[]>`select id from careers order by id`).map((r) => r.id);
      const lat: number[] = [];
      for (let k = 0; k < 20; k++) {
        const id = ids[(k * 97) % ids.length]!;
        await sql`update careers set title = title || ' ·' where id = ${id}`;
        await sql`insert into dirty_careers (career_id, stage) values (${id}, 'metrics') on conflict do nothing`;
        const since = (await sql<{ s: string }[]>`select coalesce(max(seq), 0)::text s from comparisons`)[0]!.s;
        const t = performance.now();
        await enqueueCareersChanged(rt.queues, { careerIds: [id] }, `bench-${k}-${Date.now()}`);
        for (;;) {
          const [r] = await sql<{ c: number }[]>`select count(*)::int c from comparisons where (a_id = ${id} or b_id = ${id}) and seq > ${since}`;
          if (r!.c === n - 1) break;
          await sleep(5);
        }
        lat.push(performance.now() - t);
      }
      lat.sort((x, y) => x - y);
      const p50 = lat[Math.floor(lat.length * 0.5)]!;
      const p95 = lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.95))]!;
      out.push({ name: 'one changed career → its pairs fresh (p50 / p95 of 20)', value: `${p50.toFixed(0)} / ${p95.toFixed(0)} ms`, target: 'p95 ≤ 1000 ms', pass: p95 <= 1000 });

      // Every stored pair expanded as the API does, both orders for every 50th.
      const careers = new Map((await careersQuery(sql)).map((c) => [c.id, c]));
      let checked = 0;
      const violations: string[] = [];
      t0 = performance.now();
      let k = 0;
      await sql<StoredComparison[]>`select a_id as "aId", b_id as "bId", data, version, updated_at::text as "updatedAt" from comparisons`.cursor(5_000, async (batch) => {
        for (const row of batch) {
          const a = careers.get(row.aId)!;
          const b = careers.get(row.bId)!;
          for (const c of k++ % 50 === 0 ? [buildComparison(a, b, row), buildComparison(b, a, row)] : [buildComparison(a, b, row)]) {
            checked++;
            const v = checkComparisonInvariants(c);
            if (v.length && violations.length < 5) violations.push(`${c.a.slug}/${c.b.slug}: ${v[0]}`);
          }
        }
      });
      out.push({ name: `invariants over every pair (${checked} expansions, ${secs(performance.now() - t0)})`, value: `${violations.length} violations`, target: '0', pass: violations.length === 0 });
      for (const v of violations) console.log(`  violation: ${v}`);
    } finally {
      await rt.stop();
      data.close();
    }
  });
}

/** Time per pair of computePairRange (compute + write) for `n` synthetic careers. */
async function perPairSynthetic(adminUrl: string, n: number): Promise<number> {
  return withDatabase(adminUrl, async (url) => {
    const sql = postgres(url, { max: 4, onnotice: () => {} });
    try {
      const list = randomCareers(42, n);
      const careers = list.map((c, i) => ({ slug: `${c.career.slug}-${i}`, title: c.career.title, category: c.career.category ?? 'Uncategorized', origin: 'career-page' }));
      for (let k = 0; k < careers.length; k += 500) await sql`insert into careers ${sql(careers.slice(k, k + 500))}`;
      const ids = (await sql<{ id: number }[]>`select id from careers order by id`).map((r) => r.id);
      await sql`insert into career_metrics (career_id, metrics, skills, version)
        select id, m::jsonb, s::jsonb, 'v' || id from unnest(${ids}::int[], ${list.map((c) => JSON.stringify(c.metrics))}::text[], ${list.map((c) => JSON.stringify(c.skills))}::text[]) as x(id, m, s)`;
      const sides = await loadPairSides(sql);
      const t = performance.now();
      const r = await computePairRange(sql, sides, { dirty: null });
      return (performance.now() - t) / r.pairs;
    } finally {
      await sql.end();
    }
  });
}

/** Runs the worker benchmarks and returns their figures (printed by run.ts). */
export async function benchWorkers(opts: { adminUrl: string; redisUrl?: string }): Promise<Figure[]> {
  const out: Figure[] = [];
  await benchReal(opts.adminUrl, opts.redisUrl, out);
  const at1k = await perPairSynthetic(opts.adminUrl, 1_000);
  const at2k = await perPairSynthetic(opts.adminUrl, 2_000);
  out.push({ name: 'time per pair, 2,000 vs 1,000 synthetic careers', value: `${(at2k * 1000).toFixed(1)} vs ${(at1k * 1000).toFixed(1)} µs = ${(at2k / at1k).toFixed(2)}×`, target: '≤ 1.2×', pass: at2k / at1k <= 1.2 });
  return out;
}

/** Prints figures as a table with PASS/FAIL. */
export function printFigures(title: string, figures: Figure[]): void {
  const w = Math.max(...figures.map((f) => f.name.length));
  const v = Math.max(...figures.map((f) => f.value.length));
  console.log(`\n${title}`);
  for (const f of figures) console.log(`  ${f.name.padEnd(w)}  ${f.value.padEnd(v)}  target ${f.target.padEnd(14)} ${f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL'}`);
}
