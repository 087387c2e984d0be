/**
 * Skills and knowledge by importance and level (O*NET's ratings). An occupation O*NET does not
 * rate (Software Developers and Data Scientists in 29.0) borrows the ratings of its closest rated
 * occupation — among its rated related occupations of the best tier, the one sharing the most
 * technology (see closestRated) — and the figure says so (`estimatedFrom`); a career-page career borrows those of its closest O*NET
 * career. Without either, the figure is missing with the reason, never an empty list.
 */
import { borrowed, known, missing, roundTo } from './figure.js';
import type { CareerFacts, EstimateOrigin, Figure, OnetProfile, RatedItem } from './types.js';
import type { RatingsObservation } from './facts.js';

/** Most important first; equal importance: higher level, then name. */
export function byImportance(x: RatedItem, y: RatedItem): number {
  return y.importance - x.importance || y.level - x.level || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
}

/** Ranked items per observation: every recompute and every career borrowing them share one list. */
const ranked = new WeakMap<RatingsObservation, RatedItem[]>();

function ownRatings(f: CareerFacts): Figure<RatedItem[]> | null {
  const r = f.ratings;
  if (!r || r.elements.length === 0) return null;
  let items = ranked.get(r);
  if (!items) {
    // Elements already at shown precision keep their objects (the worker assembles them so); others are rounded.
    items = r.elements
      .map(
        (e): RatedItem =>
          e.importance === roundTo(e.importance, 1) && e.level === roundTo(e.level, 1)
            ? e
            : { id: e.id, name: e.name, domain: e.domain, importance: roundTo(e.importance, 1), level: roundTo(e.level, 1) },
      )
      .sort(byImportance);
    ranked.set(r, items);
  }
  return known(items, r, 'onet-ratings');
}

const originOf = (f: CareerFacts): EstimateOrigin => ({ slug: f.slug, title: f.title, onetCode: f.onetCode });

/** The career's ranked ratings: its own, else the rated occupation it borrows from, else missing. */
export function computeSkillRatings(facts: CareerFacts): Figure<RatedItem[]> {
  const own = ownRatings(facts);
  if (own) return own;
  const from = facts.ratingsFrom;
  const theirs = from ? ownRatings(from) : null;
  if (from && theirs) return borrowed(theirs, originOf(from));
  return missing(
    facts.origin === 'onet'
      ? 'O*NET does not rate the skills and knowledge of this occupation, and none of its related occupations is rated'
      : 'no O*NET occupation close enough to this career has skill and knowledge ratings',
  );
}

/** Code, Job Zone and related occupations of an O*NET career; null for a career without a code. */
export function onetProfileOf(facts: CareerFacts): OnetProfile | null {
  if (!facts.onetCode) return null;
  return { code: facts.onetCode, jobZone: facts.preparation?.jobZone ?? null, related: facts.relatedOccupations ?? [] };
}

const TIER_ORDER = ['Primary-Short', 'Primary-Long', 'Supplemental'];

/** Jaccard overlap of two careers' O*NET technology examples (0 when either lists none). */
function technologyOverlap(a: CareerFacts, b: CareerFacts): number {
  if (!a.technologySkills.length || !b.technologySkills.length) return 0;
  const mine = new Set(a.technologySkills.map((t) => t.name));
  const theirs = new Set(b.technologySkills.map((t) => t.name));
  let shared = 0;
  for (const t of theirs) if (mine.has(t)) shared++;
  return shared / (mine.size + theirs.size - shared);
}

/**
 * The rated occupation an unrated one borrows from: among its related occupations that O*NET
 * rates, those of the best tier (Primary-Short, then Primary-Long, then Supplemental); of these
 * the one sharing the most of its technology examples (Jaccard), O*NET's rank breaking ties.
 * Without a rated related occupation, a rated one under the same 6-digit SOC code.
 */
export function closestRated(facts: CareerFacts, byCode: ReadonlyMap<string, CareerFacts>): CareerFacts | undefined {
  const rank = (t: string) => {
    const i = TIER_ORDER.indexOf(t);
    return i < 0 ? TIER_ORDER.length : i;
  };
  const rated = (facts.relatedOccupations ?? [])
    .map((r, i) => ({ f: byCode.get(r.code), tier: rank(r.tier), i }))
    .filter((c): c is { f: CareerFacts; tier: number; i: number } => Boolean(c.f?.ratings?.elements.length));
  if (rated.length) {
    const best = Math.min(...rated.map((c) => c.tier));
    const scored = rated.filter((c) => c.tier === best).map((c) => ({ ...c, overlap: technologyOverlap(facts, c.f) }));
    scored.sort((x, y) => y.overlap - x.overlap || x.i - y.i);
    return scored[0]!.f;
  }
  const soc = facts.onetCode?.slice(0, 7);
  if (!soc) return undefined;
  return [...byCode.values()].filter((f) => f.onetCode?.startsWith(soc) && f.ratings?.elements.length).sort((x, y) => (x.onetCode! < y.onetCode! ? -1 : 1))[0];
}
