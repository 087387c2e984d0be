/**
 * Writes careers' series by period (src/core/series.ts) in the metrics transaction: every
 * career's points are computed (kept per process while its facts are the same objects), and
 * only careers whose points' hash differs from the stored version are rewritten.
 */
import type postgres from 'postgres';
import { careerSeries, demandSeries, sortPoints, type SeriesPoint } from '../core/series.js';
import { contentHash } from '../core/stable-hash.js';
import type { CareerFacts } from '../core/metrics/facts.js';
import { rowsOf } from '../db/bulk.js';

/** What a worker keeps between recomputes: the facts each career's points were computed from. */
export interface SeriesCache {
  facts: Map<number, CareerFacts>;
  points: Map<number, { points: SeriesPoint[]; version: string }>;
}

/** Every career's points, reusing last time's when no career's facts changed (demand ranks across careers). */
export function computeSeries(facts: Map<number, CareerFacts>, prev: SeriesCache | undefined): SeriesCache {
  const same = prev && prev.facts.size === facts.size && [...facts].every(([id, f]) => prev.facts.get(id) === f);
  if (same) return prev;
  const demand = demandSeries([...facts.values()]);
  const points = new Map<number, { points: SeriesPoint[]; version: string }>();
  for (const [id, f] of facts) {
    const list = sortPoints([...careerSeries(f), ...(demand.get(f.id) ?? [])]);
    points.set(id, { points: list, version: contentHash(list) });
  }
  return { facts: new Map(facts), points };
}

/** Rewrites the points of careers whose version changed; answers how many careers were rewritten. */
export async function writeSeries(tx: postgres.TransactionSql, series: SeriesCache): Promise<number> {
  const stored = new Map((await tx<{ career_id: number; version: string }[]>`select career_id, version from career_series`).map((r) => [r.career_id, r.version]));
  const changed = [...series.points].filter(([id, s]) => stored.get(id) !== s.version);
  if (changed.length === 0) return 0;
  const ids = changed.map(([id]) => id);
  await tx`delete from series_points where career_id = any(${ids}::int[])`;
  const rows = changed.flatMap(([id, s]) => s.points.map((p) => ({
    career_id: id, metric: p.metric, series: p.series, period: p.period, period_start: p.periodStart, value: p.value, bound: p.bound, source: p.source, note: JSON.stringify(p.note),
  })));
  const cols = ['career_id', 'metric', 'series', 'period', 'period_start', 'value', 'bound', 'source', 'note'];
  for (let i = 0; i < rows.length; i += 5_000) await tx`insert into series_points ${rowsOf(tx, rows.slice(i, i + 5_000), cols)}`;
  const versions = changed.map(([id, s]) => ({ career_id: id, version: s.version }));
  await tx`
    insert into career_series ${rowsOf(tx, versions, ['career_id', 'version'])}
    on conflict (career_id) do update set version = excluded.version, updated_at = now()`;
  return changed.length;
}
