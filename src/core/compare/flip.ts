/**
 * Serving a pair in the other order. The structured data is flipped (sides, verdicts 'a'↔'b',
 * onlyA↔onlyB, related pairs, transitions) and the text is written again from it, so the
 * text of the reverse order is right by construction. The version stays: it names the pair's
 * content in canonical order.
 */
import { decodeBitset, decodeIndexPairs, encodeBitset, encodeIndexPairs } from './codec.js';
import type { PreparedCareer } from './prepare.js';
import { writeComparisonText } from './text.js';
import type { CompactComparison, Comparison, ComparisonData, RatingPair, SharedSkill, Verdicts } from './types.js';
import { VERDICT_KEYS } from './types.js';
import { flipVerdict } from './verdicts.js';

function flipShared(s: SharedSkill): SharedSkill {
  return s.labelB === undefined ? { key: s.key, label: s.label } : { key: s.key, label: s.labelB, labelB: s.label };
}

function flipPair(p: RatingPair): RatingPair {
  return { id: p.id, name: p.name, levelA: p.levelB, levelB: p.levelA };
}

/** The structured data seen from the other side. */
export function flipComparisonData(c: ComparisonData): ComparisonData {
  const verdicts = {} as Verdicts;
  for (const k of VERDICT_KEYS) verdicts[k] = flipVerdict(c.verdicts[k]);
  return {
    a: c.b,
    b: c.a,
    verdicts,
    skills: {
      onlyA: c.skills.onlyB,
      shared: c.skills.shared.map(flipShared),
      onlyB: c.skills.onlyA,
      related: c.skills.related.map((r) => ({ a: r.b, b: r.a, concepts: r.concepts })),
      overlap: c.skills.overlap,
    },
    transition: { aToB: c.transition.bToA, bToA: c.transition.aToB },
    ratedSkills: {
      similarity: c.ratedSkills.similarity,
      relation: c.ratedSkills.relation,
      shared: c.ratedSkills.shared.map(flipPair),
      gaps: c.ratedSkills.gaps.map(flipPair),
    },
    asOf: c.asOf,
  };
}

/** The same comparison in the reverse order, text rewritten; flip(flip(c)) equals c. */
export function flipComparison(c: Comparison): Comparison {
  const data = flipComparisonData(c);
  return { ...data, ...writeComparisonText(data), version: c.version };
}

/** The compact form of (second, first) from that of (first, second). */
export function flipCompact(c: CompactComparison, first: PreparedCareer, second: PreparedCareer): CompactComparison {
  const flags = new Uint8Array(second.keys.length);
  for (const i of decodeBitset(c.s)) {
    const j = second.keyIndex.get(first.keys[i] as string);
    if (j !== undefined) flags[j] = 1;
  }
  const v = [...c.v].map((x) => (x === 'a' ? 'b' : x === 'b' ? 'a' : x)).join('');
  const r = encodeIndexPairs(decodeIndexPairs(c.r).flatMap(([i, j]) => [j, i]));
  return { v, o: c.o, s: encodeBitset(flags, second.keys.length), r, t: [c.t[1], c.t[0], c.t[3], c.t[2]], m: c.m, q: c.q, h: c.h };
}
