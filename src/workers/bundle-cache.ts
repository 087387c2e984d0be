import type { SqlOrTx as Sql } from '../db/client.js';
import { onetAliasesDigest, readCareers, readFactFingerprints, readFacts, type CareerRow } from '../db/queries/facts.js';
import { assembleCareer, attachEstimates, closestOnetCareers, groupFacts, skillKeysOf, type CareerBundle } from './assemble-facts.js';
import { attachRatingEstimates } from './rating-estimates.js';

interface CachedCareer {
  /** The careers row, as text: a renamed career is assembled again. */
  row: string;
  /** Fingerprint of the career's facts (source, kind, key, period, hash, updated_at of each). */
  facts: string;
  bundle: CareerBundle;
}

/**
 * Assembled careers of one worker process, kept between metric recomputes. Assembling every
 * career reads about 3,600 fact rows (2 MB of technology skills and preparation tables) and
 * rebuilds the skill taxonomy: about 0.5 s, most of a one-career event's budget. With the cache
 * only careers whose facts fingerprint or careers row changed are read and assembled again;
 * the taxonomy (built from every career's technology skills) only when one of those changed.
 */
export interface BundleCache {
  /** Fingerprint of every technology-skills fact; the taxonomy and every skill list depend on it. */
  techKey: string;
  keyOf: (label: string) => string[];
  careers: Map<number, CachedCareer>;
  /** Closest O*NET career of each page career, for the career set and aliases of `key`. */
  estimates: { key: string; closest: Map<number, number> };
}

export interface CachedBundles {
  bundles: Map<number, CareerBundle>;
  /** Careers read and assembled by this call (every career on a full load). */
  assembled: number;
  full: boolean;
}

const rowKey = (c: CareerRow) => `${c.slug}\u0001${c.title}\u0001${c.category}\u0001${c.origin}\u0001${c.onet_code ?? ''}`;

/** Key of what the page → occupation matching reads: O*NET careers' titles and their aliases. */
async function estimatesKey(sql: Sql, careers: readonly CareerRow[]): Promise<string> {
  if (!careers.some((c) => c.origin === 'career-page')) return 'no-pages';
  return `${await onetAliasesDigest(sql)}:${careers.map((c) => `${c.id} ${rowKey(c)}`).join('|')}`;
}

/**
 * The assembled bundles of every career, the same as `loadCareerBundles` returns, reading
 * again only what changed since `cache` was filled (no cache, or a changed technology skill:
 * everything). Bundles of unchanged careers are the same objects as last time, so callers can
 * reuse what they derived from them. Returns the cache to keep for the next call.
 */
export async function loadCareerBundlesCached(sql: Sql, cache: BundleCache | null): Promise<CachedBundles & { cache: BundleCache }> {
  const careers = await readCareers(sql);
  const prints = await readFactFingerprints(sql);
  const techKey = careers.map((c) => prints.get(c.id)?.tech ?? '').join('\n');
  const full = !cache || cache.techKey !== techKey;
  const previous = full ? new Map<number, CachedCareer>() : cache.careers;
  const due = careers.filter((c) => {
    const hit = previous.get(c.id);
    return !hit || hit.row !== rowKey(c) || hit.facts !== (prints.get(c.id)?.facts ?? '');
  });
  const rows = due.length === 0 ? [] : await readFacts(sql, full ? null : due.map((c) => c.id));
  const keyOf = full ? skillKeysOf(rows) : cache.keyOf;
  const byCareer = groupFacts(rows);
  const next = new Map<number, CachedCareer>();
  for (const c of careers) {
    const hit = previous.get(c.id);
    const fp = prints.get(c.id)?.facts ?? '';
    const fresh = !hit || hit.row !== rowKey(c) || hit.facts !== fp;
    next.set(c.id, fresh ? { row: rowKey(c), facts: fp, bundle: assembleCareer(c, byCareer.get(c.id) ?? [], keyOf) } : hit);
  }
  const bundles = new Map([...next].map(([id, c]) => [id, c.bundle]));
  const eKey = await estimatesKey(sql, careers);
  const closest = !full && cache.estimates.key === eKey ? cache.estimates.closest : await closestOnetCareers(sql, careers);
  attachEstimates(bundles, closest);
  attachRatingEstimates(bundles);
  return {
    bundles,
    assembled: due.length,
    full,
    cache: { techKey, keyOf, careers: next, estimates: { key: eKey, closest } },
  };
}
