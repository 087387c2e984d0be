/**
 * Skills and knowledge of two careers by O*NET's importance (1–5) and level (0–7), at the
 * precision shown (one decimal), so every figure can be recomputed from the served sides.
 *
 * - similarity (0–100): the correlation of the two profiles x = importance × level over the
 *   elements either side rates, × 100, negatives as 0. Pearson's r centers each profile on its
 *   own mean, so no population statistic enters and a pair's figure depends on the pair alone.
 * - gap toward a target (whole %): Σ importanceT · max(0, levelT − levelS) / Σ importanceT · levelT
 *   over the target's elements: the share of the target's importance-weighted level the source
 *   does not yet have. Tool lists play no part.
 * - learn first: the target's elements with the largest importanceT · (levelT − levelS).
 * Careers are prepared once (dense arrays over a process-wide element index); a pair costs one
 * pass over the ~68 elements plus small top-k selections.
 */
import type { RatedItem } from '../metrics/types.js';
import { internString } from '../intern.js';
import type { LearnItem, RatingPair } from './types.js';

/** More distinct element ids than this in one process is not O*NET's content model (it has 68). */
const MAX_ELEMENTS = 128;
const elementIndex = new Map<string, number>();
function indexOf(id: string): number {
  let i = elementIndex.get(id);
  if (i === undefined) {
    if (elementIndex.size >= MAX_ELEMENTS) throw new Error(`more than ${MAX_ELEMENTS} distinct rated elements; O*NET's content model has 68`);
    i = elementIndex.size;
    elementIndex.set(id, i);
  }
  return i;
}

export interface PreparedRatings {
  items: readonly RatedItem[];
  /**
   * Per element index (process-wide): importance and level in tenths, as integers (0 = not
   * rated), and the item. Sums of integers are exact, so a figure does not depend on the order
   * a process happened to number the elements in (the writer and a checker are different processes).
   */
  im: Float64Array;
  lv: Float64Array;
  byIndex: (RatedItem | undefined)[];
  /** Highest element index + 1 among this career's items. */
  end: number;
}

export function prepareRatings(items: RatedItem[] | null): PreparedRatings | null {
  if (!items || items.length === 0) return null;
  const im = new Float64Array(MAX_ELEMENTS);
  const lv = new Float64Array(MAX_ELEMENTS);
  const byIndex: (RatedItem | undefined)[] = [];
  let end = 0;
  for (const it of items) {
    // Items parsed from stored JSON repeat the same few dozen names in every career: share them.
    it.id = internString(it.id);
    it.name = internString(it.name);
    const k = indexOf(it.id);
    im[k] = Math.round(it.importance * 10);
    lv[k] = Math.round(it.level * 10);
    byIndex[k] = it;
    end = Math.max(end, k + 1);
  }
  return { items, im, lv, byIndex, end };
}

/** Similarity 0–100 (see the file comment). */
export function ratingSimilarity(a: PreparedRatings, b: PreparedRatings): number {
  const end = Math.max(a.end, b.end);
  let n = 0,
    sx = 0,
    sy = 0,
    sxy = 0,
    sxx = 0,
    syy = 0;
  for (let k = 0; k < end; k++) {
    const ia = a.im[k]!,
      ib = b.im[k]!;
    if (ia === 0 && ib === 0) continue;
    const x = ia * a.lv[k]!,
      y = ib * b.lv[k]!;
    n++;
    sx += x;
    sy += y;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  const den = Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  if (!(den > 0)) return 0;
  return Math.max(0, Math.round((100 * (n * sxy - sx * sy)) / den));
}

/** Gap toward `target` from `source`, whole % (see the file comment); 0 when the target rates nothing above level 0. */
export function ratingGap(target: PreparedRatings, source: PreparedRatings): number {
  let num = 0,
    den = 0;
  for (let k = 0; k < target.end; k++) {
    const w = target.im[k]!;
    if (w === 0) continue;
    const lt = target.lv[k]!;
    den += w * lt;
    if (lt > source.lv[k]!) num += w * (lt - source.lv[k]!);
  }
  return den > 0 ? Math.round((100 * num) / den) : 0;
}

/** By name, then id (O*NET has a skill and a knowledge area both named Mathematics). */
const byName = (x: { name: string; id: string }, y: { name: string; id: string }) =>
  x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
const tenth = (v: number) => v / 10;

/** The target's elements to learn first: largest importance × level shortfall, at most `k`. */
export function learnFirst(target: PreparedRatings, source: PreparedRatings, k = 3): LearnItem[] {
  const out: { item: RatedItem; score: number; from: number }[] = [];
  for (let i = 0; i < target.end; i++) {
    const item = target.byIndex[i];
    if (!item) continue;
    const from = source.lv[i]!;
    const score = target.im[i]! * (target.lv[i]! - from);
    if (score <= 0) continue;
    out.push({ item, score, from });
  }
  out.sort((x, y) => y.score - x.score || byName(x.item, y.item));
  return out.slice(0, k).map((o) => ({ id: o.item.id, name: o.item.name, level: o.item.level, from: tenth(o.from) }));
}

/** An element is important to a side from this importance up (O*NET's "important" is 3 of 5). */
export const IMPORTANT = 3;

/**
 * Shared: elements important to both, by their summed importance (at most `kShared`); gaps:
 * elements important to either, by level difference × the larger importance (at most `kGaps`,
 * a difference of at least one level).
 */
export function ratingPairs(a: PreparedRatings, b: PreparedRatings, kShared = 8, kGaps = 5): { shared: RatingPair[]; gaps: RatingPair[] } {
  const end = Math.max(a.end, b.end);
  const shared: { p: RatingPair; s: number }[] = [];
  const gaps: { p: RatingPair; s: number }[] = [];
  for (let k = 0; k < end; k++) {
    const x = a.byIndex[k];
    const y = b.byIndex[k];
    if (!x || !y) continue;
    const p: RatingPair = { id: x.id, name: x.name, levelA: x.level, levelB: y.level };
    const [ia, ib] = [a.im[k]!, b.im[k]!];
    if (ia >= IMPORTANT * 10 && ib >= IMPORTANT * 10) shared.push({ p, s: ia + ib });
    const d = Math.abs(a.lv[k]! - b.lv[k]!);
    if (Math.max(ia, ib) >= IMPORTANT * 10 && d >= 10) gaps.push({ p, s: d * Math.max(ia, ib) });
  }
  const top = (list: { p: RatingPair; s: number }[], k: number) =>
    list
      .sort((u, v) => v.s - u.s || byName(u.p, v.p))
      .slice(0, k)
      .map((e) => e.p);
  return { shared: top(shared, kShared), gaps: top(gaps, kGaps) };
}
