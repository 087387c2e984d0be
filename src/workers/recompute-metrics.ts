import type postgres from 'postgres';
import { contentHash } from '../core/stable-hash.js';
import { computeCareerMetrics, computePopulationStats } from '../core/metrics/index.js';
import { rowsOf } from '../db/bulk.js';
import { loadCareerBundles } from './assemble-facts.js';

export interface MetricsResult {
  /** Marks consumed (careers whose facts changed). */
  claimed: number;
  /** Careers whose metrics content changed (their pairs are now due). */
  changedCareerIds: number[];
}

/**
 * Consumes the `metrics` marks and recomputes every career's metrics in one transaction.
 * Demand is normalized across all careers, so one career's new facts can move others'
 * percentiles: computing all (about 1 s for 1,000 careers) keeps every figure consistent, and
 * only careers whose content changed are rewritten, appended to history and marked for pairs.
 * A burst of events finds the marks already consumed and does nothing; a worker killed
 * midway rolls back and loses nothing.
 */
export async function recomputeDirtyMetrics(sql: postgres.Sql, opts: { all?: boolean } = {}): Promise<MetricsResult> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('careerlens:metrics'))`;
    const claimed = await tx<{ career_id: number }[]>`delete from dirty_careers where stage = 'metrics' returning career_id`;
    if (claimed.length === 0 && !opts.all) return { claimed: 0, changedCareerIds: [] };
    const bundles = await loadCareerBundles(tx);
    const population = computePopulationStats([...bundles.values()].map((b) => b.facts));
    const rows = [...bundles.entries()].map(([id, b]) => {
      const metrics = computeCareerMetrics(b.facts, population);
      const identity = { slug: b.facts.slug, title: b.facts.title, category: b.facts.category };
      return { career_id: id, metrics: JSON.stringify(metrics), skills: JSON.stringify(b.skills), version: contentHash({ identity, metrics, skills: b.skills }) };
    });
    const changed: { career_id: number }[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      changed.push(...await tx<{ career_id: number }[]>`
        insert into career_metrics ${rowsOf(tx, rows.slice(i, i + 500), ['career_id', 'metrics', 'skills', 'version'])}
        on conflict (career_id) do update set metrics = excluded.metrics, skills = excluded.skills, version = excluded.version,
          seq = nextval('change_seq'), computed_at = now()
        where career_metrics.version <> excluded.version
        returning career_id`);
    }
    const changedIds = changed.map((r) => r.career_id);
    if (changedIds.length) {
      await tx`
        insert into metric_history (career_id, version, metrics, computed_at)
        select career_id, version, metrics, computed_at from career_metrics where career_id = any(${changedIds}::int[])
        on conflict do nothing`;
      await tx`insert into dirty_careers (career_id, stage) select unnest(${changedIds}::int[]), 'pairs' on conflict (stage, career_id) do update set marked_at = now()`;
      await tx`select pg_notify('careerlens_changes', 'careers')`;
    }
    return { claimed: claimed.length, changedCareerIds: changedIds };
  }) as Promise<MetricsResult>;
}
