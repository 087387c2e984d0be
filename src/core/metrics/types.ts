/**
 * Inputs and outputs of per-career metrics. Pure data shapes: a worker assembles
 * `CareerFacts` from the database, `computeCareerMetrics` turns them into `CareerMetrics`.
 */

/** Where a career comes from: an O*NET occupation or a career site's page. */
export type CareerOrigin = 'onet' | 'career-page';

export const DIFFICULTIES = ['Beginner', 'Intermediate', 'Advanced', 'Expert'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const ENTRY_BARRIERS = ['Low', 'Medium', 'High'] as const;
export type EntryBarrier = (typeof ENTRY_BARRIERS)[number];

export type {
  AiExposure,
  AiExposureMethod,
  CareerFacts,
  DeclaredFigures,
  PostingCount,
  PreparationFacts,
  SurveyDistribution,
  TechnologySkill,
  WageObservation,
} from './facts.js';

import type { CareerProfile } from './profile.js';
import type { CareerOutlook } from './outlook.js';
import type { TaskExposure } from './tasks.js';

/** Provenance shared by every observed value: source id and the period it describes. */
export interface Provenance {
  source: string;
  /** e.g. '2021-05' (OEWS May 2021), '2023' (survey work year), '29.2' (O*NET release). */
  period: string | null;
}

/** The career a borrowed figure comes from. */
export interface EstimateOrigin {
  slug: string;
  title: string;
  onetCode: string | null;
}

/** A value with its provenance and the method that produced it. */
export interface KnownFigure<T> extends Provenance {
  value: T;
  method: string;
  /** Set when the figure was borrowed from the closest O*NET career. */
  estimatedFrom?: EstimateOrigin;
  /** e.g. 'top-coded: at least this value'. */
  note?: string;
  /** The value is a publication bound, not a figure: the true value is at least it (an OEWS `#` cell). */
  atLeast?: true;
  /** An annual wage BLS does not publish: the hourly wage × 2,080 (an OEWS hourly-only occupation). */
  hourlyOnly?: true;
}

/** An absent value and why it is absent; never a made-up default. */
export interface MissingFigure {
  value: null;
  reason: string;
}

export type Figure<T> = KnownFigure<T> | MissingFigure;

/** Annual USD salary figures. */
export interface SalaryMetrics {
  min: Figure<number>;
  max: Figure<number>;
  median: Figure<number>;
  p25: Figure<number>;
  p75: Figure<number>;
  currency: 'USD';
  period: 'year';
}

/** One signal's part in the demand score. `weight` is after re-weighting (sums to 1). */
export interface DemandComponent extends Provenance {
  signal: string;
  raw: number;
  /** Percentile rank among careers with this signal, 0..1. */
  percentile: number;
  weight: number;
}

export type DemandFigure =
  | (KnownFigure<number> & {
      methodVersion: string;
      components: DemandComponent[];
      /** Signals of the method the career lacks, each with the reason (e.g. no sector mapping). */
      missingSignals?: { signal: string; reason: string }[];
    })
  | MissingFigure;

/** An AI-risk value from a method other than the headline one. */
export interface AiRiskAlternative extends Provenance {
  method: string;
  /** 0..100 %. */
  value: number;
}

export type AiRiskFigure = (KnownFigure<number> & { alternatives: AiRiskAlternative[]; spread: number }) | MissingFigure;

/** Every derived figure of one career. */
export interface CareerMetrics {
  careerId: string;
  slug: string;
  asOf: string | null;
  salary: SalaryMetrics;
  /** 0..10, one decimal. */
  demandScore: DemandFigure;
  /** 0..100 %, whole percent. */
  aiReplacementRisk: AiRiskFigure;
  /** Whole months. */
  learningCurveMonths: Figure<number>;
  difficulty: Figure<Difficulty>;
  entryBarrier: Figure<EntryBarrier>;
  remoteFriendly: Figure<boolean>;
  requiresCoding: Figure<boolean>;
  /** What the work is like (O*NET interests and work styles); absent in metrics stored before it existed. */
  profile?: CareerProfile;
  /** BLS projections, O*NET Bright Outlook and the sector's postings index; absent in metrics stored before it existed. */
  outlook?: CareerOutlook;
  /** Core tasks with their GPTs-are-GPTs exposure labels; absent in metrics stored before it existed. */
  tasks?: Figure<TaskExposure>;
  /**
   * O*NET skills and knowledge, ranked by importance (then level): O*NET's own ratings, or those
   * of the closest rated occupation marked `estimatedFrom`. Absent in metrics stored before them.
   */
  skillRatings?: Figure<RatedItem[]>;
  /** The occupation's O*NET code, Job Zone and related occupations (what transitions read); null for careers without one. */
  onet?: OnetProfile | null;
}

/** One rated skill or knowledge area, at the precision shown (one decimal). */
export interface RatedItem {
  id: string;
  name: string;
  domain: 'skill' | 'knowledge';
  /** 1..5. */
  importance: number;
  /** 0..7. */
  level: number;
}

export interface OnetProfile {
  code: string;
  /** 1..5, null when not rated. */
  jobZone: number | null;
  /** O*NET's related occupations: `Primary-Short`, `Primary-Long`, `Supplemental`, best first. */
  related: { code: string; tier: string }[];
}
