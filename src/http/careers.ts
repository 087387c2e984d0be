/**
 * What the API and the pages both serve about careers: a career by slug or code (404 with the
 * closest matches), and the precomputed comparison of two careers.
 */
import type { CareerWithMetrics } from '../db/queries/careers.js';
import { ApiError } from './errors.js';
import type { ApiDeps } from './context.js';
import { buildComparison } from './comparison-view.js';
import { apiServices } from './services.js';

const SLUG = /^[a-z0-9][a-z0-9.-]{0,119}$/;

/** Loads a career by slug or code, or answers 404 with the closest matches. */
export async function requireCareer(deps: ApiDeps, slug: string): Promise<CareerWithMetrics> {
  if (!SLUG.test(slug)) throw new ApiError('invalid-request', 'a career is named by its slug (a-z, 0-9, -) or O*NET-SOC code, at most 120 characters');
  const career = await apiServices(deps).career(slug);
  if (!career) {
    const closest = (await apiServices(deps).searchIndex()).closest(slug);
    throw new ApiError('not-found', `no career "${slug}"`, { closest });
  }
  return career;
}

/** The two careers and their stored pair, or the 4xx that says why there is none. */
export async function loadPair(deps: ApiDeps, aSlug: string, bSlug: string) {
  const [a, b] = await Promise.all([requireCareer(deps, aSlug), requireCareer(deps, bSlug)]);
  if (a.id === b.id) throw new ApiError('invalid-request', 'compare two different careers');
  const stored = await apiServices(deps).pair(a.id, b.id);
  if (!stored) throw new ApiError('not-found', `the comparison of "${a.slug}" and "${b.slug}" is not computed yet; it is queued with their next recompute`);
  return { a, b, stored };
}

/** Runs `build`, answering 503 when the stored pair lags its careers' skills. */
export function unlessStale<T>(a: CareerWithMetrics, b: CareerWithMetrics, build: () => T): T {
  try {
    return build();
  } catch (err) {
    // Between a career's new metrics and its pairs' recompute, a stored pair can lag its careers' skills.
    if (err instanceof Error && /^stale comparison/.test(err.message)) {
      throw new ApiError('not-ready', `the comparison of "${a.slug}" and "${b.slug}" is being recomputed; retry in a few seconds`);
    }
    throw err;
  }
}

/** The comparison of two careers in the requested order, from the precomputed pair. */
export async function loadComparison(deps: ApiDeps, aSlug: string, bSlug: string) {
  const { a, b, stored } = await loadPair(deps, aSlug, bSlug);
  return unlessStale(a, b, () => buildComparison(a, b, stored));
}
