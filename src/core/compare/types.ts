/**
 * The comparison of two careers (DESIGN.md "Public contracts"), its compact stored form, and
 * the per-career prepared data that makes comparing ~515,000 pairs cheap.
 */
import type { CareerMetrics, CareerOrigin, Difficulty, EntryBarrier, RatedItem } from '../metrics/types.js';
import type { InterestScore, WorkStyleScore } from '../metrics/profile.js';
import type { BrightOutlook, PostingsTrend } from '../metrics/outlook.js';

export type { RatedItem };

/** One canonical skill of a career, as src/core/skills.ts describes it. */
export interface SkillInput {
  key: string;
  label: string;
  /** Concept tags (`conceptsOf(label)`): skills with a common concept are 'related'. */
  concepts: string[];
  hot?: boolean;
  /** O*NET commodity class of a technology (`Development environment software`). */
  group?: string;
}

/** The career identity a comparison shows. */
export interface CareerIdentity {
  slug: string;
  title: string;
  category: string | null;
  /** O*NET occupations are named in the plural ("Data Scientists"), career-site jobs in the singular. */
  origin?: CareerOrigin;
}

/** Input of `compareCareers` / `prepareCareer`. */
export interface CareerForComparison {
  career: CareerIdentity;
  metrics: CareerMetrics;
  skills: SkillInput[];
}

/** A figure as shown: rounded to display precision, with provenance, or null with a reason. */
export type ShownFigure<T> =
  | { value: T; source: string; period: string | null; estimatedFrom?: string; atLeast?: true; hourlyOnly?: true }
  | { value: null; reason: string };

/** One side of a comparison. Salary in annual USD to the nearest $1,000, risk in whole %, months whole. */
export interface ComparisonSide extends CareerIdentity {
  asOf: string | null;
  salary: {
    min: ShownFigure<number>;
    max: ShownFigure<number>;
    median: ShownFigure<number>;
    currency: 'USD';
    period: 'year';
  };
  /** 0..10, one decimal. */
  demandScore: ShownFigure<number>;
  /** 0..100 %, whole. */
  aiReplacementRisk: ShownFigure<number>;
  learningCurveMonths: ShownFigure<number>;
  difficulty: ShownFigure<Difficulty>;
  entryBarrier: ShownFigure<EntryBarrier>;
  remoteFriendly: ShownFigure<boolean>;
  requiresCoding: ShownFigure<boolean>;
  /** Grammatical number of `title`: the text agrees its verbs with it ("Data Scientists earn"). */
  titleNumber: 'singular' | 'plural';
  /** O*NET RIASEC interest scores 1..7, one decimal, highest first. */
  interests: ShownFigure<InterestScore[]>;
  /** O*NET work styles, importance 1..5, one decimal, most important first. */
  workStyles: ShownFigure<WorkStyleScore[]>;
  /** BLS Employment Projections, every period ingested (oldest first): % change over the span, openings a year. */
  projections: ShownFigure<ProjectionShown[]>;
  /** O*NET's Bright Outlook rule applied to the newest projection. */
  brightOutlook: ShownFigure<BrightOutlook>;
  /** Indeed Hiring Lab postings index of the career's sector (2020-02-01 = 100), newest month. */
  postingsTrend: ShownFigure<PostingsTrend>;
  /** Core tasks and AI (GPTs-are-GPTs GPT-4 labels): counts, share exposed, the most and least exposed few. */
  tasks: ShownFigure<TasksShown>;
  /** O*NET-SOC code, null for a career without one. */
  onetCode: string | null;
  /** O*NET Job Zone 1..5 (preparation needed), null when not rated. */
  jobZone: number | null;
  /** Skills and knowledge ranked by importance, each with its level (O*NET's ratings, or estimated from the closest rated occupation). */
  ratings: ShownRatings;
  /** Technology examples by O*NET commodity class: classes with hot or in-demand technologies first, then by size. */
  technology: TechnologyGroup[];
}

/** One core task as a comparison shows it, with its GPT-4 exposure label (E1, E2 exposed; E0 not). */
/** `label`: GPT-4's rating; `human`: the annotators' aggregate, null when they gave none. */
export interface TaskShown {
  id: number;
  task: string;
  label: 'E0' | 'E1' | 'E2';
  human: 'E0' | 'E1' | 'E2' | null;
}

/** A side's tasks, bounded: at most TASKS_SHOWN most and least exposed. */
export interface TasksShown {
  /** `all-listed` when O*NET types none of the occupation's tasks and all of them stand for its core. */
  scope: 'core' | 'all-listed';
  core: number;
  rated: number;
  exposed: number;
  /** exposed ÷ rated, whole %. */
  exposedShare: number;
  /** Exposed core tasks, most exposed first. */
  mostExposed: TaskShown[];
  /** The least exposed core tasks, least first (E0 when there are any; never one of mostExposed). */
  leastExposed: TaskShown[];
}

/** One BLS projection period as shown: % change one decimal, openings a year in whole jobs. */
export interface ProjectionShown {
  period: string;
  changePct: number | null;
  annualOpenings: number | null;
}

/** A career's rated skills and knowledge as shown, or why there are none. */
export type ShownRatings =
  | { value: RatedItem[]; source: string; period: string | null; estimatedFrom?: { slug: string; title: string; onetCode: string | null } }
  | { value: null; reason: string };

/** One commodity class of a career's technology examples. */
export interface TechnologyGroup {
  group: string;
  /** Examples in the class. */
  count: number;
  /** Its hot or in-demand examples (at most 5), by name. */
  hot: string[];
}

/** One skill or knowledge area rated for both sides, with both levels. */
export interface RatingPair {
  id: string;
  name: string;
  levelA: number;
  levelB: number;
}

/** A skill or knowledge area the target needs more of: the target's level and the source's. */
export interface LearnItem {
  id: string;
  name: string;
  level: number;
  from: number;
}

/** O*NET relatedness tiers, best first. */
export const RELATED_TIERS = ['Primary-Short', 'Primary-Long', 'Supplemental'] as const;
export type RelatedTier = (typeof RELATED_TIERS)[number];

/** The rated skills and knowledge of a pair. */
export interface RatedComparison {
  /** 0..100 from both sides' ratings (see ratings.ts); null when a side has none. */
  similarity: number | null;
  /** How O*NET relates the two occupations (either direction), null when it lists neither. */
  relation: RelatedTier | null;
  /** Important to both, with both levels (at most 8). */
  shared: RatingPair[];
  /** Largest level differences among areas important to either (at most 5). */
  gaps: RatingPair[];
}

/** Verdict keys, in the order of the compact verdict string. */
export const VERDICT_KEYS = ['salaryCeiling', 'salaryMedian', 'demand', 'aiRisk', 'learningCurve', 'entryBarrier', 'difficulty'] as const;
export type VerdictKey = (typeof VERDICT_KEYS)[number];

/** The better side: higher pay and demand, lower risk, shorter curve, lower barrier, easier. */
export type Verdict = 'a' | 'b' | 'tie';
export type Verdicts = Record<VerdictKey, Verdict>;

export interface SkillRef {
  key: string;
  label: string;
}

/** A shared skill; `labelB` only when side B labels the same key differently. */
export interface SharedSkill extends SkillRef {
  labelB?: string;
}

/** Two different skills close in meaning: the concepts they share. */
export interface RelatedSkill {
  a: SkillRef;
  b: SkillRef;
  concepts: string[];
}

export interface SkillComparison {
  onlyA: SkillRef[];
  shared: SharedSkill[];
  onlyB: SkillRef[];
  related: RelatedSkill[];
  /** Jaccard over canonical keys, a related pair counting 0.5, in whole percent. */
  overlap: number;
}

export const TRANSITION_DIFFICULTIES = ['easy', 'moderate', 'hard'] as const;
export type TransitionDifficulty = (typeof TRANSITION_DIFFICULTIES)[number];

/** Moving from one career to the other. */
export interface Transition {
  /**
   * Whole %. Basis `ratings`: the target's importance-weighted skill and knowledge level the
   * source lacks; basis `technology` (a side without ratings): the share of the target's skills
   * the source lacks (related counts half).
   */
  skillGap: number;
  /** Target's learning curve × skill gap, whole months; null when the curve is unknown. */
  months: number | null;
  difficulty: TransitionDifficulty;
  basis: 'ratings' | 'technology';
  /** The target's areas with the largest weighted level gaps (basis `ratings`; at most 3). */
  learnFirst: LearnItem[];
  /** Why the move is hard, or why it is not as hard as its months say; null otherwise. */
  reason: string | null;
}

/** Everything but the text and the version: what the text is written from. */
export interface ComparisonData {
  a: ComparisonSide;
  b: ComparisonSide;
  verdicts: Verdicts;
  skills: SkillComparison;
  transition: { aToB: Transition; bToA: Transition };
  ratedSkills: RatedComparison;
  /** Newer of the two sides' asOf. */
  asOf: string | null;
}

export interface ComparisonText {
  summary: string;
  chooseA: string[];
  chooseB: string[];
  conclusion: string;
}

/** The full comparison, as the API serves it. */
export interface Comparison extends ComparisonData, ComparisonText {
  /** Short content hash, the same in either order (see version.ts). */
  version: string;
}

/**
 * The stored form (a few dozen bytes as JSON). Index strings are base64url, see codec.ts.
 * v: verdict letters 'a' | 'b' | 't' in VERDICT_KEYS order; o: overlap %; s: bitset of A's
 * skills (sorted by key) that B shares; r: related pairs (A index, B index, 2 chars each);
 * t: [monthsAToB, monthsBToA, gapAToB %, gapBToA %] (months -1 = unknown); m: rating
 * similarity 0..100 (-1 = a side has no ratings); q: O*NET relation (0 none, 1 + index in
 * RELATED_TIERS); h: version.
 */
export interface CompactComparison {
  v: string;
  o: number;
  s: string;
  r: string;
  t: [number, number, number, number];
  m: number;
  q: number;
  h: string;
}
