/**
 * Comparison versions. The version is a hash of the comparison's content in canonical order
 * (sides ordered by slug), so A-vs-B and B-vs-A share it (the API adds the order to its
 * ETag). Content = text version + each side's digest (its shown figures with provenance, and
 * its skill keys and labels) + the pair's verdicts, overlap, transitions and related pairs.
 * Everything else in a comparison (onlyA/shared/onlyB, the text) is a function of those, so
 * the version changes exactly when the served content changes. Key order is fixed by
 * `stableStringify`, never by object insertion order.
 */
import { hash } from 'node:crypto';
import { RELATED_TIERS, type Comparison, type ComparisonData, type ComparisonSide, type RelatedSkill, type RelatedTier, type SkillRef } from './types.js';
import { verdictsToLetters } from './verdicts.js';
import { stableStringify } from '../stable-hash.js';

/** Bump when the wording or the shape of generated text changes. */
export const TEXT_VERSION = 'text-v6'; // v6: O*NET's Mathematics skill and knowledge named apart in learn-first lists; v5: a move one Job Zone up is at least moderate and names the education the target's Job Zone needs; v2: verbs agree with plural titles, reasons from O*NET interests and work styles, no repeated judgements; v3: outlook and tasks-and-AI sentences; v4: rated skills and knowledge, similarity, transitions from weighted level gaps

/** First 16 hex characters of SHA-1: short, stable, collision-safe at this scale. */
export function shortHash(text: string): string {
  return hash('sha1', text, 'hex').slice(0, 16);
}

/** Code-unit order (locale-independent), used for every key sort. */
export const byKey = (x: { key: string }, y: { key: string }): number => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

// Sides are shared, immutable objects (one per prepared career), so their canonical text is
// hashed once per object; only the hash is kept (a side's text runs to tens of kilobytes).
const sideHash = new WeakMap<ComparisonSide, string>();

/** Digest of one side: its shown figures and its skills (sorted by key). */
export function sideDigest(side: ComparisonSide, skills: readonly SkillRef[]): string {
  let h = sideHash.get(side);
  if (h === undefined) {
    h = shortHash(stableStringify(side));
    sideHash.set(side, h);
  }
  const list = [...skills]
    .sort(byKey)
    .map((s) => `${s.key}\t${s.label}`)
    .join('\n');
  return shortHash(`${h}\n${list}`);
}

/** The stored code of an O*NET relation: 0 none, else 1 + its index in RELATED_TIERS. */
export function relationCode(tier: RelatedTier | null): number {
  return tier === null ? 0 : RELATED_TIERS.indexOf(tier) + 1;
}

/** The relation a stored code names. */
export function relationOf(code: number): RelatedTier | null {
  return code >= 1 && code <= RELATED_TIERS.length ? RELATED_TIERS[code - 1]! : null;
}

/** One related pair in the version core. */
export function relatedEntry(aKey: string, bKey: string, concepts: readonly string[]): string {
  return `${aKey}>${bKey}:${concepts.join(',')}`;
}

/**
 * The pair part of the content, in the orientation given; `rel` joins relatedEntry with ';';
 * `m` the rating similarity (-1 unknown) and `q` the O*NET relation code.
 */
export function pairCoreOf(letters: string, overlap: number, t: readonly number[], rel: string, m: number, q: number): string {
  return `${letters}|${overlap}|${t[0]},${t[1]},${t[2]},${t[3]}|${rel}|${m}|${q}`;
}

/** pairCoreOf from related pairs as objects. */
export function pairCore(
  letters: string,
  overlap: number,
  t: readonly number[],
  related: readonly { aKey: string; bKey: string; concepts: readonly string[] }[],
  m: number,
  q: number,
): string {
  return pairCoreOf(letters, overlap, t, related.map((r) => relatedEntry(r.aKey, r.bKey, r.concepts)).join(';'), m, q);
}

/** The version from the canonical-order parts. */
export function versionOf(digestFirst: string, digestSecond: string, core: string): string {
  return shortHash(`${TEXT_VERSION}\n${digestFirst}\n${digestSecond}\n${core}`);
}

/** Related pairs as version-core entries. */
export function relatedCore(related: readonly RelatedSkill[], swap: boolean) {
  return related.map((r) => (swap ? { aKey: r.b.key, bKey: r.a.key, concepts: r.concepts } : { aKey: r.a.key, bKey: r.b.key, concepts: r.concepts }));
}

/**
 * The version of a full comparison, computed from its content alone; equals the `version`
 * that `comparePrepared` stored for it, and is the same for either order.
 */
export function comparisonVersion(c: ComparisonData | Comparison): string {
  const skillsA: SkillRef[] = [...c.skills.onlyA, ...c.skills.shared.map((s) => ({ key: s.key, label: s.label }))];
  const skillsB: SkillRef[] = [...c.skills.onlyB, ...c.skills.shared.map((s) => ({ key: s.key, label: s.labelB ?? s.label }))];
  const dA = sideDigest(c.a, skillsA);
  const dB = sideDigest(c.b, skillsB);
  const m = (x: number | null) => x ?? -1;
  const { aToB, bToA } = c.transition;
  const swap = c.a.slug > c.b.slug;
  const letters = verdictsToLetters(c.verdicts);
  const sim = c.ratedSkills.similarity ?? -1;
  const q = relationCode(c.ratedSkills.relation);
  if (!swap) {
    const t = [m(aToB.months), m(bToA.months), aToB.skillGap, bToA.skillGap];
    return versionOf(dA, dB, pairCore(letters, c.skills.overlap, t, relatedCore(c.skills.related, false), sim, q));
  }
  const flipped = [...letters].map((x) => (x === 'a' ? 'b' : x === 'b' ? 'a' : x)).join('');
  const t = [m(bToA.months), m(aToB.months), bToA.skillGap, aToB.skillGap];
  return versionOf(dB, dA, pairCore(flipped, c.skills.overlap, t, relatedCore(c.skills.related, true), sim, q));
}
