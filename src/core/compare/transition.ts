/**
 * Transition estimate from one career to the other.
 *
 * Gap (whole %): with both sides' skill and knowledge ratings (basis `ratings`), the target's
 * importance-weighted level the source lacks (see ratings.ts); otherwise (basis `technology`)
 * the share of the target's skills the source lacks, a related skill counting half (a target
 * listing none: 100 %). months = round(target's learning curve × gap).
 *
 * Difficulty follows the months when known (≤ 3 easy, ≤ 12 moderate, else hard), so a "hard"
 * move never takes 2 months; when the target's curve is unknown, it follows the gap (ratings:
 * < 15 % easy, < 35 % moderate; technology: < 34 % easy, < 67 % moderate; else hard). On the
 * ratings basis the target's preparation and O*NET's relatedness then count:
 * - a target two or more Job Zones above the source is hard, and says so;
 * - a target one Job Zone above is at least moderate, and says so: the months count the
 *   target's on-the-job training only, not the education its Job Zone asks for (registered
 *   nurses to nurse practitioners read "easy, about 2 months" for a move through a master's);
 * - a hard move between occupations O*NET rates Primary-Short related is moderate, and says so;
 * - any other hard move names its largest gaps as the reason.
 */
import { RELATED_WEIGHT } from './skill-overlap.js';
import { ratedElementName } from './display.js';
import type { LearnItem, RelatedTier, Transition, TransitionDifficulty } from './types.js';

/** Thresholds between easy / moderate / hard: months (inclusive) and gap % (exclusive). */
export const TRANSITION_THRESHOLDS = Object.freeze({
  easyMonths: 3,
  moderateMonths: 12,
  easyGapBelow: 34,
  moderateGapBelow: 67,
  ratingsEasyGapBelow: 15,
  ratingsModerateGapBelow: 35,
});

/** Difficulty of a transition from its months, or from its skill gap (whole %) without them. */
export function transitionDifficulty(gap: number, months: number | null, basis: Transition['basis'] = 'technology'): TransitionDifficulty {
  const t = TRANSITION_THRESHOLDS;
  if (months !== null) return months <= t.easyMonths ? 'easy' : months <= t.moderateMonths ? 'moderate' : 'hard';
  const [easy, moderate] = basis === 'ratings' ? [t.ratingsEasyGapBelow, t.ratingsModerateGapBelow] : [t.easyGapBelow, t.moderateGapBelow];
  return gap < easy ? 'easy' : gap < moderate ? 'moderate' : 'hard';
}

/** Skill gap in whole % toward a target with `targetSkills` skills (basis `technology`). */
export function skillGap(targetSkills: number, shared: number, related: number): number {
  if (targetSkills === 0) return 100;
  return Math.round((100 * (targetSkills - shared - RELATED_WEIGHT * related)) / targetSkills);
}

/** Months of a transition (whole), null when the target's curve is unknown. */
export function transitionMonths(targetCurve: number | null, gap: number): number | null {
  return targetCurve === null ? null : Math.round((targetCurve * gap) / 100);
}

/** What a ratings-basis transition reads besides its gap and months. */
export interface TransitionContext {
  /** Job Zones of the source and the target (null = not rated). */
  fromZone: number | null;
  toZone: number | null;
  relation: RelatedTier | null;
  learnFirst: LearnItem[];
}

const level = (v: number) => v.toFixed(1);

/** What most occupations of each O*NET Job Zone need (O*NET's Job Zone descriptions). */
export const JOB_ZONE_EDUCATION: Readonly<Record<number, string>> = Object.freeze({
  1: 'a high school diploma at most',
  2: 'a high school diploma',
  3: "vocational training or an associate's degree",
  4: "a bachelor's degree",
  5: 'a graduate degree',
});

function preparationReason(from: number, to: number, much: boolean): string {
  const edu = JOB_ZONE_EDUCATION[to];
  return `the move needs ${much ? 'much ' : ''}more preparation (Job Zone ${to} against ${from}${edu ? `; most Job Zone ${to} occupations need ${edu}` : ''}), which the months, on-the-job training only, do not count`;
}

/** The full transition from its stored gap and months (months < 0 = unknown). */
export function readTransition(gap: number, months: number, ctx: TransitionContext | null): Transition {
  const m = months < 0 ? null : months;
  if (!ctx) return { skillGap: gap, months: m, difficulty: transitionDifficulty(gap, m), basis: 'technology', learnFirst: [], reason: null };
  let difficulty = transitionDifficulty(gap, m, 'ratings');
  let reason: string | null = null;
  const step = ctx.fromZone !== null && ctx.toZone !== null ? ctx.toZone - ctx.fromZone : 0;
  if (step >= 2) {
    difficulty = 'hard';
    reason = preparationReason(ctx.fromZone!, ctx.toZone!, true);
  } else if (step === 1 && difficulty !== 'hard') {
    difficulty = 'moderate';
    reason = preparationReason(ctx.fromZone!, ctx.toZone!, false);
  } else if (difficulty === 'hard' && ctx.relation === 'Primary-Short') {
    difficulty = 'moderate';
    reason = `not hard, because O*NET rates the two occupations as closely related (Primary-Short)`;
  } else if (difficulty === 'hard') {
    const gaps = ctx.learnFirst.map((l) => `${ratedElementName(l)} (level ${level(l.from)} to ${level(l.level)})`);
    reason = gaps.length ? `the largest gaps are ${gaps.join(', ')}` : `the skill-level gap is ${gap}%`;
  }
  return { skillGap: gap, months: m, difficulty, basis: 'ratings', learnFirst: ctx.learnFirst, reason };
}
