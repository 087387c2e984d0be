/**
 * Demand score 0..10: a transparent weighted mean of percentile-ranked demand signals.
 *
 * Each signal is ranked among all careers that have it (mid-rank percentile, 0..1), so
 * different units (workers, postings, growth rates, shares) become comparable. The score is
 * 10 × Σ wᵢ·pᵢ / Σ wᵢ over the signals the career has (re-weighted: a missing signal neither
 * counts as 0 nor as average; its weight is spread over the present ones), rounded to one
 * decimal. No signal → null with a reason. A career site's declared score is not mixed in:
 * a career-page career keeps its declared figure (see career-metrics.ts).
 */
import { known, missing, roundTo } from './figure.js';
import { DEMAND_SIGNALS, percentileRank, readDemandSignals } from './population.js';
import type { DemandSignal, PopulationStats } from './population.js';
import type { CareerFacts, DemandComponent, DemandFigure } from './types.js';

/** Version of the demand method; stored with every score so history stays interpretable. */
export const DEMAND_METHOD_VERSION = 'demand-v2';

/**
 * Weights of demand-v2 (sum 1). The outlook leads: BLS's projected 10-year growth and its
 * annual openings (growth plus replacement: how many jobs a newcomer can compete for) are what
 * official career guides show; the size of the occupation today and the Indeed postings index
 * of its sector (live hiring against the Feb 2020 level) follow; O*NET's hot-technology share is
 * a forward-looking hint; OEWS employment change and scraped posting counts cover short,
 * noisy windows and weigh least.
 */
export const DEMAND_WEIGHTS: Readonly<Record<DemandSignal, number>> = Object.freeze({
  projectedGrowth: 0.25,
  annualOpenings: 0.2,
  employment: 0.15,
  postingsIndex: 0.15,
  hotTechnologyShare: 0.1,
  employmentChange: 0.05,
  postings: 0.05,
  postingsChange: 0.05,
});

/** demand-v1's weights over its five signals: the per-OEWS-period series keeps that method. */
export const DEMAND_V1_WEIGHTS: Readonly<Partial<Record<DemandSignal, number>>> = Object.freeze({
  employment: 0.25,
  employmentChange: 0.2,
  postings: 0.2,
  postingsChange: 0.15,
  hotTechnologyShare: 0.2,
});

/** Why a signal is absent for a career, so the score says what it was computed without. */
function missingReason(signal: DemandSignal, facts: CareerFacts): string {
  const soc = facts.onetCode?.slice(0, 7);
  switch (signal) {
    case 'employment':
      return 'no OEWS employment figure for this occupation';
    case 'employmentChange':
      return 'fewer than two comparable OEWS periods with employment';
    case 'projectedGrowth':
    case 'annualOpenings':
      return soc ? `no BLS Employment Projections row for SOC ${soc}` : 'not an O*NET occupation: BLS projects SOC occupations only';
    case 'postingsIndex':
      return soc
        ? `no Indeed Hiring Lab sector is mapped to SOC ${soc} (reviewed table: src/ingest/sources/postings-index/sectors.ts)`
        : 'not an O*NET occupation: Indeed sectors are mapped to SOC codes';
    case 'postings':
    case 'postingsChange':
      return 'no job-posting counts for this career';
    case 'hotTechnologyShare':
      return 'no O*NET technology skills';
  }
}

/** Weights and version together, as the API returns them. */
export const DEMAND_METHOD = Object.freeze({ version: DEMAND_METHOD_VERSION, weights: DEMAND_WEIGHTS });

/** Computes the composite demand score of one career against the population. */
export function computeDemandScore(
  facts: CareerFacts,
  population: PopulationStats,
  weights: Readonly<Partial<Record<DemandSignal, number>>> = DEMAND_WEIGHTS,
  version = DEMAND_METHOD_VERSION,
): DemandFigure {
  const raw = readDemandSignals(facts);
  const present: Omit<DemandComponent, 'weight'>[] = [];
  const absent: { signal: DemandSignal; reason: string }[] = [];
  let weightSum = 0;
  for (const signal of DEMAND_SIGNALS) {
    const w = weights[signal];
    if (w === undefined) continue;
    const v = raw[signal];
    if (!v || !Number.isFinite(v.value)) {
      absent.push({ signal, reason: missingReason(signal, facts) });
      continue;
    }
    const percentile = percentileRank(population.signals[signal], v.value);
    present.push({ signal, raw: v.value, percentile, source: v.source, period: v.period });
    weightSum += w;
  }
  if (present.length === 0 || weightSum === 0) {
    return missing('no demand signal: no employment, postings or technology data for this career');
  }
  const components: DemandComponent[] = present.map((c) => ({
    ...c,
    weight: weights[c.signal as DemandSignal]! / weightSum,
  }));
  const score = 10 * components.reduce((s, c) => s + c.weight * c.percentile, 0);
  const sources = [...new Set(components.map((c) => c.source))].join('+');
  const periods = [...new Set(components.map((c) => c.period).filter((p) => p !== null))];
  const period = periods.length > 0 ? periods.join('+') : null;
  const fig = known(roundTo(score, 1), { source: sources, period }, version);
  return { ...fig, methodVersion: version, components, ...(weights === DEMAND_WEIGHTS ? { missingSignals: absent } : {}) };
}

/** A declared 0..10 score, clamped and rounded to one decimal, as a demand figure. */
export function declaredDemand(value: number, source: string, period: string | null): DemandFigure {
  const fig = known(roundTo(Math.min(10, Math.max(0, value)), 1), { source, period }, 'declared');
  return { ...fig, methodVersion: 'declared', components: [] };
}
