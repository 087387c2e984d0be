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
export const DEMAND_METHOD_VERSION = 'demand-v1';

/**
 * Weights of demand-v1 (sum 1). Size of the occupation (employment) weighs most; growth and
 * live postings next; the share of hot / in-demand technologies is a forward-looking signal;
 * posting growth is the noisiest (short scrape windows) and weighs least.
 */
export const DEMAND_WEIGHTS: Readonly<Record<DemandSignal, number>> = Object.freeze({
  employment: 0.25,
  employmentChange: 0.2,
  postings: 0.2,
  postingsChange: 0.15,
  hotTechnologyShare: 0.2,
});

/** Weights and version together, as the API returns them. */
export const DEMAND_METHOD = Object.freeze({ version: DEMAND_METHOD_VERSION, weights: DEMAND_WEIGHTS });

/** Computes the composite demand score of one career against the population. */
export function computeDemandScore(facts: CareerFacts, population: PopulationStats): DemandFigure {
  const raw = readDemandSignals(facts);
  const present: Omit<DemandComponent, 'weight'>[] = [];
  let weightSum = 0;
  for (const signal of DEMAND_SIGNALS) {
    const v = raw[signal];
    if (!v || !Number.isFinite(v.value)) continue;
    const percentile = percentileRank(population.signals[signal], v.value);
    present.push({ signal, raw: v.value, percentile, source: v.source, period: v.period });
    weightSum += DEMAND_WEIGHTS[signal];
  }
  if (present.length === 0 || weightSum === 0) {
    return missing('no demand signal: no employment, postings or technology data for this career');
  }
  const components: DemandComponent[] = present.map((c) => ({
    ...c,
    weight: DEMAND_WEIGHTS[c.signal as DemandSignal] / weightSum,
  }));
  const score = 10 * components.reduce((s, c) => s + c.weight * c.percentile, 0);
  const sources = [...new Set(components.map((c) => c.source))].join('+');
  const periods = [...new Set(components.map((c) => c.period).filter((p) => p !== null))];
  const period = periods.length > 0 ? periods.join('+') : null;
  const fig = known(roundTo(score, 1), { source: sources, period }, DEMAND_METHOD_VERSION);
  return { ...fig, methodVersion: DEMAND_METHOD_VERSION, components };
}

/** A declared 0..10 score, clamped and rounded to one decimal, as a demand figure. */
export function declaredDemand(value: number, source: string, period: string | null): DemandFigure {
  const fig = known(roundTo(Math.min(10, Math.max(0, value)), 1), { source, period }, 'declared');
  return { ...fig, methodVersion: 'declared', components: [] };
}
