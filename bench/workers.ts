/**
 * Worker figures (issue 4), each against its target, measured in one run on one machine:
 * full recompute of every pair of the real O*NET ingest vs a bare COPY of as many rows of the
 * same width into a table of the same shape; one changed career → its pairs fresh in the API;
 * stored bytes per pair; time per pair at 2,000 vs 1,000 synthetic careers; worker peak RSS;
 * and the invariants over every stored pair.
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startRuntime, type Runtime } from '../src/runtime/start.js';
import { runMigrations } from '../src/db/migrate.js';
import { enqueueCareersChanged, enqueueRecomputePairs } from '../src/queue/queues.js';
import { buildComparison } from '../src/http/comparison-view.js';
import { checkComparisonInvariants } from '../src/core/compare/index.js';
import { randomCareers } from '../test/helpers/random-careers.js';
import { computePairRange, loadPairSides } from '../src/workers/recompute-pairs.js';
import type { CareerWithMetrics, StoredComparison } from '../src/db/queries/careers.js';
import { startStaticServer } from '../test/helpers/static-server.js';

export interface Figure {
  name: string;
  value: string;
  target: string;
  pass: boolean | null;
}

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
    await new Promise<void>((res, rej) => {
      w.on('error', rej);
      w.on('finish', res);
      w.end(rows.slice(k, k + 20_000).join(''));
    });
  }
  const ms = performance.now() - t;
  await sql`drop table copy_baseline`;
  return ms;
}

/** A `careerlens worker` process of its own, as operators run it; its memory is read from /proc. */
interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Workers run as docker-compose runs them: old space capped (see docker-compose.yml). */
const WORKER_NODE_OPTIONS = '--max-old-space-size=384';
/** A worker container's memory limit in docker-compose.yml: every peak must stay under it. */
const WORKER_MEMORY_LIMIT_MB = 768;

async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|PORT|SOURCES_FILE|DATA_DIR|QUEUE_PREFIX|LOG_LEVEL)$/.test(k)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
    env: { ...clean, ...env, LOG_LEVEL: 'info', NODE_OPTIONS: WORKER_NODE_OPTIONS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  });
  child.stderr!.on('data', (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const t0 = Date.now();
  while (!out.includes('CareerLens started')) {
    if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`the worker process did not start:\n${out}`);
    await sleep(50);
  }
  return {
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident set size now and its peak so far (VmRSS, VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** p50 and p95 of a list of durations (p95 of 20 = the largest). */
function percentiles(values: number[]): { p50: number; p95: number } {
  const v = [...values].sort((x, y) => x - y);
  return { p50: v[Math.floor(v.length * 0.5)]!, p95: v[Math.min(v.length - 1, Math.floor(v.length * 0.95))]! };
}

const careersQuery = (sql: postgres.Sql) => sql<CareerWithMetrics[]>`
  select c.id, c.slug, c.onet_code as "onetCode", c.title, c.description, c.category, c.origin,
    m.metrics, m.skills, m.version as "metricsVersion", m.computed_at::text as "computedAt"
  from careers c join career_metrics m on m.career_id = c.id order by c.id`;

/** Full recompute, COPY ratio, memory, size, one-change latency and all-pairs invariants on the real O*NET ingest. */
async function benchReal(adminUrl: string, redisUrl: string | undefined, out: Figure[]): Promise<void> {
  await withDatabase(adminUrl, async (url) => {
    const data = await startStaticServer();
    const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-benchw-'));
    const sourcesFile = path.join(dir, 'sources.json');
    const d = `${data.url}/data`;
    const yearly = { cron: '0 3 1 1 *', tz: 'UTC' };
    // O*NET, plus what the comparison text states beyond it (outlook, tasks and AI), so the
    // invariants below cover every rule of the text.
    writeFileSync(
      sourcesFile,
      JSON.stringify([
        { id: 'onet', kind: 'onet-database', url: `${d}/onet-29.2/`, schedule: yearly, options: {} },
        { id: 'onet-ratings', kind: 'onet-ratings', url: `${d}/onet-29.0-excel/`, schedule: yearly, options: {} },
        {
          id: 'bls-projections',
          kind: 'employment-projections',
          url: `${d}/bls-employment-projections/Employment%20Projections%202024-34.csv`,
          schedule: yearly,
          options: { history: [`${d}/bls-employment-projections/occupation_2022-32.xlsx`] },
        },
        { id: 'indeed-postings', kind: 'postings-index', url: `${d}/indeed-hiring-lab/job_postings_by_sector_US.csv`, schedule: yearly, options: {} },
        {
          id: 'gpts-are-gpts-tasks',
          kind: 'ai-exposure',
          url: `${d}/gpts-are-gpts-ai-exposure/full_labelset.tsv`,
          schedule: yearly,
          options: { method: 'gpts-are-gpts-tasks' },
        },
      ]),
    );
    const prefix = `benchw${randomBytes(3).toString('hex')}`;
    const env = {
      DATABASE_URL: url,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      PRIVATE_SOURCE_HOSTS: '127.0.0.1',
      FETCH_HOST_DELAY_MS: '0',
      SOURCES_FILE: sourcesFile,
      PORT: '0',
    };
    // This process queues the first runs and the bench's events; the work is done by `careerlens
    // worker` processes of their own, so their memory is what operators would see.
    const rt: Runtime = await startRuntime(parseConfig(env), ['scheduler'], createLogger('silent'));
    const sql = rt.db.$client;
    let worker = await spawnWorker(env);
    try {
      let t0 = Date.now();
      for (;;) {
        const [r] = await sql<
          { n: number; p: number; d: number; s: number }[]
        >`select (select count(*)::int from careers) n, (select count(*)::int from comparisons) p, (select count(*)::int from dirty_careers) d, (select count(*)::int from sources where last_success_at is null) s`;
        if (r!.n > 0 && r!.s === 0 && r!.p === (r!.n * (r!.n - 1)) / 2 && r!.d === 0) break;
        if (Date.now() - t0 > 300_000) throw new Error(`the ingest did not finish in 5 minutes:\n${worker.output()}`);
        await sleep(500);
      }
      const n = (await sql<{ n: number }[]>`select count(*)::int n from careers`)[0]!.n;
      const total = (n * (n - 1)) / 2;
      const ingestPeak = memoryOf(worker.child.pid!).peak;
      console.log(
        `workers bench: O*NET ingested (${n} careers) and ${total} pairs computed in ${secs(Date.now() - t0)} (worker peak RSS ${Math.round(ingestPeak / 2 ** 20)} MB)`,
      );
      out.push({
        name: `worker process peak RSS (VmHWM) during the first ingest and every pair (${WORKER_NODE_OPTIONS})`,
        value: `${Math.round(ingestPeak / 2 ** 20)} MB`,
        target: `< ${WORKER_MEMORY_LIMIT_MB} MB (docker-compose limit)`,
        pass: ingestPeak < WORKER_MEMORY_LIMIT_MB * 2 ** 20,
      });
      // A fresh worker process for the full recompute: its peak RSS (VmHWM) is then that of the recompute.
      await worker.stop();
      worker = await spawnWorker(env);
      const pid = worker.child.pid!;
      const atStart = memoryOf(pid).peak;

      // One changed career → all of its pairs rewritten (what the API serves) after the event.
      const ids = (await sql<{ id: number }[]>`select id from careers order by id`).map((r) => r.id);
      const oneChange = async (id: number, tag: string): Promise<number> => {
        await sql`update careers set title = title || ' ·' where id = ${id}`;
        await sql`insert into dirty_careers (career_id, stage) values (${id}, 'metrics') on conflict do nothing`;
        const since = (await sql<{ s: string }[]>`select coalesce(max(seq), 0)::text s from comparisons`)[0]!.s;
        const t = performance.now();
        await enqueueCareersChanged(rt.queues, { careerIds: [id] }, `bench-${tag}-${Date.now()}`);
        for (;;) {
          const [r] = await sql<{ c: number }[]>`select count(*)::int c from comparisons where (a_id = ${id} or b_id = ${id}) and seq > ${since}`;
          if (r!.c === n - 1) break;
          await sleep(5);
        }
        return performance.now() - t;
      };
      // The first event right after the worker started: its caches are filling (or still empty).
      const cold = await oneChange(ids[1]!, 'cold');

      // Full recompute from an empty table, as after a first ingest, through the queue and the flow.
      await sql`truncate comparisons`;
      await sql`vacuum analyze comparisons`;
      await sql`insert into dirty_careers (career_id, stage) select career_id, 'pairs' from career_metrics on conflict (stage, career_id) do update set marked_at = now()`;
      t0 = performance.now();
      await enqueueRecomputePairs(rt.queues, 'bench');
      await waitPairsDone(sql, total);
      const fullMs = performance.now() - t0;
      const peak = memoryOf(pid).peak;
      const [size] = await sql<{ b: string }[]>`select pg_total_relation_size('comparisons')::text b`;
      let rows: string[] | null = (
        await sql<{ l: string }[]>`select a_id || E'\t' || b_id || E'\t' || data::text || E'\t' || version || E'\n' as l from comparisons`
      ).map((r) => r.l);
      const copyMs = await copyBaseline(sql, rows);
      rows = null;
      // Again with every pair stored and unchanged (an operator's recompute-all with nothing new).
      await sql`insert into dirty_careers (career_id, stage) select career_id, 'pairs' from career_metrics on conflict (stage, career_id) do update set marked_at = now()`;
      t0 = performance.now();
      await enqueueRecomputePairs(rt.queues, 'bench-unchanged');
      await waitPairsDone(sql, total);
      const sameMs = performance.now() - t0;
      out.push({
        name: `full recompute, ${total} pairs (empty table)`,
        value: `${secs(fullMs)} = ${(fullMs / copyMs).toFixed(2)}× COPY (${secs(copyMs)})`,
        target: '≤ 3× COPY',
        pass: fullMs / copyMs <= 3,
      });
      out.push({
        name: 'full recompute, every pair unchanged',
        value: `${secs(sameMs)} = ${(sameMs / copyMs).toFixed(2)}× COPY`,
        target: '≤ 3× COPY',
        pass: sameMs / copyMs <= 3,
      });
      out.push({
        name: 'stored size per pair (table + indexes)',
        value: `${Math.round(Number(size!.b) / total)} B`,
        target: '≤ 400 B',
        pass: Number(size!.b) / total <= 400,
      });
      out.push({ name: 'one changed career, first event after the worker started', value: `${cold.toFixed(0)} ms`, target: '(printed)', pass: null });
      out.push({
        name: `worker process peak RSS (VmHWM) during full recompute (${WORKER_NODE_OPTIONS})`,
        value: `${Math.round(peak / 2 ** 20)} MB (${Math.round(atStart / 2 ** 20)} MB at start)`,
        target: `< ${WORKER_MEMORY_LIMIT_MB} MB (docker-compose limit)`,
        pass: peak < WORKER_MEMORY_LIMIT_MB * 2 ** 20,
      });

      const lat: number[] = [];
      for (let k = 0; k < 20; k++) lat.push(await oneChange(ids[(k * 97) % ids.length]!, String(k)));
      const { p50, p95 } = percentiles(lat);
      out.push({
        name: 'one changed career → its pairs fresh (p50 / p95 of 20)',
        value: `${p50.toFixed(0)} / ${p95.toFixed(0)} ms`,
        target: 'p95 ≤ 1000 ms',
        pass: p95 <= 1000,
      });

      // Every stored pair expanded as the API does, both orders for every 50th.
      const careers = new Map((await careersQuery(sql)).map((c) => [c.id, c]));
      let checked = 0;
      const violations: string[] = [];
      t0 = performance.now();
      let k = 0;
      await sql<StoredComparison[]>`select a_id as "aId", b_id as "bId", data, version, updated_at::text as "updatedAt" from comparisons`.cursor(
        5_000,
        async (batch) => {
          for (const row of batch) {
            const a = careers.get(row.aId)!;
            const b = careers.get(row.bId)!;
            for (const c of k++ % 50 === 0 ? [buildComparison(a, b, row), buildComparison(b, a, row)] : [buildComparison(a, b, row)]) {
              checked++;
              const v = checkComparisonInvariants(c);
              if (v.length && violations.length < 5) violations.push(`${c.a.slug}/${c.b.slug}: ${v[0]}`);
            }
          }
        },
      );
      out.push({
        name: `invariants over every pair (${checked} expansions, ${secs(performance.now() - t0)})`,
        value: `${violations.length} violations`,
        target: '0',
        pass: violations.length === 0,
      });
      for (const v of violations) console.log(`  violation: ${v}`);
    } finally {
      await worker.stop();
      await rt.stop();
      await data.close();
    }
  });
}

/** Time per pair of computePairRange (compute + write) for `n` synthetic careers. */
async function perPairSynthetic(adminUrl: string, n: number): Promise<number> {
  return withDatabase(adminUrl, async (url) => {
    const sql = postgres(url, { max: 4, onnotice: () => {} });
    try {
      const list = randomCareers(42, n);
      const careers = list.map((c, i) => ({
        slug: `${c.career.slug}-${i}`,
        title: c.career.title,
        category: c.career.category ?? 'Uncategorized',
        origin: 'career-page',
      }));
      for (let k = 0; k < careers.length; k += 500) await sql`insert into careers ${sql(careers.slice(k, k + 500))}`;
      const ids = (await sql<{ id: number }[]>`select id from careers order by id`).map((r) => r.id);
      await sql`insert into career_metrics (career_id, metrics, skills, version)
        select id, m::jsonb, s::jsonb, 'v' || id from unnest(${ids}::int[], ${list.map((c) => JSON.stringify(c.metrics))}::text[], ${list.map((c) => JSON.stringify(c.skills))}::text[]) as x(id, m, s)`;
      const sides = await loadPairSides(sql);
      // Dirty buffers and WAL left by earlier runs are flushed first, so a run does not pay for
      // the one before it (a checkpoint falling inside whichever run came next).
      await sql`checkpoint`;
      const t = performance.now();
      const r = await computePairRange(sql, sides, { dirty: null });
      return (performance.now() - t) / r.pairs;
    } finally {
      await sql.end();
    }
  });
}

/** Runs of each synthetic size, alternating which size goes first. */
const SYNTHETIC_ROUNDS = 3;

/** Runs the worker benchmarks and returns their figures (printed by run.ts). */
export async function benchWorkers(opts: { adminUrl: string; redisUrl?: string }): Promise<Figure[]> {
  const out: Figure[] = [];
  await benchReal(opts.adminUrl, opts.redisUrl, out);
  // Interleaved and repeated, compared by medians: one run each, back to back, measured machine
  // load as often as it measured the code (1.08× to 1.43× on unchanged code).
  const runs: Record<1000 | 2000, number[]> = { 1000: [], 2000: [] };
  for (let r = 0; r < SYNTHETIC_ROUNDS; r++) {
    for (const n of r % 2 === 0 ? ([1000, 2000] as const) : ([2000, 1000] as const)) runs[n].push(await perPairSynthetic(opts.adminUrl, n));
  }
  const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
  const [at1k, at2k] = [median(runs[1000]), median(runs[2000])];
  const us = (v: number[]) => v.map((x) => (x * 1000).toFixed(1)).join(', ');
  console.log(`workers bench: µs per pair, 1,000 careers: ${us(runs[1000])}; 2,000 careers: ${us(runs[2000])}`);
  out.push({
    name: `time per pair, 2,000 vs 1,000 synthetic careers (medians of ${SYNTHETIC_ROUNDS})`,
    value: `${(at2k * 1000).toFixed(1)} vs ${(at1k * 1000).toFixed(1)} µs = ${(at2k / at1k).toFixed(2)}×`,
    target: '≤ 1.2×',
    pass: at2k / at1k <= 1.2,
  });
  return out;
}

/** Prints figures as a table with PASS/FAIL. */
export function printFigures(title: string, figures: Figure[]): void {
  const w = Math.max(...figures.map((f) => f.name.length));
  const v = Math.max(...figures.map((f) => f.value.length));
  console.log(`\n${title}`);
  for (const f of figures)
    console.log(`  ${f.name.padEnd(w)}  ${f.value.padEnd(v)}  target ${f.target.padEnd(14)} ${f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL'}`);
}
