/**
 * What the work is like, from O*NET: the six RIASEC interest scores (1-7) and the work styles
 * by importance (1-5). Figures with provenance like every metric; a career-page career borrows
 * its closest occupation's (career-metrics.ts marks them estimated).
 */
import { known, missing } from './figure.js';
import type { CareerFacts, Figure } from './types.js';

export const RIASEC_AREAS = ['Realistic', 'Investigative', 'Artistic', 'Social', 'Enterprising', 'Conventional'] as const;
export type RiasecArea = (typeof RIASEC_AREAS)[number];

/** One RIASEC area's score, 1..7. */
export interface InterestScore {
  area: RiasecArea;
  score: number;
}
/** One work style's importance, 1..5. */
export interface WorkStyleScore {
  name: string;
  importance: number;
}

export interface CareerProfile {
  /** All six areas, highest score first (ties in RIASEC order). */
  interests: Figure<InterestScore[]>;
  /** Rated work styles, most important first. */
  workStyles: Figure<WorkStyleScore[]>;
}

export function computeProfile(facts: CareerFacts): CareerProfile {
  const i = facts.interests;
  const interests: Figure<InterestScore[]> =
    i && RIASEC_AREAS.every((a) => typeof i.scores[a] === 'number')
      ? known(
          RIASEC_AREAS.map((area) => ({ area, score: i.scores[area] ?? 0 })).sort(
            (x, y) => y.score - x.score || RIASEC_AREAS.indexOf(x.area) - RIASEC_AREAS.indexOf(y.area),
          ),
          i,
          'onet-interests-oi',
        )
      : missing('O*NET publishes no interest profile for this occupation');
  const w = facts.workStyles;
  const workStyles: Figure<WorkStyleScore[]> =
    w && w.styles.length > 0
      ? known(
          w.styles.map((s) => ({ name: s.name, importance: s.importance })),
          w,
          'onet-work-styles-im',
        )
      : missing('O*NET does not rate work styles for this occupation in this release');
  return { interests, workStyles };
}
