/**
 * One career's metrics. Which figure wins:
 * - O*NET careers: figures derived from the sources (OEWS, surveys, postings, O*NET, AI
 *   exposure, telework). Career-site declarations are not used for them.
 * - Career-page careers: the declared figure is the figure. A figure the page lacks comes from
 *   the career's own source data when it has some (e.g. postings), else is borrowed from
 *   `estimatedFrom` (its closest O*NET career), marked `estimatedFrom`; else null with a reason.
 * Salary is one group: a declared range is never mixed with another career's median.
 */
import { computeAiRisk, declaredAiRisk } from './ai-risk.js';
import { computeDemandScore, declaredDemand } from './demand.js';
import { borrowed, known } from './figure.js';
import { computeRemoteFriendly, computeRequiresCoding } from './flags.js';
import type { PopulationStats } from './population.js';
import { computeDifficulty, computeEntryBarrier, computeLearningCurve } from './preparation.js';
import { computeOutlook, type CareerOutlook } from './outlook.js';
import { computeProfile, type CareerProfile } from './profile.js';
import { computeSkillRatings, onetProfileOf } from './ratings.js';
import { computeSalary, declaredSalary } from './salary.js';
import { computeTaskExposure } from './tasks.js';
import type { CareerFacts, CareerMetrics, DeclaredFigures, EstimateOrigin, SalaryMetrics } from './types.js';

/** Metrics from source data only (the O*NET path). */
function deriveFromSources(facts: CareerFacts, population: PopulationStats): CareerMetrics {
  return {
    careerId: facts.id,
    slug: facts.slug,
    asOf: facts.asOf,
    salary: computeSalary(facts),
    demandScore: computeDemandScore(facts, population),
    aiReplacementRisk: computeAiRisk(facts, population),
    learningCurveMonths: computeLearningCurve(facts.preparation),
    difficulty: computeDifficulty(facts.preparation),
    entryBarrier: computeEntryBarrier(facts.preparation),
    remoteFriendly: computeRemoteFriendly(facts),
    requiresCoding: computeRequiresCoding(facts),
    profile: computeProfile(facts),
    outlook: computeOutlook(facts),
    tasks: computeTaskExposure(facts),
    skillRatings: computeSkillRatings(facts),
    onet: onetProfileOf(facts),
  };
}

function hasSalary(s: SalaryMetrics): boolean {
  return s.min.value !== null || s.max.value !== null || s.median.value !== null;
}

function borrowSalary(s: SalaryMetrics, from: EstimateOrigin): SalaryMetrics {
  return {
    ...s,
    min: borrowed(s.min, from),
    max: borrowed(s.max, from),
    median: borrowed(s.median, from),
    p25: borrowed(s.p25, from),
    p75: borrowed(s.p75, from),
  };
}

type Single = Exclude<keyof CareerMetrics, 'careerId' | 'slug' | 'asOf' | 'salary' | 'profile' | 'outlook' | 'tasks' | 'skillRatings' | 'onet'>;

/** The declared figure for one metric, or null when the page does not give it. */
function declaredFigure(d: DeclaredFigures, key: Single): CareerMetrics[Single] | null {
  const prov = { source: d.source, period: d.period };
  switch (key) {
    case 'demandScore':
      return d.demandScore === undefined ? null : declaredDemand(d.demandScore, d.source, d.period);
    case 'aiReplacementRisk':
      return d.aiRiskPct === undefined ? null : declaredAiRisk(d.aiRiskPct, d.source, d.period);
    case 'learningCurveMonths':
      return d.learningCurveMonths === undefined ? null : known(Math.round(d.learningCurveMonths), prov, 'declared');
    default: {
      const v = d[key];
      return v === undefined ? null : known(v, prov, 'declared');
    }
  }
}

const SINGLE_KEYS: Single[] = ['demandScore', 'aiReplacementRisk', 'learningCurveMonths', 'difficulty', 'entryBarrier', 'remoteFriendly', 'requiresCoding'];

/**
 * Computes every metric of one career. `population` must come from `computePopulationStats`
 * over all careers (it ranks demand signals and AIOE scores).
 */
export function computeCareerMetrics(facts: CareerFacts, population: PopulationStats): CareerMetrics {
  const own = deriveFromSources(facts, population);
  if (facts.origin === 'onet') return own;
  const d = facts.declared;
  const est = facts.estimatedFrom ? deriveFromSources(facts.estimatedFrom, population) : null;
  const origin: EstimateOrigin | null = facts.estimatedFrom
    ? { slug: facts.estimatedFrom.slug, title: facts.estimatedFrom.title, onetCode: facts.estimatedFrom.onetCode }
    : null;
  const out: CareerMetrics = { ...own };
  const declaredSal = d && (d.salaryMin !== undefined || d.salaryMax !== undefined) ? declaredSalary(d) : null;
  out.salary = declaredSal ?? (hasSalary(own.salary) || !est || !origin ? own.salary : borrowSalary(est.salary, origin));
  for (const key of SINGLE_KEYS) {
    const dec = d ? declaredFigure(d, key) : null;
    const pick = dec ?? (own[key].value !== null || !est || !origin ? own[key] : borrowed(est[key], origin));
    (out as unknown as Record<Single, unknown>)[key] = pick;
  }
  if (own.profile && est?.profile && origin) out.profile = borrowProfile(own.profile, est.profile, origin);
  if (own.outlook && est?.outlook && origin) out.outlook = borrowOutlook(own.outlook, est.outlook, origin);
  if (own.tasks && own.tasks.value === null && est?.tasks && origin) out.tasks = borrowed(est.tasks, origin);
  return out;
}

/** Each part of the profile the page career lacks, from its closest occupation (marked estimated). */
function borrowProfile(own: CareerProfile, est: CareerProfile, from: EstimateOrigin): CareerProfile {
  return {
    interests: own.interests.value !== null ? own.interests : borrowed(est.interests, from),
    workStyles: own.workStyles.value !== null ? own.workStyles : borrowed(est.workStyles, from),
  };
}

/** The outlook of the closest occupation where the page career has none of its own (marked estimated). */
function borrowOutlook(own: CareerOutlook, est: CareerOutlook, from: EstimateOrigin): CareerOutlook {
  return {
    projections: own.projections.value !== null ? own.projections : borrowed(est.projections, from),
    brightOutlook: own.brightOutlook.value !== null ? own.brightOutlook : borrowed(est.brightOutlook, from),
    postingsTrend: own.postingsTrend.value !== null ? own.postingsTrend : borrowed(est.postingsTrend, from),
  };
}
