/**
 * Per-signal distributions across all careers, used to turn raw demand signals and AIOE
 * z-scores into percentile ranks (0..1). Raw signals are read from facts here so that the
 * population and the per-career score use the exact same definitions.
 */
import { comparePeriods } from '../periods.js';
import type { AiExposureMethod, CareerFacts, Provenance } from './types.js';

/** Demand signals, in the order they are reported. */
export const DEMAND_SIGNALS = [
  'employment',
  'employmentChange',
  'projectedGrowth',
  'annualOpenings',
  'postingsIndex',
  'postings',
  'postingsChange',
  'hotTechnologyShare',
] as const;
export type DemandSignal = (typeof DEMAND_SIGNALS)[number];

/** Sorted values of each signal over every career that has it. */
export interface PopulationStats {
  signals: Record<DemandSignal, Float64Array>;
  /** Z-scores of score-type AI-exposure methods (Felten AIOE, LM-AIOE), to rank as percentiles. */
  exposureScores: Record<ScoreExposureMethod, Float64Array>;
  careers: number;
}

/** AI-exposure methods published as standardized scores rather than shares. */
export const SCORE_EXPOSURE_METHODS = ['felten-aioe', 'felten-lm-aioe'] as const;
export type ScoreExposureMethod = (typeof SCORE_EXPOSURE_METHODS)[number] & AiExposureMethod;

/** A raw signal value with the provenance of its newest observation. */
export interface SignalValue extends Provenance {
  value: number;
}

function byPeriod<T extends Provenance>(rows: T[]): T[] {
  return [...rows].sort((x, y) => comparePeriods(String(x.period ?? ''), String(y.period ?? '')));
}

/** Relative change from the oldest to the newest value, null when not computable. */
function relativeChange<T extends Provenance>(rows: T[], get: (r: T) => number | null): SignalValue | null {
  const usable = byPeriod(rows).filter((r) => get(r) !== null);
  const first = usable[0];
  const last = usable[usable.length - 1];
  if (!first || !last || first === last) return null;
  const from = get(first) as number;
  if (from <= 0) return null;
  const span = `${first.period ?? '?'}..${last.period ?? '?'}`;
  return { value: ((get(last) as number) - from) / from, source: last.source, period: span };
}

function latest<T extends Provenance>(rows: T[], get: (r: T) => number | null): SignalValue | null {
  const last = byPeriod(rows)
    .filter((r) => get(r) !== null)
    .pop();
  return last ? { value: get(last) as number, source: last.source, period: last.period } : null;
}

/**
 * Raw demand signals of one career. Employment and postings are levels (newest period); BLS
 * projected growth (% over the span) and annual openings (jobs a year) are the newest projection
 * period's; the Indeed postings index is its newest month's mean (2020-02-01 = 100);
 * changes are relative, oldest → newest period; the technology share counts a hot flag and an
 * in-demand flag half each, so a career whose every technology is both scores 1.
 */
export function readDemandSignals(facts: CareerFacts): Record<DemandSignal, SignalValue | null> {
  const tech = facts.technologySkills;
  const techShare: SignalValue | null =
    tech.length === 0 || !facts.technologySource
      ? null
      : {
          value: tech.reduce((s, t) => s + (t.hot ? 0.5 : 0) + (t.inDemand ? 0.5 : 0), 0) / tech.length,
          ...facts.technologySource,
        };
  return {
    employment: latest(facts.wages, (w) => w.employment),
    // A hybrid code's figures (mapped) count a wider group than the occupation: no change is read across them.
    employmentChange: relativeChange(
      facts.wages.filter((w) => !w.mapped),
      (w) => w.employment,
    ),
    projectedGrowth: latest(facts.projections ?? [], (p) => p.changePct),
    annualOpenings: latest(facts.projections ?? [], (p) => p.annualOpenings),
    postingsIndex: latest(facts.postingsIndex ?? [], (p) => p.index),
    postings: latest(facts.postings, (p) => p.count),
    postingsChange: relativeChange(facts.postings, (p) => p.count),
    hotTechnologyShare: techShare,
  };
}

/** The career's score for a score-type exposure method (headline measure first), or null. */
export function readExposureScore(facts: CareerFacts, method: ScoreExposureMethod): number | null {
  const rows = facts.aiExposure.filter((e) => e.method === method);
  return (rows.find((e) => e.headline) ?? rows[0])?.value ?? null;
}

/** Builds the distributions from every career's facts (one pass, then one sort per signal). */
export function computePopulationStats(allFacts: readonly CareerFacts[]): PopulationStats {
  const lists = Object.fromEntries(DEMAND_SIGNALS.map((n) => [n, [] as number[]])) as Record<DemandSignal, number[]>;
  const scores: Record<ScoreExposureMethod, number[]> = { 'felten-aioe': [], 'felten-lm-aioe': [] };
  for (const facts of allFacts) {
    const signals = readDemandSignals(facts);
    for (const name of DEMAND_SIGNALS) {
      const v = signals[name];
      if (v && Number.isFinite(v.value)) lists[name].push(v.value);
    }
    for (const method of SCORE_EXPOSURE_METHODS) {
      const z = readExposureScore(facts, method);
      if (z !== null && Number.isFinite(z)) scores[method].push(z);
    }
  }
  const sorted = (xs: number[]): Float64Array => Float64Array.from(xs).sort();
  const signals = Object.fromEntries(DEMAND_SIGNALS.map((n) => [n, sorted(lists[n])])) as Record<DemandSignal, Float64Array>;
  const exposureScores = {
    'felten-aioe': sorted(scores['felten-aioe']),
    'felten-lm-aioe': sorted(scores['felten-lm-aioe']),
  };
  return { signals, exposureScores, careers: allFacts.length };
}

/** First index whose value is not below `x` (`orEqual`: not at or below `x`). */
function bound(xs: Float64Array, x: number, orEqual: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = xs[mid] as number;
    if (v < x || (orEqual && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mid-rank percentile of `x` in a sorted distribution, 0..1: (values below + half of the
 * values equal) ÷ n. Ties share one rank, so equal raw values always score the same; a value
 * outside the population (or an empty one) is ranked as if added to it.
 */
export function percentileRank(sorted: Float64Array, x: number): number {
  const below = bound(sorted, x, false);
  const notAbove = bound(sorted, x, true);
  const equal = notAbove - below;
  const n = sorted.length + (equal === 0 ? 1 : 0);
  return (below + (equal === 0 ? 1 : equal) / 2) / n;
}
