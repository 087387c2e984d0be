import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type postgres from 'postgres';
import { comparePrepared, prepareCareer, type PreparedCareer } from '../core/compare/index.js';
import type { CareerMetrics } from '../core/metrics/types.js';
import type { SkillInput } from '../core/compare/types.js';

/** A career ready for comparisons: its id (pairs are stored with the lower id first) and prepared form. */
export interface PairSide {
  id: number;
  prepared: PreparedCareer;
}

/** Computes a pair's stored form; `a.id < b.id` always. */
export type PairComputer = (a: PairSide, b: PairSide) => { data: string; version: string };

/** The full comparison, stored compact: verdict codes, skill indexes, overlap, transition. */
export const comparePair: PairComputer = (a, b) => {
  const c = comparePrepared(a.prepared, b.prepared);
  return { data: JSON.stringify(c), version: c.h };
};

export interface PairsResult {
  dirtyCareers: number;
  pairs: number;
  written: number;
  /** True when `signal` stopped the work early; the marks stay for the next job. */
  aborted: boolean;
}

/**
 * Recomputes every pair that involves a career marked for pair recomputation, in chunks of
 * `chunkSize` pairs, each written in its own transaction (COPY into a staging table, then an
 * upsert that rewrites only pairs whose version changed). The marks are cleared at the end, so
 * a worker killed midway leaves them in place and the retry redoes the work; pairs already
 * written are then unchanged and cost no write.
 */
export async function recomputeDirtyPairs(
  sql: postgres.Sql,
  params: { compute?: PairComputer; chunkSize?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => Promise<void> } = {},
): Promise<PairsResult> {
  const compute = params.compute ?? comparePair;
  const chunkSize = params.chunkSize ?? 20_000;
  // marked_at travels as text: a JS Date would drop the microseconds and miss the mark.
  const marks = await sql<{ career_id: number; marked_at: string }[]>`
    select career_id, marked_at::text as marked_at from dirty_careers where stage = 'pairs'`;
  if (marks.length === 0) return { dirtyCareers: 0, pairs: 0, written: 0, aborted: false };
  const careers = await loadPairSides(sql);
  const dirty = new Set(marks.map((m) => m.career_id));
  const n = careers.length;
  const clean = n - careers.filter((c) => dirty.has(c.id)).length;
  const total = (n * (n - 1)) / 2 - (clean * (clean - 1)) / 2;
  let done = 0;
  let written = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    written += await writePairs(sql, lines);
    done += lines.length;
    lines = [];
    await params.onProgress?.(done, total);
    await yieldToLoop();
  };
  for (let i = 0; i < n; i++) {
    const a = careers[i]!;
    const aDirty = dirty.has(a.id);
    for (let j = i + 1; j < n; j++) {
      const b = careers[j]!;
      if (!aDirty && !dirty.has(b.id)) continue;
      const pair = compute(a, b);
      lines.push(`${a.id}\t${b.id}\t${pair.data.replace(/\\/g, '\\\\')}\t${pair.version}\n`);
      if (lines.length >= chunkSize) {
        await flush();
        if (params.signal?.aborted) return { dirtyCareers: dirty.size, pairs: done, written, aborted: true };
      }
    }
  }
  await flush();
  await clearMarks(sql, marks);
  if (written > 0) await sql`select pg_notify('careerlens_changes', 'pairs')`;
  return { dirtyCareers: dirty.size, pairs: done, written, aborted: false };
}

async function writePairs(sql: postgres.Sql, lines: string[]): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`create temp table staged_pairs (a_id int, b_id int, data jsonb, version text) on commit drop`;
    const copy = await tx`copy staged_pairs (a_id, b_id, data, version) from stdin`.writable();
    await new Promise<void>((resolve, reject) => {
      copy.on('error', reject);
      copy.on('finish', resolve);
      copy.end(lines.join(''));
    });
    const res = await tx`
      insert into comparisons (a_id, b_id, data, version)
      select a_id, b_id, data, version from staged_pairs
      on conflict (a_id, b_id) do update set data = excluded.data, version = excluded.version,
        seq = nextval('change_seq'), updated_at = now()
      where comparisons.version <> excluded.version`;
    return res.count;
  }) as Promise<number>;
}

async function clearMarks(sql: postgres.Sql, marks: { career_id: number; marked_at: string }[]): Promise<void> {
  // Marks set again while the pairs were computed (a newer marked_at) stay for the next job.
  await sql`
    delete from dirty_careers d
    using jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as m(career_id int, marked_at timestamptz)
    where d.stage = 'pairs' and d.career_id = m.career_id and d.marked_at <= m.marked_at`;
}

/** Every career with metrics, prepared once for all of its pairs (about 60 µs each). */
export async function loadPairSides(sql: postgres.Sql): Promise<PairSide[]> {
  const rows = await sql<{ id: number; slug: string; title: string; category: string; metrics: CareerMetrics; skills: SkillInput[] }[]>`
    select c.id, c.slug, c.title, c.category, m.metrics, m.skills
    from careers c join career_metrics m on m.career_id = c.id order by c.id`;
  return rows.map((r) => ({
    id: r.id,
    prepared: prepareCareer({ career: { slug: r.slug, title: r.title, category: r.category }, metrics: r.metrics, skills: r.skills }),
  }));
}
