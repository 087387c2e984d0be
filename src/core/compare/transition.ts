/**
 * Transition estimate from one career to the other: the target's learning curve scaled by
 * the share of the target's skills the source lacks (a related skill counts as half known).
 * gap = (n − shared − 0.5·related) / n of the target's n skills, whole %; a target listing no
 * skills gives gap 100 % (nothing is known to carry over). months = round(curve × gap).
 * Difficulty follows the months when known (≤ 3 easy, ≤ 12 moderate, else hard), so a
 * "hard" move never takes 2 months; when the target's curve is unknown, it follows the gap
 * (< 34 % easy, < 67 % moderate, else hard).
 */
import { RELATED_WEIGHT } from './skill-overlap.js';
import type { Transition, TransitionDifficulty } from './types.js';

/** Thresholds between easy / moderate / hard: months (inclusive) and gap % (exclusive). */
export const TRANSITION_THRESHOLDS = Object.freeze({ easyMonths: 3, moderateMonths: 12, easyGapBelow: 34, moderateGapBelow: 67 });

/** Difficulty of a transition from its months, or from its skill gap (whole %) without them. */
export function transitionDifficulty(gap: number, months: number | null): TransitionDifficulty {
  const t = TRANSITION_THRESHOLDS;
  if (months !== null) return months <= t.easyMonths ? 'easy' : months <= t.moderateMonths ? 'moderate' : 'hard';
  return gap < t.easyGapBelow ? 'easy' : gap < t.moderateGapBelow ? 'moderate' : 'hard';
}

/** Skill gap in whole % toward a target with `targetSkills` skills. */
export function skillGap(targetSkills: number, shared: number, related: number): number {
  if (targetSkills === 0) return 100;
  return Math.round((100 * (targetSkills - shared - RELATED_WEIGHT * related)) / targetSkills);
}

/** Months of a transition (whole), null when the target's curve is unknown. */
export function transitionMonths(targetCurve: number | null, gap: number): number | null {
  return targetCurve === null ? null : Math.round((targetCurve * gap) / 100);
}

/** The full transition toward a target. */
export function estimateTransition(targetCurve: number | null, gap: number): Transition {
  const months = transitionMonths(targetCurve, gap);
  return { skillGap: gap, months, difficulty: transitionDifficulty(gap, months) };
}
