import { createHash } from 'node:crypto';
import type { Sql } from '../db/client.js';
import { claimMetricMarks, inMetricsTransaction, readMetricVersions, recordChangedMetrics, upsertCareerMetrics } from '../db/queries/metrics.js';
import { notifyCareersChanged } from '../db/queries/changes.js';
import { stableStringify } from '../core/stable-hash.js';
import { computeCareerMetrics, computePopulationStats, type PopulationStats } from '../core/metrics/index.js';
import type { CareerFacts } from '../core/metrics/facts.js';
import type { CareerMetrics } from '../core/metrics/types.js';
import type { SkillInput } from '../core/compare/types.js';
import type { CareerBundle } from './assemble-facts.js';
import { loadCareerBundlesCached, type BundleCache } from './bundle-cache.js';
import { computeSeries, writeSeries, type SeriesCache } from './write-series.js';

export interface MetricsResult {
  /** Marks consumed (careers whose facts changed). */
  claimed: number;
  /** Careers whose metrics content changed (their pairs are now due). */
  changedCareerIds: number[];
}

/** A career's metrics as last computed by this process, with what they were computed from. */
interface ComputedCareer {
  facts: CareerFacts;
  from: CareerFacts | undefined;
  /** The rated occupation whose ratings it borrowed. */
  ratingsFrom: CareerFacts | undefined;
  skills: SkillInput[];
  /** Stable JSON of the skills (the bulk of the version's input). */
  skillsJson: string;
  metrics: CareerMetrics;
  version: string;
}

/** What a worker process keeps between recomputes (per database client). */
interface MetricsCache {
  bundles: BundleCache | null;
  population: string;
  computed: Map<number, ComputedCareer>;
  series?: SeriesCache;
}
const caches = new WeakMap<Sql, MetricsCache>();

/** Everything the percentiles read, as text: equal text = every career's percentiles unchanged. */
function populationKey(p: PopulationStats): string {
  const parts: string[] = [String(p.careers)];
  for (const [name, values] of [...Object.entries(p.signals), ...Object.entries(p.exposureScores)]) parts.push(`${name}:${Array.from(values).join(',')}`);
  return parts.join('\n');
}

/** `contentHash({ identity, metrics, skills })` with the skills' stable JSON already made. */
export function metricsVersion(identity: { slug: string; title: string; category: string | null }, metrics: CareerMetrics, skillsJson: string): string {
  const text = `{"identity":${stableStringify(identity)},"metrics":${stableStringify(metrics)},"skills":${skillsJson}}`;
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/**
 * Every career's metrics from its bundle; a career whose bundle, estimate source and the
 * population are all as last time keeps its previous result without computing.
 */
function computeAll(
  bundles: Map<number, CareerBundle>,
  prev: MetricsCache | undefined,
  popKey: string,
  population: PopulationStats,
): Map<number, ComputedCareer> {
  const out = new Map<number, ComputedCareer>();
  for (const [id, b] of bundles) {
    const old = prev?.computed.get(id);
    if (
      old &&
      prev!.population === popKey &&
      old.facts === b.facts &&
      old.from === b.facts.estimatedFrom &&
      old.ratingsFrom === b.facts.ratingsFrom &&
      old.skills === b.skills
    ) {
      out.set(id, old);
      continue;
    }
    const metrics = computeCareerMetrics(b.facts, population);
    const skillsJson = old && old.skills === b.skills ? old.skillsJson : stableStringify(b.skills);
    const identity = { slug: b.facts.slug, title: b.facts.title, category: b.facts.category };
    out.set(id, {
      facts: b.facts,
      from: b.facts.estimatedFrom,
      ratingsFrom: b.facts.ratingsFrom,
      skills: b.skills,
      skillsJson,
      metrics,
      version: metricsVersion(identity, metrics, skillsJson),
    });
  }
  return out;
}

/**
 * Fills this process's cache without writing anything, so the first event after a worker starts
 * does not read and assemble every career (about 0.7 s for the O*NET ingest). Any state the
 * cache holds is safe: entries are keyed by what they were computed from.
 */
export async function warmMetricsCache(sql: Sql): Promise<void> {
  if (caches.has(sql) || warming.has(sql)) return;
  const warm = (async () => {
    const loaded = await loadCareerBundlesCached(sql, null);
    const population = computePopulationStats([...loaded.bundles.values()].map((b) => b.facts));
    const popKey = populationKey(population);
    if (!caches.has(sql)) caches.set(sql, { bundles: loaded.cache, population: popKey, computed: computeAll(loaded.bundles, undefined, popKey, population) });
  })();
  warming.set(
    sql,
    warm.catch(() => {}),
  );
  await warm;
}
/** A warm-up in flight: a recompute waits for it rather than reading everything a second time. */
const warming = new WeakMap<Sql, Promise<void>>();

/**
 * Consumes the `metrics` marks and recomputes every career's metrics in one transaction.
 * Demand is normalized across all careers, so one career's new facts can move others'
 * percentiles: computing all keeps every figure consistent. The work that does not depend on
 * the change is kept in the worker process: careers' assembled facts (read again only when
 * their facts or careers row changed, see bundle-cache.ts) and their metrics (computed again
 * only when their facts or the population changed). Only careers whose version differs from
 * the stored one are written, appended to history and marked for pairs. `all` starts from
 * nothing (an operator's recompute-all). A burst of events finds the marks already consumed and
 * does nothing; a worker killed midway rolls back and loses nothing.
 */
export async function recomputeDirtyMetrics(sql: Sql, opts: { all?: boolean } = {}): Promise<MetricsResult> {
  if (!opts.all) await warming.get(sql);
  const prev = opts.all ? undefined : caches.get(sql);
  return inMetricsTransaction(sql, async (tx): Promise<MetricsResult> => {
    const claimed = await claimMetricMarks(tx);
    if (claimed.length === 0 && !opts.all) return { claimed: 0, changedCareerIds: [] };
    const loaded = await loadCareerBundlesCached(tx, prev?.bundles ?? null);
    const population = computePopulationStats([...loaded.bundles.values()].map((b) => b.facts));
    const popKey = populationKey(population);
    const computed = computeAll(loaded.bundles, prev, popKey, population);
    const series = computeSeries(new Map([...loaded.bundles].map(([id, b]) => [id, b.facts])), prev?.series);
    caches.set(sql, { bundles: loaded.cache, population: popKey, computed, series });
    const seriesChanged = await writeSeries(tx, series);

    const stored = await readMetricVersions(tx);
    const rows = [...computed]
      .filter(([id, c]) => stored.get(id) !== c.version)
      .map(([id, c]) => ({ career_id: id, metrics: JSON.stringify(c.metrics), skills: JSON.stringify(c.skills), version: c.version }));
    const changedIds = await upsertCareerMetrics(tx, rows);
    if (seriesChanged && !changedIds.length) await notifyCareersChanged(tx);
    if (changedIds.length) {
      await recordChangedMetrics(tx, changedIds);
      await notifyCareersChanged(tx);
    }
    return { claimed: claimed.length, changedCareerIds: changedIds };
  });
}
