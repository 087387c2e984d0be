/**
 * Pair comparison. `comparePrepared` is the hot path (~515,000 pairs per full recompute): it
 * works on prepared careers and returns the compact stored form; `expandComparison` turns the
 * stored form back into the full comparison with its text (API side).
 */
import { decodeBitset, decodeIndexPairs, encodeBitset, encodeIndexPairs } from './codec.js';
import { flipCompact } from './flip.js';
import { prepareCareer } from './prepare.js';
import type { PreparedCareer } from './prepare.js';
import { commonConcepts, compareSkills } from './skill-overlap.js';
import { writeComparisonText } from './text.js';
import { learnFirst, ratingGap, ratingPairs, ratingSimilarity } from './ratings.js';
import { readTransition, skillGap, transitionMonths } from './transition.js';
import type {
  CareerForComparison,
  CompactComparison,
  Comparison,
  ComparisonData,
  LearnItem,
  RatedComparison,
  SharedSkill,
  SkillRef,
  Transition,
} from './types.js';
import { lettersToVerdicts, verdictLetters } from './verdicts.js';
import { pairCoreOf, relatedEntry, relationOf, versionOf } from './version.js';

/** Canonical storage order of a pair: code-unit order of slugs; `flipped` when swapped. */
export function canonicalPair(slugA: string, slugB: string): { a: string; b: string; flipped: boolean } {
  return slugA <= slugB ? { a: slugA, b: slugB, flipped: false } : { a: slugB, b: slugA, flipped: true };
}

function compareCanonical(pa: PreparedCareer, pb: PreparedCareer): CompactComparison {
  const v = verdictLetters(pa.inputs, pb.inputs);
  const sk = compareSkills(pa, pb);
  const m = sk.related.length / 2;
  const [ra, rb] = [pa.ratings, pb.ratings];
  const rated = ra !== null && rb !== null;
  const gapAB = rated ? ratingGap(rb, ra) : skillGap(pb.keys.length, sk.sharedCount, m);
  const gapBA = rated ? ratingGap(ra, rb) : skillGap(pa.keys.length, sk.sharedCount, m);
  const sim = rated ? ratingSimilarity(ra, rb) : -1;
  const q = relationBetween(pa, pb);
  const t: CompactComparison['t'] = [transitionMonths(pb.learningCurve, gapAB) ?? -1, transitionMonths(pa.learningCurve, gapBA) ?? -1, gapAB, gapBA];
  let rel = '';
  for (let k = 0; k < sk.related.length; k += 2) {
    const i = sk.related[k] as number;
    const j = sk.related[k + 1] as number;
    const concepts = commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []);
    rel += `${k === 0 ? '' : ';'}${relatedEntry(pa.keys[i] as string, pb.keys[j] as string, concepts)}`;
  }
  const h = versionOf(pa.digest, pb.digest, pairCoreOf(v, sk.overlap, t, rel, sim, q));
  return { v, o: sk.overlap, s: encodeBitset(sk.sharedA, pa.keys.length), r: encodeIndexPairs(sk.related), t, m: sim, q, h };
}

/** O*NET's relation of two occupations, either direction, best tier: the stored code (relationCode). */
function relationBetween(pa: PreparedCareer, pb: PreparedCareer): number {
  const x = pb.side.onetCode === null ? undefined : pa.related.get(pb.side.onetCode);
  const y = pa.side.onetCode === null ? undefined : pb.related.get(pa.side.onetCode);
  const best = Math.min(x ?? Infinity, y ?? Infinity);
  return best === Infinity ? 0 : best + 1;
}

/**
 * Compares two prepared careers into the compact stored form (oriented as given). The work
 * is done in canonical order, so both orders give the same content and version.
 */
export function comparePrepared(pa: PreparedCareer, pb: PreparedCareer): CompactComparison {
  return pa.slug <= pb.slug ? compareCanonical(pa, pb) : flipCompact(compareCanonical(pb, pa), pb, pa);
}

const ref = (s: { key: string; label: string }): SkillRef => ({ key: s.key, label: s.label });

/**
 * What a stored pair says beyond its two careers, as positions in their key-sorted skill
 * lists, checked against them: shared skills [i in A, j in B] (with flags over each list),
 * related pairs, the transitions and the newer asOf. Both writers of the served comparison
 * (the objects below, the JSON text in json.ts) read the compact form only through this.
 */
export interface ReadPair {
  shared: [number, number][];
  inSharedA: Uint8Array;
  inSharedB: Uint8Array;
  related: [number, number][];
  transition: { aToB: Transition; bToA: Transition };
  ratedSkills: RatedComparison;
  asOf: string | null;
}

function stale(pa: PreparedCareer, pb: PreparedCareer, what: string): Error {
  return new Error(`stale comparison ${pa.slug}/${pb.slug}: ${what}; recompute the pair`);
}

/** Both transitions and the rated-skills part of a pair, from its stored figures and its two careers. */
function readRated(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): Pick<ReadPair, 'transition' | 'ratedSkills'> {
  const [mAB, mBA, gAB, gBA] = c.t;
  const relation = relationOf(c.q);
  const [ra, rb] = [pa.ratings, pb.ratings];
  if (!ra || !rb) {
    return {
      transition: { aToB: readTransition(gAB, mAB, null), bToA: readTransition(gBA, mBA, null) },
      ratedSkills: { similarity: null, relation, shared: [], gaps: [] },
    };
  }
  const ctx = (from: PreparedCareer, to: PreparedCareer, learn: LearnItem[]) => ({
    fromZone: from.side.jobZone,
    toZone: to.side.jobZone,
    relation,
    learnFirst: learn,
  });
  return {
    transition: {
      aToB: readTransition(gAB, mAB, ctx(pa, pb, learnFirst(rb, ra))),
      bToA: readTransition(gBA, mBA, ctx(pb, pa, learnFirst(ra, rb))),
    },
    ratedSkills: { similarity: c.m < 0 ? null : c.m, relation, ...ratingPairs(ra, rb) },
  };
}

/** Reads a compact pair against its careers; throws "stale comparison …" when it no longer fits them. */
export function readPair(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): ReadPair {
  const inSharedA = new Uint8Array(pa.skills.length);
  const inSharedB = new Uint8Array(pb.skills.length);
  const shared: [number, number][] = [];
  for (const i of decodeBitset(c.s)) {
    const s = pa.skills[i];
    const j = s ? pb.keyIndex.get(s.key) : undefined;
    if (!s || j === undefined) throw stale(pa, pb, `shared skill ${i} no longer matches`);
    inSharedA[i] = 1;
    inSharedB[j] = 1;
    shared.push([i, j]);
  }
  const related = decodeIndexPairs(c.r);
  if (related.some(([i, j]) => i >= pa.skills.length || j >= pb.skills.length)) throw stale(pa, pb, 'a related skill index is out of range');
  if (typeof c.m !== 'number' || c.m >= 0 !== (pa.ratings !== null && pb.ratings !== null)) throw stale(pa, pb, 'its rated skills no longer match');
  const [x, y] = [pa.side.asOf, pb.side.asOf];
  const asOf = x === null ? y : y === null || x > y ? x : y;
  return { shared, inSharedA, inSharedB, related, ...readRated(c, pa, pb), asOf };
}

/** The structured comparison (no text) from a compact form and the two prepared careers. */
export function expandComparisonData(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): ComparisonData {
  const r = readPair(c, pa, pb);
  const shared: SharedSkill[] = r.shared.map(([i, j]) => {
    const s = pa.skills[i]!;
    const labelB = pb.skills[j]!.label;
    return labelB === s.label ? ref(s) : { ...ref(s), labelB };
  });
  return {
    a: pa.side,
    b: pb.side,
    verdicts: lettersToVerdicts(c.v),
    skills: {
      onlyA: pa.skills.filter((_, i) => !r.inSharedA[i]).map(ref),
      shared,
      onlyB: pb.skills.filter((_, j) => !r.inSharedB[j]).map(ref),
      related: r.related.map(([i, j]) => ({
        a: ref(pa.skills[i]!),
        b: ref(pb.skills[j]!),
        concepts: commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []),
      })),
      overlap: c.o,
    },
    transition: r.transition,
    ratedSkills: r.ratedSkills,
    asOf: r.asOf,
  };
}

/** The full comparison (with text and version) from the stored compact form. */
export function expandComparison(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): Comparison {
  const data = expandComparisonData(c, pa, pb);
  return { ...data, ...writeComparisonText(data), version: c.h };
}

/** Compares two careers end to end (prepare, compare, expand); for one-off use and tests. */
export function compareCareers(a: CareerForComparison, b: CareerForComparison): Comparison {
  const pa = prepareCareer(a);
  const pb = prepareCareer(b);
  return expandComparison(comparePrepared(pa, pb), pa, pb);
}
