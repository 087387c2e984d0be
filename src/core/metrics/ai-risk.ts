/**
 * AI replacement risk 0..100 % from AI-exposure research, with every method kept.
 *
 * Headline, in order of preference:
 * 1. GPTs-are-GPTs (Eloundou et al. 2023): share of the occupation's tasks exposed to LLMs,
 *    GPT-4 rating β = E1 + 0.5·E2, × 100. It is a share of tasks, so it reads directly as a %.
 * 2. Felten, Raj & Seamans AIOE: a standardized score with no natural 0..100 scale, so it is
 *    expressed as its percentile among all careers that have it, × 100.
 * 3. Felten LM-AIOE, the same way.
 * The other methods are kept as `alternatives` (each in %, with source and period), and
 * `spread` (max − min, points) shows how much they disagree. Values are whole percents.
 */
import { known, missing, roundTo } from './figure.js';
import { percentileRank, SCORE_EXPOSURE_METHODS } from './population.js';
import type { PopulationStats, ScoreExposureMethod } from './population.js';
import type { AiExposure, AiExposureMethod, AiRiskAlternative, AiRiskFigure, CareerFacts } from './types.js';

/** Preference order of methods for the headline figure. */
export const AI_RISK_METHOD_ORDER: readonly AiExposureMethod[] = ['gpts-are-gpts', 'felten-aioe', 'felten-lm-aioe'];

const METHOD_LABEL: Record<AiExposureMethod, string> = {
  'gpts-are-gpts': 'gpts-are-gpts share of exposed tasks × 100',
  'felten-aioe': 'felten-aioe percentile among careers × 100',
  'felten-lm-aioe': 'felten-lm-aioe percentile among careers × 100',
};

function isScoreMethod(m: AiExposureMethod): m is ScoreExposureMethod {
  return (SCORE_EXPOSURE_METHODS as readonly string[]).includes(m);
}

/** One method's measure as a whole percent (0..100). */
function toPercent(e: AiExposure, population: PopulationStats): number {
  const share = isScoreMethod(e.method) ? percentileRank(population.exposureScores[e.method], e.value) : Math.min(1, Math.max(0, e.value));
  return roundTo(share * 100, 0);
}

/** The headline measure of each method present, in preference order. */
function measuresByMethod(facts: CareerFacts): AiExposure[] {
  const out: AiExposure[] = [];
  for (const method of AI_RISK_METHOD_ORDER) {
    const rows = facts.aiExposure.filter((e) => e.method === method && Number.isFinite(e.value));
    const pick = rows.find((e) => e.headline) ?? rows[0];
    if (pick) out.push(pick);
  }
  return out;
}

/** AI replacement risk from exposure research; null with a reason when no method covers it. */
export function computeAiRisk(facts: CareerFacts, population: PopulationStats): AiRiskFigure {
  const [head, ...rest] = measuresByMethod(facts);
  if (!head) return missing('no AI-exposure method covers this occupation');
  const value = toPercent(head, population);
  const alternatives: AiRiskAlternative[] = rest.map((e) => ({
    method: `${e.method}:${e.measure}`,
    value: toPercent(e, population),
    source: e.source,
    period: e.period,
  }));
  const all = [value, ...alternatives.map((a) => a.value)];
  const fig = known(value, head, `${METHOD_LABEL[head.method]} (${head.measure})`);
  return { ...fig, alternatives, spread: Math.max(...all) - Math.min(...all) };
}

/** A declared 0..100 % figure, clamped and rounded to a whole percent. */
export function declaredAiRisk(value: number, source: string, period: string | null): AiRiskFigure {
  const pct = roundTo(Math.min(100, Math.max(0, value)), 0);
  return { ...known(pct, { source, period }, 'declared'), alternatives: [], spread: 0 };
}
