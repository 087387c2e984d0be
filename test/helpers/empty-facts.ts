/** Test helper: a career's facts with nothing known, to fill in per test. */
import { careerFactsOf } from '../../src/core/metrics/facts.js';
import type { CareerFacts } from '../../src/core/metrics/types.js';

/** Facts of an O*NET (default) or career-page career with every list empty. */
export function emptyFacts(slug: string, overrides: Partial<CareerFacts> = {}): CareerFacts {
  const identity = { id: slug, slug, title: slug.replace(/-/g, ' '), category: null, origin: 'onet', onetCode: null, asOf: null } as const;
  return { ...careerFactsOf(identity), ...overrides };
}

/** One OEWS row with only employment (and optionally a median), for demand tests. */
export function wage(period: string, employment: number | null, median: number | null = null) {
  return {
    source: 'bls-oews',
    period,
    employment,
    p10: null,
    p25: null,
    median,
    p75: null,
    p90: null,
    topCoded: {},
  };
}
