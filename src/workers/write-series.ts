/**
 * Writes careers' series by period (src/core/series.ts) in the metrics transaction: every
 * career's points are computed (kept per process while its facts are the same objects), and
 * only careers whose points' hash differs from the stored version are rewritten.
 */
import type { Tx } from '../db/client.js';
import { readSeriesVersions, rewriteCareerSeries } from '../db/queries/series.js';
import { careerSeries, demandSeries, sortPoints, type SeriesPoint } from '../core/series.js';
import { contentHash } from '../core/stable-hash.js';
import type { CareerFacts } from '../core/metrics/facts.js';

/** What a worker keeps between recomputes: each career's points with what they were computed from. */
export interface SeriesCache {
  /** The career's own points (OEWS, surveys, projections, postings) and the facts they came from. */
  own: Map<number, { facts: CareerFacts; points: SeriesPoint[] }>;
  /** Demand by period ranks every career: recomputed only when some career's wage observations changed. */
  demand: { wages: Map<number, CareerFacts['wages']>; byCareer: Map<string, SeriesPoint[]> };
  points: Map<number, { points: SeriesPoint[]; version: string }>;
}

/**
 * Every career's points. A career whose facts are the same objects as last time keeps its own
 * points; demand is recomputed only when a career's wages changed; a career keeps its version
 * when neither part changed.
 */
export function computeSeries(facts: Map<number, CareerFacts>, prev: SeriesCache | undefined): SeriesCache {
  const sameWages = prev !== undefined && prev.demand.wages.size === facts.size && [...facts].every(([id, f]) => prev.demand.wages.get(id) === f.wages);
  const demand = sameWages ? prev.demand : { wages: new Map([...facts].map(([id, f]) => [id, f.wages])), byCareer: demandSeries([...facts.values()]) };
  const own = new Map<number, { facts: CareerFacts; points: SeriesPoint[] }>();
  const points = new Map<number, { points: SeriesPoint[]; version: string }>();
  for (const [id, f] of facts) {
    const before = prev?.own.get(id);
    const mine = before && before.facts === f ? before : { facts: f, points: careerSeries(f) };
    own.set(id, mine);
    const last = prev?.points.get(id);
    if (last && mine === before && sameWages) {
      points.set(id, last);
      continue;
    }
    const list = sortPoints([...mine.points, ...(demand.byCareer.get(f.id) ?? [])]);
    points.set(id, { points: list, version: contentHash(list) });
  }
  return { own, demand, points };
}

/** Rewrites the points of careers whose version changed; answers how many careers were rewritten. */
export async function writeSeries(tx: Tx, series: SeriesCache): Promise<number> {
  const stored = await readSeriesVersions(tx);
  const changed = [...series.points].filter(([id, s]) => stored.get(id) !== s.version);
  if (changed.length === 0) return 0;
  await rewriteCareerSeries(tx, changed);
  return changed.length;
}
