import type { CareerWithMetrics, StoredComparison } from '../db/queries/careers.js';
import { expandComparison, flipComparison, prepareCareer, type PreparedCareer } from '../core/compare/index.js';
import type { Comparison } from '../core/compare/types.js';
import { ApiError } from './errors.js';

const prepared = new WeakMap<CareerWithMetrics, PreparedCareer>();

function prepare(c: CareerWithMetrics): PreparedCareer {
  if (!c.metrics) throw new ApiError('not-found', `the metrics of "${c.slug}" are not computed yet; they are queued`);
  let p = prepared.get(c);
  if (!p) {
    p = prepareCareer({ career: { slug: c.slug, title: c.title, category: c.category }, metrics: c.metrics, skills: c.skills });
    prepared.set(c, p);
  }
  return p;
}

/**
 * Expands a stored pair into the public comparison, sides in the order asked. The pair is
 * stored with the lower career id as side a; the other order is the flipped comparison, whose
 * text is written again from the flipped data, so names and claims stay on the right side.
 */
export function buildComparison(a: CareerWithMetrics, b: CareerWithMetrics, stored: StoredComparison): Comparison {
  const [pa, pb] = [prepare(a), prepare(b)];
  const stored1st = a.id < b.id;
  const cmp = expandComparison(stored.data, stored1st ? pa : pb, stored1st ? pb : pa);
  return stored1st ? cmp : flipComparison(cmp);
}
