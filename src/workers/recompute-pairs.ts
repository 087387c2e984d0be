import type { Sql } from '../db/client.js';
import { clearPairMarks, readPairMarks, type PairMark } from '../db/queries/pairs.js';
import { notifyPairsChanged } from '../db/queries/changes.js';
import { comparePrepared, type CompactComparison, type PreparedCareer } from '../core/compare/index.js';
import { loadPairSidesCached, type PairSide } from './pair-sides.js';
import { writePairChunks } from './write-pairs.js';
import { pairChunks, type PairComputer } from './pair-chunks.js';

export { loadPairSides, loadPairSidesCached, type PairSide } from './pair-sides.js';

export type { PairComputer } from './pair-chunks.js';

/** The full comparison, stored compact: verdict codes, skill indexes, overlap, transition. */
export const comparePair: PairComputer = (a, b) => {
  const c = comparePrepared(a.prepared as PreparedCareer, b.prepared as PreparedCareer);
  return { data: compactJson(c), version: c.h };
};

/**
 * JSON of the compact form without JSON.stringify (a third of the pair cost): its strings are
 * verdict letters, base64url and hex, never needing escapes; any non-finite figure falls back.
 */
export function compactJson(c: CompactComparison): string {
  const [t0, t1, t2, t3] = c.t;
  if (!Number.isFinite(c.o + t0 + t1 + t2 + t3 + c.m + c.q)) return JSON.stringify(c);
  return `{"v":"${c.v}","o":${c.o},"s":"${c.s}","r":"${c.r}","t":[${t0},${t1},${t2},${t3}],"m":${c.m},"q":${c.q},"h":"${c.h}"}`;
}

export interface PairsResult {
  dirtyCareers: number;
  pairs: number;
  written: number;
  /** True when `signal` stopped the work early; the marks stay for the next job. */
  aborted: boolean;
}

export interface PairWorkOptions {
  compute?: PairComputer;
  /** Pairs per write transaction (COPY + upsert). */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => Promise<void>;
}

/**
 * Recomputes every pair that involves a career marked for pair recomputation (all marks, or
 * the `marks` given), in chunks each written in its own transaction (COPY into a staging table,
 * then an upsert that rewrites only pairs whose version changed). The marks are cleared at the
 * end, so a worker killed midway leaves them in place and the retry redoes the work; pairs
 * already written are then unchanged and cost no write.
 */
export async function recomputeDirtyPairs(sql: Sql, params: PairWorkOptions & { marks?: PairMark[] } = {}): Promise<PairsResult> {
  const marks = params.marks ?? (await readPairMarks(sql));
  if (marks.length === 0) return { dirtyCareers: 0, pairs: 0, written: 0, aborted: false };
  const sides = await loadPairSidesCached(sql);
  const dirty = new Set(marks.map((m) => m.career_id));
  const r = await computePairRange(sql, sides, { ...params, dirty });
  if (r.aborted) return { dirtyCareers: dirty.size, ...r };
  await clearPairMarks(sql, marks);
  if (r.written > 0) await notifyPairsChanged(sql);
  return { dirtyCareers: dirty.size, ...r };
}

/** Pairs (i, j > i) with side i in the id range [fromId, toId) and i or j dirty (null = every career). */
export function countRangePairs(ids: readonly number[], dirty: ReadonlySet<number> | null, fromId = -Infinity, toId = Infinity): number {
  let suffixDirty = 0;
  let total = 0;
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i]!;
    const after = ids.length - 1 - i;
    if (id >= fromId && id < toId) total += !dirty || dirty.has(id) ? after : suffixDirty;
    if (!dirty || dirty.has(id)) suffixDirty++;
  }
  return total;
}

/**
 * Computes and writes the pairs whose lower side's id is in [fromId, toId) and that involve a
 * dirty career (`dirty` null: every pair of the range). Idempotent: a second run writes nothing.
 * The next chunk is computed while the previous one is written, so Node and Postgres work at once.
 */
export async function computePairRange(
  sql: Sql,
  sides: readonly PairSide[],
  params: PairWorkOptions & { dirty: ReadonlySet<number> | null; fromId?: number; toId?: number },
): Promise<{ pairs: number; written: number; aborted: boolean }> {
  const compute = params.compute ?? comparePair;
  const { dirty, fromId = -Infinity, toId = Infinity } = params;
  const ids = sides.map((s) => s.id);
  const total = countRangePairs(ids, dirty, fromId, toId);
  const chunkSize = params.chunkSize ?? 20_000;
  let done = 0;
  const chunks = pairChunks(sides, { compute, dirty, fromId, toId, chunkSize });
  const seqs = { ids: sides.map((s) => s.id), seqs: sides.map((s) => s.seq) };
  const r = await writePairChunks(sql, chunks, seqs, {
    signal: params.signal,
    onChunk: async (n) => {
      done += n;
      await params.onProgress?.(done, total);
    },
  });
  return { pairs: done, written: r.written, aborted: r.aborted };
}
