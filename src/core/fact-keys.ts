/**
 * The facts ingest writes, by key, with the TypeScript type of each `facts.value`. Workers and
 * the API read facts by these types, so they live here, below both (the parsers build them). A fact row already carries its source (`source_id`), the
 * source's period (`period`), when it was fetched and the archived document it came from; the
 * value carries the rest of what is needed to show where a figure came from (method, scale,
 * join rule, top-coding) so it reads correctly on its own.
 */
import type { MatchMethod } from './title-match.js';
import { SENIORITIES, type Seniority, type TitleAttributes } from './title-normalize.js';

export const FACT_KEYS = {
  /** O*NET technology skills of an occupation. Period: the O*NET release, `O*NET 29.2`. */
  techSkills: 'tech-skills',
  /** O*NET Job Zone with its reference text. Period: the O*NET release. */
  jobZone: 'job-zone',
  /** O*NET education, training and experience distributions. Period: the O*NET release. */
  education: 'education',
  /** O*NET related occupations. Period: the O*NET release. */
  relatedOccupations: 'related-occupations',
  /** O*NET skill ratings (importance, level) of an occupation. Period: the O*NET release, `O*NET 29.0`. */
  skillRatings: 'skill-ratings',
  /** O*NET knowledge ratings (importance, level) of an occupation. Period: the O*NET release. */
  knowledgeRatings: 'knowledge-ratings',
  /** O*NET RIASEC interest scores (1-7). Period: the O*NET release. */
  interests: 'interests',
  /** O*NET work styles by importance (1-5), suppressed ratings left out. Period: the O*NET release. */
  workStyles: 'work-styles',
  /** O*NET task statements (core first). Period: the O*NET release. */
  tasks: 'tasks',
  /** GPTs-are-GPTs exposure label of each task of the occupation. Period: the publication year. */
  taskExposure: 'task-exposure',
  /** BLS OEWS national employment and wages. Period: the reference month, `May 2021`. */
  wages: 'wages',
  /**
   * BLS OEWS: no honest value for this occupation in this period (it was published only inside
   * a hybrid code that does not continue it). Period: the reference month. See {@link WagesBreakFact}.
   */
  wagesBreak: 'wages-break',
  /** Indeed Hiring Lab postings index of the occupation's sector. Period: the month, `2024-06`. */
  postingsIndex: 'postings-index',
  /** BLS Employment Projections of the occupation. Period: the projection span, `2022-32`. */
  projections: 'projections',
  /** AI exposure of one method. Period: the method's publication year (`2023`, `2021`). */
  aiExposure: 'ai-exposure',
  /** Dingel & Neiman teleworkability. Period: the publication year, `2020`. */
  telework: 'telework',
  /** Salary-survey distribution. Period: the work year, `2022`. */
  salarySurvey: 'salary-survey',
  /** Job-posting counts, salaries and skills. Period: the snapshot (`2020`) or fetch month (`2025-06`). */
  postings: 'postings',
  /** Figures a career site declares. Period: always `site` (see {@link DeclaredFact}). */
  declared: 'declared',
} as const;
export type FactKey = (typeof FACT_KEYS)[keyof typeof FACT_KEYS];

// --- onet-database

/** One `Technology Skills.txt` row of the occupation. */
export interface TechSkillItem {
  /** The technology as O*NET names it (`Python`, `Microsoft Excel`). */
  example: string;
  /** UNSPSC commodity code, as text (`43232405`). */
  commodityCode: string;
  commodityTitle: string;
  /** O*NET "Hot Technology": frequently named in employer job postings. */
  hot: boolean;
  /** O*NET "In Demand": hot and frequently named for this occupation. */
  inDemand: boolean;
}
/** `tech-skills`: every technology-skill row of the occupation, in file order. */
export type TechSkillsFact = TechSkillItem[];

/** `job-zone`: the occupation's Job Zone (1 = little preparation … 5 = extensive) and its reference text. */
export interface JobZoneFact {
  jobZone: number;
  /** E.g. "Job Zone Four: Considerable Preparation Needed". */
  name: string;
  experience: string;
  education: string;
  training: string;
  /** Specific Vocational Preparation range, e.g. "(7.0 to < 8.0)". */
  svpRange: string;
  /** Date O*NET rated it (`MM/YYYY`) and the rating's domain source (`Analyst`). */
  ratedOn: string;
  domainSource: string;
}

/**
 * `education`: the ETE distributions (RL required education, RW related work experience, PT
 * on-site training, OJ on-the-job training), each with its categories in percent of
 * respondents and the derived modal/median category and typical months. See education.ts.
 */
export type EducationFact = Omit<OnetEducationProfile, 'code'>;

/** `related-occupations`: O*NET's related occupations, best first. */
export type RelatedOccupationsFact = {
  /** O*NET-SOC 2019 code of the related occupation. */
  code: string;
  /** `Primary-Short`, `Primary-Long` or `Supplemental`. */
  tier: string;
  /** Rank 1..20, 1 = most related. */
  index: number;
}[];

// --- onet-ratings

/**
 * `skill-ratings` / `knowledge-ratings`: the elements O*NET shows for the occupation, by id, each
 * with importance (1–5), level (0–7), standard errors and N; and the elements withheld
 * (suppressed for low precision, not relevant, or incomplete), with the reason, never a value.
 */
export interface RatingsFact {
  elements: RatedElement[];
  withheld: WithheldElement[];
}

// --- onet-database: the work itself

/** `interests`: the six RIASEC occupational-interest scores, 1 (low) … 7 (high). */
export interface InterestsFact {
  scores: Record<'Realistic' | 'Investigative' | 'Artistic' | 'Social' | 'Enterprising' | 'Conventional', number>;
  /** Rating date (`MM/YYYY`) and domain source (`Machine Learning` in 29.2). */
  ratedOn: string;
  domainSource: string;
}

/** `work-styles`: each rated work style's importance, 1 … 5, highest first. */
export type WorkStylesFact = { name: string; importance: number; standardError: number | null }[];

/** `tasks`: the occupation's task statements, core tasks first, each with its O*NET Task ID. */
export type TasksFact = { id: number; task: string; type: 'Core' | 'Supplemental' | null }[];

/**
 * `task-exposure` (ai-exposure source, GPTs-are-GPTs `full_labelset.tsv`): per task, the
 * GPT-4 rubric label (E0 no exposure, E1 direct, E2 exposed with complementary software) and
 * the human annotators' aggregate label, keyed by O*NET Task ID.
 */
export type TaskExposureFact = { taskId: number; gpt4: 'E0' | 'E1' | 'E2' | null; human: 'E0' | 'E1' | 'E2' | null }[];

// --- oews-wages

export type WageStatName = 'mean' | 'p10' | 'p25' | 'median' | 'p75' | 'p90';

/**
 * `wages` (stated per 6-digit SOC code, so it applies to every O*NET occupation under it unless
 * a fact names that occupation exactly). Annual USD. A top-coded cell (BLS `#`) is stored as the
 * published bound with its flag set: the true wage is at least that figure, never a made-up value.
 */
export interface WagesFact {
  /** The 6-digit SOC 2018 code BLS published (`15-1252`) and its title. */
  socCode: string;
  title: string;
  /** Jobs (TOT_EMP); null when BLS does not publish it. */
  employment: number | null;
  currency: 'USD';
  /** Annual wages; null = not available (`*`). */
  annual: Record<WageStatName, number | null>;
  /** Hourly wages as published; null for annual-only occupations (teachers, pilots…). */
  hourly: Record<WageStatName, number | null> | null;
  /** Annual figures that are BLS's top-code bound (≥ `topCodeBound.annual`), e.g. `{ p90: true }`. */
  topCoded: Partial<Record<WageStatName, true>>;
  /** Hourly figures that are the hourly top-code bound. */
  hourlyTopCoded: Partial<Record<WageStatName, true>>;
  /** The bounds `#` stands for in this release. */
  topCodeBound: { annual: number; hourly: number };
  /** True when the annual figures are hourly × 2080 (BLS publishes hourly wages only). */
  derivedFromHourly: boolean;
  /** BLS publishes annual wages only (no hourly). */
  annualOnly: boolean;
  /**
   * Present when the figures are a hybrid code's (May 2020, 15-1256 software developers and
   * testers) continuing this occupation's series: they describe the whole hybrid.
   */
  mapped?: WagesMapping;
}

/** How a hybrid code's figures reached one member (core/soc-hybrids.ts). */
export interface WagesMapping {
  rule: 'hybrid-majority';
  /** The code and title BLS published. */
  from: { code: string; title: string };
  /** This occupation's share of the members' employment in `basisPeriod` (0..1). */
  share: number;
  basisPeriod: string;
  /** Every member with its share. */
  members: { code: string; share: number }[];
}

/** `wages-break`: the occupation has no value for the period, and why (instead of an invented one). */
export interface WagesBreakFact {
  /** The occupation's own 6-digit SOC 2018 code. */
  socCode: string;
  /** The hybrid code BLS published instead. */
  hybrid: { code: string; title: string };
  reason: string;
  /** The later period whose employment gave the members' shares; null when none had them all. */
  basisPeriod: string | null;
  members: { code: string; share: number }[];
}

// --- postings-index

/** `postings-index`: the month's mean of the sector's daily index (seasonally adjusted, 7-day trailing average). */
export interface PostingsIndexFact {
  /** Indeed's occupational sector (`Software Development`), mapped to this career in sectors.ts. */
  sector: string;
  /** Mean of the daily values, two decimals. */
  index: number;
  /** Days with a value that month. */
  days: number;
  base: '2020-02-01 = 100';
  attribution: 'Indeed Hiring Lab (CC BY 4.0)';
}

// --- employment-projections

/**
 * `projections`: BLS's projection of the occupation over one span (stated per 6-digit SOC): the
 * parser's record, whose period is the fact's own period. Employment and openings in jobs (BLS
 * publishes thousands); null where BLS prints `—`.
 */
export type ProjectionsFact = Omit<ProjectionRecord, 'period'>;

// --- ai-exposure

export type AiExposureMethodName = 'gpts-are-gpts' | 'felten-aioe' | 'felten-lm-aioe';

/** How a 2010-coded value reached a 2019 code (see crosswalkValues in core/soc.ts). */
export interface CrosswalkNote {
  rule: 'direct' | 'split-copy' | 'merge-mean';
  /** The O*NET-SOC 2010 codes whose values were used. */
  from: string[];
}

/** `ai-exposure`: one method's exposure score of the occupation. */
export interface AiExposureFact {
  method: AiExposureMethodName;
  /** What `score` measures, in words (units and range). */
  scale: string;
  /** In the method's own scale: GPTs-are-GPTs a 0..1 share of tasks; Felten a standardized score. */
  score: number;
  /**
   * 0..100 on one footing: GPTs-are-GPTs score × 100; Felten the percentile rank of the score
   * among the file's occupations (the crosswalk mean of ranks after a merge).
   */
  percent: number;
  /** The published column `score` is read from (`dv_rating_beta`, `AIOE`). */
  headlineColumn: string;
  /** Every numeric column of the published row (GPTs-are-GPTs: the six ratings); empty after a crosswalk merge. */
  columns: Record<string, number>;
  /** The code vintage the publisher used. */
  codeVintage: 'onet-soc-2019' | 'soc-2010';
  /** Present when the value came through the 2010 → 2019 crosswalk. */
  crosswalk: CrosswalkNote | null;
}

// --- telework

/** `telework`: Dingel & Neiman's share of the occupation's jobs that can be done at home. */
export interface TeleworkFact extends CrosswalkNote {
  method: 'dingel-neiman-2020';
  /** 0..1 (0/1 per 2010 occupation; a merge gives the mean). */
  value: number;
}

// --- titles (salary-survey, job-postings)

/** What a title says about the job besides its career (src/core/title-normalize.ts); null where it says nothing. */
export type TitleFacts = Pick<TitleAttributes, 'seniority' | 'level' | 'location' | 'remote' | 'employment'>;
/** A free-text title counted in a fact: how many records carried it, how it matched, what it says. */
export interface CountedTitle {
  title: string;
  count: number;
  confidence: number;
  method: MatchMethod;
  attributes: TitleFacts;
}
/** Records by the seniority their titles state (`unstated` when a title names none), most senior last. */
export type SeniorityLabel = Seniority | 'unstated';
/** Order of seniority breakdowns: unstated first, then from intern up. */
export const SENIORITY_ORDER: readonly SeniorityLabel[] = ['unstated', ...SENIORITIES];

// --- salary-survey

/** A distribution of salaries: submissions (exact duplicate rows count separately: the survey has no id) and their statistics. */
export interface SalaryStats {
  count: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
  /** Arithmetic mean, rounded to whole USD. */
  mean: number;
}

/** `salary-survey`: the distribution of one work year's submissions matched to the career. Annual USD. */
export interface SalarySurveyFact extends SalaryStats {
  currency: 'USD';
  /** Percentiles interpolate linearly between closest ranks (type 7). */
  percentileMethod: 'linear';
  /** The free-text titles counted, with how they matched. */
  titles: CountedTitle[];
  /** Submissions and their median by the seniority the title states ("Senior Data Scientist" → senior). */
  bySeniority: { seniority: SeniorityLabel; count: number; median: number }[];
  /** Which survey (option `survey`, else the source id): snapshots of one survey form one series. */
  survey?: string;
  /** Which snapshot of it (option `snapshot`, else its newest work year): per year the newest counts. */
  snapshot?: string;
}

// --- job-postings

/** `postings`: the postings of one snapshot whose title matched the career. */
export interface PostingsFact {
  /** Distinct postings (a posting repeated in the export counts once). */
  count: number;
  /** Rows or pages they came from, repeats included. */
  occurrences: number;
  /**
   * Annual USD from the postings' salary text (hourly × 2080): min of the lows, max of the highs,
   * median of the range midpoints; `postings` = how many had salary text. Null when none had.
   */
  salary: { min: number; median: number; max: number; postings: number } | null;
  /** Canonical skill keys mentioned in the postings, most frequent first (top 20). */
  topSkills: { key: string; count: number }[];
  format: 'glassdoor-csv' | 'html-pages' | 'greenhouse-json';
  /** The posting titles counted, with how they matched. */
  titles: CountedTitle[];
  /** Postings by the seniority their titles state. */
  bySeniority: { seniority: SeniorityLabel; count: number }[];
  /** Postings whose title says remote or hybrid. */
  remoteInTitle: number;
}

// --- career-pages

/**
 * `declared`: what a career site states about a career. Period is always `site`: the page has
 * no date of its own and a fetch date would make every run a new fact; the content hash
 * detects a change instead. Figures are null when the page does not give them.
 */
export interface DeclaredFact extends DeclaredFigures {
  /** Salaries are annual USD. */
  currency: 'USD';
  category: string | null;
  /** The skills as the page writes them (markup and scripts removed). */
  skills: string[];
  /** The page the figures were read from. */
  pageUrl: string;
}

// --- shapes the parsers build and the facts carry

/** O*NET ETE scales: RL required education, RW related work, PT on-site training, OJ on-the-job training. */
export const ETE_SCALES = ['RL', 'RW', 'PT', 'OJ'] as const;
export type EteScale = (typeof ETE_SCALES)[number];

export interface EteCategoryShare {
  category: number;
  label: string;
  /** Percent of respondents, 0..100, as published. */
  percent: number;
  /** Duration range in months read from the label (RW/PT/OJ); max null = open-ended ("Over 10 years"). */
  months: { min: number; max: number | null } | null;
}

export interface EteDistribution {
  scale: EteScale;
  /** Every category of the scale in ascending order (absent ones at 0 %). */
  categories: EteCategoryShare[];
  /** Most chosen category; ties go to the lower (less demanding) one. */
  modalCategory: number;
  modalLabel: string;
  /** First category at which the cumulative share reaches half of the total: the median respondent. */
  medianCategory: number;
  /** RW/PT/OJ: months at the median category (midpoint of its range; lower bound if open-ended). Null for RL. */
  typicalMonths: number | null;
  /** RW/PT/OJ: share-weighted mean of the category midpoints, in months. Null for RL. */
  meanMonths: number | null;
  /** Respondents (N). */
  respondents: number | null;
  /** True when O*NET recommends suppressing any category value (low precision). */
  suppressed: boolean;
}

export interface OnetEducationProfile {
  code: string;
  education: EteDistribution | null;
  relatedWork: EteDistribution | null;
  onSiteTraining: EteDistribution | null;
  onTheJobTraining: EteDistribution | null;
}

/** Figures a career page declares (src/ingest/sources/career-pages/fields.ts reads them). */
export interface DeclaredFigures {
  /** Annual USD. */
  salaryMin: number | null;
  salaryMax: number | null;
  /** 0–10. */
  demandScore: number | null;
  /** 0–100 (%). */
  aiRiskPct: number | null;
  learningCurveMonths: number | null;
  difficulty: string | null;
  entryBarrier: string | null;
  remoteFriendly: boolean | null;
  requiresCoding: boolean | null;
}

/** One rated element of an occupation: importance and level as published (two decimals). */
export interface RatedElement {
  /** O*NET content-model id, `2.A.1.a` (skills 2.A/2.B, knowledge 2.C). */
  id: string;
  name: string;
  /** 1 (not important) … 5 (extremely important). */
  importance: number;
  /** 0 … 7 on the element's own anchored scale. */
  level: number;
  /** Standard errors of the two means; null when O*NET gives none. */
  importanceSe: number | null;
  levelSe: number | null;
  /** Raters (N) of the importance mean. */
  n: number | null;
  /** When O*NET rated it (`MM/YYYY`) and who (`Analyst`, `Incumbent`, …). */
  date: string;
  domainSource: string;
}

export interface WithheldElement {
  id: string;
  name: string;
  reason: 'suppressed' | 'not-relevant' | 'incomplete';
}

/** One occupation's BLS Employment Projections row. */
export interface ProjectionRecord {
  /** 6-digit SOC 2018 code. */
  socCode: string;
  title: string;
  /** `2022-32`. */
  period: string;
  baseYear: number;
  targetYear: number;
  /** Jobs (published in thousands). */
  employmentBase: number | null;
  employmentTarget: number | null;
  change: number | null;
  /** Percent, one decimal as published. */
  changePct: number | null;
  /** Average openings a year over the span, jobs. */
  annualOpenings: number | null;
}
