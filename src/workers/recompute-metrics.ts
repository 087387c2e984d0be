import type postgres from 'postgres';
import { rowsOf } from '../db/bulk.js';
import { contentHash } from '../core/stable-hash.js';

export interface MetricsResult {
  claimed: number;
  /** Careers whose metrics content changed (their pairs are now due). */
  changedCareerIds: number[];
}

/**
 * Drains careers marked for metric recomputation in one transaction: claims them (skipping
 * rows another worker holds), recomputes, writes only what changed, appends history, and marks
 * the changed ones for pair recomputation. A worker killed midway rolls back and loses nothing.
 */
export async function recomputeDirtyMetrics(sql: postgres.Sql, batchSize = 2_000): Promise<MetricsResult> {
  return sql.begin(async (tx) => {
    const claimed = await tx<{ career_id: number }[]>`
      delete from dirty_careers where stage = 'metrics' and career_id in (
        select career_id from dirty_careers where stage = 'metrics' order by career_id limit ${batchSize} for update skip locked)
      returning career_id`;
    if (claimed.length === 0) return { claimed: 0, changedCareerIds: [] };
    const ids = claimed.map((r) => r.career_id);
    const careers = await tx<{ id: number; slug: string; title: string; category: string }[]>`
      select id, slug, title, category from careers where id = any(${ids}::int[])`;
    const rows = careers.map((c) => {
      const metrics = { slug: c.slug, title: c.title, category: c.category };
      return { career_id: c.id, metrics: JSON.stringify(metrics), version: contentHash(metrics) };
    });
    const changed = rows.length === 0 ? [] : await tx<{ career_id: number }[]>`
      insert into career_metrics ${rowsOf(tx, rows, ['career_id', 'metrics', 'version'])}
      on conflict (career_id) do update set metrics = excluded.metrics, version = excluded.version,
        seq = nextval('change_seq'), computed_at = now()
      where career_metrics.version <> excluded.version
      returning career_id`;
    const changedIds = changed.map((r) => r.career_id);
    if (changedIds.length) {
      await tx`
        insert into metric_history (career_id, version, metrics, computed_at)
        select career_id, version, metrics, computed_at from career_metrics where career_id = any(${changedIds}::int[])
        on conflict do nothing`;
      await tx`insert into dirty_careers (career_id, stage) select unnest(${changedIds}::int[]), 'pairs' on conflict (stage, career_id) do update set marked_at = now()`;
    }
    return { claimed: ids.length, changedCareerIds: changedIds };
  }) as Promise<MetricsResult>;
}
