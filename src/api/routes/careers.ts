import { Hono } from 'hono';
import { closestCareers, findCareer, getStoredComparison } from '../../db/queries/careers.js';
import { ApiError } from '../errors.js';
import type { AppEnv, ApiDeps } from '../context.js';
import { buildComparison } from '../comparison-view.js';

const SLUG = /^[a-z0-9][a-z0-9.-]{0,120}$/;

/** Loads a career by slug or code, or answers 404 with the closest matches. */
export async function requireCareer(deps: ApiDeps, slug: string) {
  if (!SLUG.test(slug)) throw new ApiError('invalid-request', 'a career is named by its slug (a-z, 0-9, -) or O*NET-SOC code');
  const career = await findCareer(deps.db, slug);
  if (!career) {
    const closest = await closestCareers(deps.db, slug);
    throw new ApiError('not-found', `no career "${slug}"`, { closest });
  }
  return career;
}

export const careerRoutes = new Hono<AppEnv>()
  .get('/careers/:slug', async (c) => {
    const career = await requireCareer(c.get('deps'), c.req.param('slug'));
    return c.json(career);
  });

export const compareRoutes = new Hono<AppEnv>()
  .get('/compare/:a/:b', async (c) => {
    const deps = c.get('deps');
    const comparison = await loadComparison(deps, c.req.param('a'), c.req.param('b'));
    return c.json(comparison);
  });

/** The comparison of two careers in the requested order, from the precomputed pair. */
export async function loadComparison(deps: ApiDeps, aSlug: string, bSlug: string) {
  const [a, b] = await Promise.all([requireCareer(deps, aSlug), requireCareer(deps, bSlug)]);
  if (a.id === b.id) throw new ApiError('invalid-request', 'compare two different careers');
  const stored = await getStoredComparison(deps.db, a.id, b.id);
  if (!stored) throw new ApiError('not-found', `the comparison of "${a.slug}" and "${b.slug}" is not computed yet; it is queued with their next recompute`);
  return buildComparison(a, b, stored);
}
