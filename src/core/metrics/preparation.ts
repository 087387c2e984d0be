/**
 * Learning curve, difficulty and entry barrier from O*NET preparation data.
 *
 * - difficulty: from the Job Zone (O*NET's overall preparation rating), table below; when no
 *   zone is rated, from the typical education level.
 * - entryBarrier: from the typical required education (what a newcomer must hold before being
 *   hired): RL ≤ 2 (high school or less) → Low, 3–5 (certificate, some college,
 *   associate's) → Medium, ≥ 6 (bachelor's or more) → High; without ETE data, from the zone.
 * - learningCurveMonths: typical on-site plus on-the-job training months from ETE (time to
 *   become proficient once hired); without ETE data, the zone table's months.
 */
import { known, missing, roundTo } from './figure.js';
import type { Difficulty, EntryBarrier, Figure, PreparationFacts } from './types.js';

/** Job Zone → figures. Months follow the zone's 'Job Training' text (midpoints). */
export const JOB_ZONE_TABLE: Readonly<Record<1 | 2 | 3 | 4 | 5, { difficulty: Difficulty; entryBarrier: EntryBarrier; learningCurveMonths: number }>> =
  Object.freeze({
    1: { difficulty: 'Beginner', entryBarrier: 'Low', learningCurveMonths: 1 }, // days to a few months
    2: { difficulty: 'Intermediate', entryBarrier: 'Low', learningCurveMonths: 6 }, // months to a year
    3: { difficulty: 'Intermediate', entryBarrier: 'Medium', learningCurveMonths: 18 }, // one to two years
    4: { difficulty: 'Advanced', entryBarrier: 'High', learningCurveMonths: 36 }, // several years
    5: { difficulty: 'Expert', entryBarrier: 'High', learningCurveMonths: 48 }, // extensive
  });

function zoneRow(p: PreparationFacts) {
  const z = p.jobZone;
  return z !== null && z >= 1 && z <= 5 ? JOB_ZONE_TABLE[Math.round(z) as 1 | 2 | 3 | 4 | 5] : null;
}

/** Education category (RL 1..12) → entry barrier. */
export function entryBarrierOfEducation(level: number): EntryBarrier {
  return level <= 2 ? 'Low' : level <= 5 ? 'Medium' : 'High';
}

/** Education category (RL 1..12) → difficulty, used only when no Job Zone is rated. */
export function difficultyOfEducation(level: number): Difficulty {
  return level <= 2 ? 'Beginner' : level <= 5 ? 'Intermediate' : level <= 7 ? 'Advanced' : 'Expert';
}

const NO_PREP = 'no job zone or education/training data for this career';

/** Difficulty from the Job Zone, else from education. */
export function computeDifficulty(p: PreparationFacts | null): Figure<Difficulty> {
  if (!p) return missing(NO_PREP);
  const row = zoneRow(p);
  if (row) return known(row.difficulty, p, `job-zone-${p.jobZone}`);
  if (p.typicalEducationLevel !== null) {
    return known(difficultyOfEducation(p.typicalEducationLevel), p, `education-level-${p.typicalEducationLevel}`);
  }
  return missing(NO_PREP);
}

/** Entry barrier from typical education, else from the Job Zone. */
export function computeEntryBarrier(p: PreparationFacts | null): Figure<EntryBarrier> {
  if (!p) return missing(NO_PREP);
  if (p.typicalEducationLevel !== null) {
    return known(entryBarrierOfEducation(p.typicalEducationLevel), p, `education-level-${p.typicalEducationLevel}`);
  }
  const row = zoneRow(p);
  return row ? known(row.entryBarrier, p, `job-zone-${p.jobZone}`) : missing(NO_PREP);
}

/** Learning curve in whole months (at least 1) from ETE training, else from the Job Zone. */
export function computeLearningCurve(p: PreparationFacts | null): Figure<number> {
  if (!p) return missing(NO_PREP);
  if (p.trainingMonths !== null && Number.isFinite(p.trainingMonths)) {
    return known(Math.max(1, roundTo(p.trainingMonths, 0)), p, 'ete-training-months');
  }
  const row = zoneRow(p);
  return row ? known(row.learningCurveMonths, p, `job-zone-${p.jobZone}`) : missing(NO_PREP);
}
