/**
 * Skill overlap of two prepared careers: shared canonical keys (a sorted merge), related
 * pairs, and the overlap figure.
 *
 * Related: a skill only A has and a skill only B has that share at least one concept. Pairs
 * are matched one-to-one, greedily (see matchRelated), so each skill appears in at most one related pair and "N closely related" counts distinct
 * skills. Overlap = (S + 0.5·M) / (U − 0.5·M), whole %: S shared keys, M related pairs, U the
 * union of keys. It is Jaccard where a related pair counts as half a shared skill.
 */
import type { PreparedCareer } from './prepare.js';

/** Weight of a related pair relative to a shared skill in the overlap figure. */
export const RELATED_WEIGHT = 0.5;

export interface PairSkills {
  /** sharedA[i] = 1 when A's skill i is shared; likewise sharedB. */
  sharedA: Uint8Array;
  sharedB: Uint8Array;
  sharedCount: number;
  /** Related pairs as [aIndex, bIndex, aIndex, bIndex, …], ordered by aIndex. */
  related: number[];
  /** Whole percent. */
  overlap: number;
}

function mergeShared(a: PreparedCareer, b: PreparedCareer, sharedA: Uint8Array, sharedB: Uint8Array): number {
  const ka = a.keyIds;
  const kb = b.keyIds;
  let p = 0;
  let q = 0;
  let n = 0;
  while (p < ka.length && q < kb.length) {
    const x = ka[p] as number;
    const y = kb[q] as number;
    if (x === y) {
      sharedA[a.keyPos[p++] as number] = 1;
      sharedB[b.keyPos[q++] as number] = 1;
      n++;
    } else if (x < y) p++;
    else q++;
  }
  return n;
}

// Scratch buffers reused across pairs (comparisons run synchronously, one at a time).
let counts = new Int32Array(1024);
let rowHas = new Uint8Array(64);
let usedB = new Uint8Array(64);

function ensureScratch(nA: number, nB: number): void {
  if (counts.length < nA * nB) counts = new Int32Array(Math.max(nA * nB, counts.length * 2));
  if (rowHas.length < nA) rowHas = new Uint8Array(Math.max(nA, rowHas.length * 2));
  if (usedB.length < nB) usedB = new Uint8Array(Math.max(nB, usedB.length * 2));
}

/** Adds 1 to counts[i][j] for every (onlyA i, onlyB j) pair tagged with a common concept. */
function countCommonConcepts(a: PreparedCareer, b: PreparedCareer, sharedA: Uint8Array, sharedB: Uint8Array): boolean {
  const nB = b.keys.length;
  let any = false;
  let p = 0;
  let q = 0;
  while (p < a.conceptIds.length && q < b.conceptIds.length) {
    const x = a.conceptIds[p] as number;
    const y = b.conceptIds[q] as number;
    if (x < y) p++;
    else if (x > y) q++;
    else {
      const la = a.conceptSkills[p++] as Int32Array;
      const lb = b.conceptSkills[q++] as Int32Array;
      for (let u = 0; u < la.length; u++) {
        const i = la[u] as number;
        if (sharedA[i]) continue;
        const row = i * nB;
        for (let w = 0; w < lb.length; w++) {
          const j = lb[w] as number;
          if (sharedB[j]) continue;
          counts[row + j] = (counts[row + j] as number) + 1;
          rowHas[i] = 1;
          any = true;
        }
      }
    }
  }
  return any;
}

/**
 * Related pairs, one-to-one: A's skills in key order each take the not-yet-taken B skill with
 * which they share the most concepts (lowest B index on ties). Deterministic and independent
 * of the process (ids only speed up the counting). Returns [i, j, i, j, …] by A index.
 */
function matchRelated(a: PreparedCareer, b: PreparedCareer, sharedA: Uint8Array, sharedB: Uint8Array): number[] {
  const nA = a.keys.length;
  const nB = b.keys.length;
  ensureScratch(nA, nB);
  if (!countCommonConcepts(a, b, sharedA, sharedB)) return [];
  const out: number[] = [];
  for (let i = 0; i < nA; i++) {
    if (!rowHas[i]) continue;
    rowHas[i] = 0;
    const row = i * nB;
    let best = -1;
    let bestCount = 0;
    for (let j = 0; j < nB; j++) {
      const c = counts[row + j] as number;
      if (c > bestCount && !usedB[j]) {
        best = j;
        bestCount = c;
      }
    }
    counts.fill(0, row, row + nB);
    if (best >= 0) {
      usedB[best] = 1;
      out.push(i, best);
    }
  }
  for (let t = 1; t < out.length; t += 2) usedB[out[t] as number] = 0;
  return out;
}

/**
 * Overlap in whole percent from counts: 0 when nothing is shared or related (or no skills),
 * and at least 1 when something is, so a shown "0%" always means no overlap at all.
 */
export function overlapPercent(shared: number, related: number, nA: number, nB: number): number {
  const union = nA + nB - shared;
  if (union === 0 || shared + related === 0) return 0;
  const pct = Math.round((100 * (shared + RELATED_WEIGHT * related)) / (union - RELATED_WEIGHT * related));
  return Math.max(1, pct);
}

/** Shared keys, related pairs and overlap of two careers. */
export function compareSkills(a: PreparedCareer, b: PreparedCareer): PairSkills {
  const sharedA = new Uint8Array(a.keys.length);
  const sharedB = new Uint8Array(b.keys.length);
  const sharedCount = mergeShared(a, b, sharedA, sharedB);
  const related = matchRelated(a, b, sharedA, sharedB);
  const overlap = overlapPercent(sharedCount, related.length / 2, a.keys.length, b.keys.length);
  return { sharedA, sharedB, sharedCount, related, overlap };
}

/** Concepts two skills share, sorted. */
export function commonConcepts(x: readonly string[], y: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as string;
    const q = y[j] as string;
    if (p === q) {
      out.push(p);
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  return out;
}
