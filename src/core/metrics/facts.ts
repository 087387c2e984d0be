/**
 * `CareerFacts`: everything known about one career, as a worker assembles it from the
 * database for `computeCareerMetrics`. Pure data; every observation carries its provenance.
 */
import type { CareerOrigin, Difficulty, EntryBarrier, Provenance } from './types.js';

/** One OEWS row for a career: annual USD, `topCoded` when BLS printed '#' (≥ its cap). */
export interface WageObservation extends Provenance {
  employment: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  /** Per-percentile flags: the value is the publication cap, the true value is at least it. */
  topCoded: { p10?: boolean; p25?: boolean; median?: boolean; p75?: boolean; p90?: boolean };
  /** BLS publishes hourly wages only (work often not full-time, year-round): the annual figures are hourly × 2,080. */
  hourlyOnly?: true;
  /** The figures are an OEWS hybrid code's (e.g. 15-1256 for 15-1252 in May 2020): they count a wider group. */
  mapped?: { from: string; share: number };
}

/** Salary-survey distribution for one work year, annual USD, `count` respondents. */
export interface SurveyDistribution extends Provenance {
  workYear: number;
  count: number;
  /** Lowest and highest submission of the year. */
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
  /** The survey (snapshots of one survey share it) and which snapshot of it this came from. */
  survey?: string;
  snapshot?: string;
}

/** One BLS projection of the occupation over a span (period `2022-32`). */
export interface ProjectionObservation extends Provenance {
  changePct: number | null;
  annualOpenings: number | null;
  employmentBase: number | null;
  employmentTarget: number | null;
}

/** A period for which OEWS gives the occupation no honest value (a hybrid code it cannot continue). */
export interface WageBreak extends Provenance {
  reason: string;
}

/** Job-posting count for one period (e.g. a month or a scrape). */
export interface PostingCount extends Provenance {
  count: number;
}

/** One O*NET technology skill row. */
export interface TechnologySkill {
  name: string;
  /** UNSPSC commodity code, e.g. 43232402 'Development environment software'. */
  commodityCode: number;
  commodityTitle: string;
  hot: boolean;
  inDemand: boolean;
}

/** O*NET education, training and experience, reduced to the typical values. */
export interface PreparationFacts extends Provenance {
  /** O*NET Job Zone 1..5, null when not rated. */
  jobZone: number | null;
  /** Most common 'Required Level of Education' category, RL 1..12 (6 = bachelor's). */
  typicalEducationLevel: number | null;
  /** Typical related work experience, months (category midpoint). */
  experienceMonths: number | null;
  /** Typical on-site plus on-the-job training, months (category midpoints). */
  trainingMonths: number | null;
}

/** Known AI-exposure methods; the order of preference for the headline is in ai-risk.ts. */
export type AiExposureMethod = 'gpts-are-gpts' | 'felten-aioe' | 'felten-lm-aioe';

/** One AI-exposure measure. `value` is a 0..1 share for GPTs-are-GPTs, a z-score for AIOE. */
export interface AiExposure extends Provenance {
  method: AiExposureMethod;
  /** Variant inside the method, e.g. 'dv_rating_beta' (GPT-4, E1 + 0.5·E2). */
  measure: string;
  /** True for the variant the method's authors headline (GPT-4 beta for GPTs-are-GPTs). */
  headline: boolean;
  value: number;
}

/** Figures a career site declares on its page; any may be absent. */
export interface DeclaredFigures extends Provenance {
  salaryMin?: number;
  salaryMax?: number;
  /** 0..10 as the site shows it. */
  demandScore?: number;
  /** 0..100 %. */
  aiRiskPct?: number;
  learningCurveMonths?: number;
  difficulty?: Difficulty;
  entryBarrier?: EntryBarrier;
  remoteFriendly?: boolean;
  requiresCoding?: boolean;
}

/** One O*NET skill or knowledge element as rated for an occupation (withheld elements are absent). */
export interface RatedElementObservation {
  /** Content-model id, `2.A.1.a`. */
  id: string;
  name: string;
  domain: 'skill' | 'knowledge';
  /** 1..5. */
  importance: number;
  /** 0..7. */
  level: number;
}

/** O*NET's skill and knowledge ratings of the occupation (one release). */
export interface RatingsObservation extends Provenance {
  elements: RatedElementObservation[];
}

/** Everything known about one career, as a worker assembles it from the database. */
export interface CareerFacts {
  id: string;
  slug: string;
  title: string;
  category: string | null;
  origin: CareerOrigin;
  onetCode: string | null;
  /** ISO date of the newest observation included; data-derived so unchanged data keeps it. */
  asOf: string | null;
  wages: WageObservation[];
  /** OEWS periods without a value for this occupation, with the reason (series breaks). */
  wageBreaks?: WageBreak[];
  /** Indeed Hiring Lab postings index of the career's sector, one per month (2020-02-01 = 100). */
  postingsIndex?: ({ sector: string; index: number } & Provenance)[];
  /** BLS Employment Projections, one per projection period (`2022-32`): employment in jobs, change in %. */
  projections?: ProjectionObservation[];
  /** One distribution per survey and work year: the newest snapshot's. */
  salarySurveys: SurveyDistribution[];
  postings: PostingCount[];
  technologySkills: TechnologySkill[];
  /** Source and period of the technology-skill rows (one O*NET release). */
  technologySource: Provenance | null;
  preparation: PreparationFacts | null;
  aiExposure: AiExposure[];
  /** Teleworkability share 0..1 (Dingel & Neiman), averaged over crosswalked codes. */
  telework: ({ value: number } & Provenance) | null;
  declared: DeclaredFigures | null;
  /** O*NET RIASEC interest scores, 1..7 (Interests.txt, OI scale). */
  interests?: { scores: Record<string, number> } & Provenance;
  /** O*NET work styles, importance 1..5, most important first (suppressed ratings left out). */
  workStyles?: { styles: { name: string; importance: number }[] } & Provenance;
  /** O*NET task statements, core first (Task Statements.txt). */
  tasks?: { tasks: { id: number; task: string; type: 'Core' | 'Supplemental' | null }[] } & Provenance;
  /** GPTs-are-GPTs labels of the occupation's tasks by Task ID (full_labelset.tsv). */
  taskExposure?: { labels: { taskId: number; gpt4: 'E0' | 'E1' | 'E2' | null; human: 'E0' | 'E1' | 'E2' | null }[] } & Provenance;
  /** O*NET's skill and knowledge ratings of the occupation; absent when O*NET does not rate it. */
  ratings?: RatingsObservation;
  /** O*NET's related occupations (code and tier, best first). */
  relatedOccupations?: { code: string; tier: string }[];
  /** The closest rated occupation, whose ratings stand in (marked estimated) when `ratings` is absent. */
  ratingsFrom?: CareerFacts;
  /** Closest O*NET career, for figures a career-page career lacks (marked estimated). */
  estimatedFrom?: CareerFacts;
}

/** What identifies a career in its facts. */
export type CareerIdentity = Pick<CareerFacts, 'id' | 'slug' | 'title' | 'category' | 'origin' | 'onetCode' | 'asOf'>;

/** A career's facts with nothing observed yet: every list empty, every optional figure unknown. */
export function careerFactsOf(identity: CareerIdentity): CareerFacts {
  return {
    ...identity,
    wages: [],
    salarySurveys: [],
    postings: [],
    technologySkills: [],
    technologySource: null,
    preparation: null,
    aiExposure: [],
    telework: null,
    declared: null,
  };
}
