import type { CareerWithMetrics, StoredComparison } from '../db/queries/careers.js';

/** Expands a stored pair into the public comparison, in the requested order. */
export function buildComparison(a: CareerWithMetrics, b: CareerWithMetrics, stored: StoredComparison) {
  const side = (c: CareerWithMetrics) => ({ slug: c.slug, title: c.title, category: c.category, onetCode: c.onetCode });
  return { a: side(a), b: side(b), version: stored.version, asOf: new Date(stored.updatedAt).toISOString() };
}
