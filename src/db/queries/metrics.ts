/**
 * Careers' metrics and the marks that make them due: the metrics recompute's transaction and
 * its statements (the workers compute; these functions read and write), and the marks the
 * operators' recomputes set.
 */
import type { Db, Sql, Tx } from '../client.js';
import { rowsOf } from '../bulk.js';

/**
 * Runs `fn` in one transaction holding the metrics lock exclusively: one recompute at a time,
 * and pair writes (which take it shared) wait until the new metrics are committed.
 */
export async function inMetricsTransaction<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('careerlens:metrics'))`;
    return fn(tx);
  }) as Promise<T>;
}

/** Consumes the `metrics` marks: the careers whose facts changed since the last recompute. */
export async function claimMetricMarks(tx: Tx): Promise<{ career_id: number }[]> {
  return tx<{ career_id: number }[]>`delete from dirty_careers where stage = 'metrics' returning career_id`;
}

/** The stored metrics version of every career. */
export async function readMetricVersions(tx: Tx): Promise<Map<number, string>> {
  return new Map((await tx<{ career_id: number; version: string }[]>`select career_id, version from career_metrics`).map((r) => [r.career_id, r.version]));
}

/** A career's metrics row to store (metrics and skills as JSON text). */
export interface MetricsRow {
  career_id: number;
  metrics: string;
  skills: string;
  version: string;
}

/** Writes the rows whose version differs from the stored one (500 per statement); answers the careers written. */
export async function upsertCareerMetrics(tx: Tx, rows: readonly MetricsRow[]): Promise<number[]> {
  const changed: { career_id: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    changed.push(
      ...(await tx<{ career_id: number }[]>`
        insert into career_metrics ${rowsOf(tx, rows.slice(i, i + 500), ['career_id', 'metrics', 'skills', 'version'])}
        on conflict (career_id) do update set metrics = excluded.metrics, skills = excluded.skills, version = excluded.version,
          seq = nextval('change_seq'), txid = pg_current_xact_id(), computed_at = now()
        where career_metrics.version <> excluded.version
        returning career_id`),
    );
  }
  return changed.map((r) => r.career_id);
}

/** Appends the careers' new metrics to their history and marks their pairs due. */
export async function recordChangedMetrics(tx: Tx, changedIds: readonly number[]): Promise<void> {
  await tx`
        insert into metric_history (career_id, version, metrics, computed_at)
        select career_id, version, metrics, computed_at from career_metrics where career_id = any(${changedIds as number[]}::int[])
        on conflict do nothing`;
  await tx`insert into dirty_careers (career_id, stage) select unnest(${changedIds as number[]}::int[]), 'pairs' on conflict (stage, career_id) do update set marked_at = now()`;
}

/** Marks every career's pairs due (an operator's recompute-all). */
export async function markAllCareersForPairs(db: Db): Promise<void> {
  await db.$client`insert into dirty_careers (career_id, stage) select id, 'pairs' from careers on conflict (stage, career_id) do update set marked_at = now()`;
}

/** Marks one career's metrics and pairs due (an operator's recompute of that career). */
export async function markCareerForRecompute(db: Db, careerId: number): Promise<void> {
  await db.$client`insert into dirty_careers (career_id, stage) values (${careerId}, 'metrics'), (${careerId}, 'pairs')
      on conflict (stage, career_id) do update set marked_at = now()`;
}

/** Marks older than `graceMs`, per stage: the careers (ascending) and the oldest mark's time as text. */
export async function marksOlderThan(db: Db, graceMs: number): Promise<{ stage: string; ids: number[]; oldest: string }[]> {
  return db.$client<{ stage: string; ids: number[]; oldest: string }[]>`
    select stage, array_agg(career_id order by career_id) as ids, min(marked_at)::text as oldest from dirty_careers
    where marked_at < now() - ${graceMs} * interval '1 millisecond' group by stage`;
}

/** Careers marked for recomputation, both stages. */
export async function countMarkedCareers(db: Db): Promise<number> {
  const [row] = await db.$client<{ n: number }[]>`select count(*)::int as n from dirty_careers`;
  return row!.n;
}
