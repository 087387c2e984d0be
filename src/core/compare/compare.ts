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
import { skillGap, transitionDifficulty, transitionMonths } from './transition.js';
import type { CareerForComparison, CompactComparison, Comparison, ComparisonData, SharedSkill, SkillRef, Transition } from './types.js';
import { lettersToVerdicts, verdictLetters } from './verdicts.js';
import { pairCoreOf, relatedEntry, versionOf } from './version.js';

/** Canonical storage order of a pair: code-unit order of slugs; `flipped` when swapped. */
export function canonicalPair(slugA: string, slugB: string): { a: string; b: string; flipped: boolean } {
  return slugA <= slugB ? { a: slugA, b: slugB, flipped: false } : { a: slugB, b: slugA, flipped: true };
}

function compareCanonical(pa: PreparedCareer, pb: PreparedCareer): CompactComparison {
  const v = verdictLetters(pa.inputs, pb.inputs);
  const sk = compareSkills(pa, pb);
  const m = sk.related.length / 2;
  const gapAB = skillGap(pb.keys.length, sk.sharedCount, m);
  const gapBA = skillGap(pa.keys.length, sk.sharedCount, m);
  const t: CompactComparison['t'] = [
    transitionMonths(pb.learningCurve, gapAB) ?? -1,
    transitionMonths(pa.learningCurve, gapBA) ?? -1,
    gapAB,
    gapBA,
  ];
  let rel = '';
  for (let k = 0; k < sk.related.length; k += 2) {
    const i = sk.related[k] as number;
    const j = sk.related[k + 1] as number;
    const concepts = commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []);
    rel += `${k === 0 ? '' : ';'}${relatedEntry(pa.keys[i] as string, pb.keys[j] as string, concepts)}`;
  }
  const h = versionOf(pa.digest, pb.digest, pairCoreOf(v, sk.overlap, t, rel));
  return { v, o: sk.overlap, s: encodeBitset(sk.sharedA, pa.keys.length), r: encodeIndexPairs(sk.related), t, h };
}

/**
 * Compares two prepared careers into the compact stored form (oriented as given). The work
 * is done in canonical order, so both orders give the same content and version.
 */
export function comparePrepared(pa: PreparedCareer, pb: PreparedCareer): CompactComparison {
  return pa.slug <= pb.slug ? compareCanonical(pa, pb) : flipCompact(compareCanonical(pb, pa), pb, pa);
}

const ref = (s: { key: string; label: string }): SkillRef => ({ key: s.key, label: s.label });

/** The structured comparison (no text) from a compact form and the two prepared careers. */
export function expandComparisonData(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): ComparisonData {
  const inSharedA = new Uint8Array(pa.skills.length);
  const inSharedB = new Uint8Array(pb.skills.length);
  const shared: SharedSkill[] = [];
  for (const i of decodeBitset(c.s)) {
    const s = pa.skills[i];
    const j = s ? pb.keyIndex.get(s.key) : undefined;
    if (!s || j === undefined) throw new Error(`stale comparison ${pa.slug}/${pb.slug}: shared skill ${i} no longer matches; recompute the pair`);
    inSharedA[i] = 1;
    inSharedB[j] = 1;
    const labelB = (pb.skills[j] as SkillRef).label;
    shared.push(labelB === s.label ? ref(s) : { ...ref(s), labelB });
  }
  const pairs = decodeIndexPairs(c.r);
  if (pairs.some(([i, j]) => i >= pa.skills.length || j >= pb.skills.length)) {
    throw new Error(`stale comparison ${pa.slug}/${pb.slug}: a related skill index is out of range; recompute the pair`);
  }
  const related = pairs.map(([i, j]) => ({
    a: ref(pa.skills[i] as SkillRef),
    b: ref(pb.skills[j] as SkillRef),
    concepts: commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []),
  }));
  const [mAB, mBA, gAB, gBA] = c.t;
  const aToB: Transition = { skillGap: gAB, months: mAB < 0 ? null : mAB, difficulty: 'easy' };
  const bToA: Transition = { skillGap: gBA, months: mBA < 0 ? null : mBA, difficulty: 'easy' };
  aToB.difficulty = transitionDifficulty(aToB.skillGap, aToB.months);
  bToA.difficulty = transitionDifficulty(bToA.skillGap, bToA.months);
  const asOfs = [pa.side.asOf, pb.side.asOf].filter((x): x is string => x !== null).sort();
  return {
    a: pa.side,
    b: pb.side,
    verdicts: lettersToVerdicts(c.v),
    skills: {
      onlyA: pa.skills.filter((_, i) => !inSharedA[i]).map(ref),
      shared,
      onlyB: pb.skills.filter((_, j) => !inSharedB[j]).map(ref),
      related,
      overlap: c.o,
    },
    transition: { aToB, bToA },
    asOf: asOfs.pop() ?? null,
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
