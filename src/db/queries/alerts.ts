import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { redactText } from '../../core/redact.js';
import type { Db } from '../client.js';
import { opsAlerts } from '../schema/audit.js';

export type AlertRow = typeof opsAlerts.$inferSelect;

/**
 * Raises an alert once: the unique indexes (one per failed run, one open stale alert per source)
 * make concurrent scheduler processes raise it exactly once. Returns the row only when new.
 */
export async function raiseAlert(db: Db, a: { kind: AlertRow['kind']; sourceId: string; runId?: number; message: string }): Promise<AlertRow | undefined> {
  const [row] = await db
    .insert(opsAlerts)
    .values({ kind: a.kind, sourceId: a.sourceId, runId: a.runId ?? null, message: redactText(a.message) })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Closes the open stale alert of a source that is fresh again. */
export async function resolveStaleAlert(db: Db, sourceId: string): Promise<void> {
  await db
    .update(opsAlerts)
    .set({ resolvedAt: sql`now()` })
    .where(and(eq(opsAlerts.sourceId, sourceId), eq(opsAlerts.kind, 'source-stale'), isNull(opsAlerts.resolvedAt)));
}

/** Recent alerts, open ones first. */
export async function listAlerts(db: Db, params: { limit?: number } = {}): Promise<AlertRow[]> {
  return db
    .select()
    .from(opsAlerts)
    .orderBy(sql`${opsAlerts.resolvedAt} is not null`, desc(opsAlerts.id))
    .limit(params.limit ?? 20);
}

/** Failed runs finished since `since` that have no alert yet. */
export async function failedRunsWithoutAlert(db: Db, since: Date): Promise<{ id: number; sourceId: string; error: string | null }[]> {
  const rows = await db.$client<{ id: string; source_id: string; error: string | null }[]>`
    select r.id, r.source_id, r.error from ingest_runs r
    where r.status = 'failed' and r.finished_at >= ${since.toISOString()}::timestamptz
      and not exists (select 1 from ops_alerts a where a.kind = 'run-failed' and a.run_id = r.id)
    order by r.id`;
  return rows.map((r) => ({ id: Number(r.id), sourceId: r.source_id, error: r.error }));
}
