/**
 * Structural invariants of a comparison: verdicts agree with the shown numbers, skill lists
 * are consistent, overlap and transitions follow their formulas, the version matches.
 */
import { overlapPercent } from './skill-overlap.js';
import { learnFirst, prepareRatings, ratingGap, ratingPairs, ratingSimilarity } from './ratings.js';
import { readTransition, skillGap, transitionDifficulty, transitionMonths } from './transition.js';
import type { Comparison, Transition } from './types.js';
import { VERDICT_KEYS } from './types.js';
import { computeVerdicts } from './verdicts.js';
import { comparisonVersion } from './version.js';

function checkSkills(c: Comparison, out: string[]): void {
  const { onlyA, shared, onlyB, related } = c.skills;
  const a = new Set(onlyA.map((s) => s.key));
  const b = new Set(onlyB.map((s) => s.key));
  for (const s of shared) if (a.has(s.key) || b.has(s.key)) out.push(`skills: shared key ${s.key} also listed as only one side's`);
  for (const k of a) if (b.has(k)) out.push(`skills: key ${k} is in both onlyA and onlyB`);
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  for (const r of related) {
    if (!a.has(r.a.key)) out.push(`skills: related ${r.a.key} is not in onlyA`);
    if (!b.has(r.b.key)) out.push(`skills: related ${r.b.key} is not in onlyB`);
    if (r.concepts.length === 0) out.push(`skills: related ${r.a.key}/${r.b.key} share no concept`);
    if (usedA.has(r.a.key) || usedB.has(r.b.key)) out.push(`skills: a skill appears in two related pairs`);
    usedA.add(r.a.key);
    usedB.add(r.b.key);
  }
  const want = overlapPercent(shared.length, related.length, onlyA.length + shared.length, onlyB.length + shared.length);
  if (want !== c.skills.overlap) out.push(`skills: overlap ${c.skills.overlap}% but the formula gives ${want}%`);
}

function checkTransition(name: string, t: Transition, targetSkills: number, curve: number | null, c: Comparison, out: string[]): void {
  const gap = skillGap(targetSkills, c.skills.shared.length, c.skills.related.length);
  if (t.skillGap !== gap) out.push(`transition ${name}: gap ${t.skillGap}% but skills give ${gap}%`);
  if (t.months !== transitionMonths(curve, t.skillGap)) out.push(`transition ${name}: months ${t.months} do not follow from the curve`);
  if (t.difficulty !== transitionDifficulty(t.skillGap, t.months))
    out.push(`transition ${name}: difficulty ${t.difficulty} does not follow from months and gap`);
}

/** Ratings-basis transitions and the rated-skills part, recomputed from the two sides' shown ratings. */
function checkRated(c: Comparison, out: string[]): void {
  const ra = prepareRatings(c.a.ratings.value);
  const rb = prepareRatings(c.b.ratings.value);
  if (!ra || !rb) {
    if (c.ratedSkills.similarity !== null) out.push('ratedSkills: a similarity although a side has no ratings');
    for (const [name, t, to] of [
      ['aToB', c.transition.aToB, c.b],
      ['bToA', c.transition.bToA, c.a],
    ] as const) {
      if (t.basis !== 'technology') out.push(`transition ${name}: basis ${t.basis} although a side has no ratings`);
      else checkTransition(name, t, (name === 'aToB' ? c.skills.onlyB : c.skills.onlyA).length + c.skills.shared.length, to.learningCurveMonths.value, c, out);
    }
    return;
  }
  const legs = [
    ['aToB', c.transition.aToB, rb, ra, c.a, c.b],
    ['bToA', c.transition.bToA, ra, rb, c.b, c.a],
  ] as const;
  const sim = ratingSimilarity(ra, rb);
  if (c.ratedSkills.similarity !== sim) out.push(`ratedSkills: similarity ${c.ratedSkills.similarity} but the ratings give ${sim}`);
  const pairs = ratingPairs(ra, rb);
  if (JSON.stringify(pairs) !== JSON.stringify({ shared: c.ratedSkills.shared, gaps: c.ratedSkills.gaps }))
    out.push('ratedSkills: shared or gaps do not follow from the ratings');
  for (const [name, t, target, source, from, to] of legs) {
    const gap = ratingGap(target, source);
    if (t.basis !== 'ratings' || t.skillGap !== gap) out.push(`transition ${name}: ${t.basis} gap ${t.skillGap}% but the ratings give ${gap}%`);
    const want = readTransition(gap, transitionMonths(to.learningCurveMonths.value, gap) ?? -1, {
      fromZone: from.jobZone,
      toZone: to.jobZone,
      relation: c.ratedSkills.relation,
      learnFirst: learnFirst(target, source),
    });
    if (JSON.stringify(want) !== JSON.stringify(t))
      out.push(`transition ${name}: ${JSON.stringify(t)} does not follow from the ratings, preparation and relation`);
    if (t.difficulty === 'hard' && !t.reason) out.push(`transition ${name}: hard without a stated reason`);
  }
}

/** Violations of the structured part (empty when consistent). */
export function checkStructure(c: Comparison): string[] {
  const out: string[] = [];
  const want = computeVerdicts(c.a, c.b);
  for (const k of VERDICT_KEYS) {
    if (want[k] !== c.verdicts[k]) out.push(`verdict ${k} is '${c.verdicts[k]}' but the shown values give '${want[k]}'`);
  }
  checkSkills(c, out);
  checkRated(c, out);
  const asOf =
    [c.a.asOf, c.b.asOf]
      .filter((x): x is string => x !== null)
      .sort()
      .pop() ?? null;
  if (c.asOf !== asOf) out.push(`asOf ${c.asOf} is not the newer side's ${asOf}`);
  if (c.version !== comparisonVersion(c)) out.push(`version ${c.version} does not match the content`);
  return out;
}
