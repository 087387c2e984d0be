import type { CareerFacts } from '../core/metrics/facts.js';
import { closestRated } from '../core/metrics/ratings.js';
import type { CareerBundle } from './assemble-facts.js';

/**
 * Points `ratingsFrom` of every career without O*NET ratings at the rated occupation it borrows
 * them from: an O*NET occupation's closest rated related occupation (see closestRated); a
 * career-page career's closest O*NET career, or the occupation that one borrows from. Careers
 * with their own ratings, or with nothing close enough, have none. Run after attachEstimates.
 */
export function attachRatingEstimates(bundles: ReadonlyMap<number, CareerBundle>): void {
  const byCode = new Map<string, CareerFacts>();
  for (const b of bundles.values()) if (b.facts.onetCode) byCode.set(b.facts.onetCode, b.facts);
  const from = new Map<CareerFacts, CareerFacts | undefined>();
  for (const b of bundles.values()) {
    const f = b.facts;
    if (f.ratings?.elements.length) from.set(f, undefined);
    else if (f.origin === 'onet') from.set(f, closestRated(f, byCode));
  }
  for (const b of bundles.values()) {
    const f = b.facts;
    if (f.origin === 'career-page') {
      const near = f.estimatedFrom;
      from.set(f, near?.ratings?.elements.length ? near : near ? from.get(near) : undefined);
    }
    const to = from.get(f);
    if (to) f.ratingsFrom = to;
    else delete f.ratingsFrom;
  }
}
