import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { ingestRuns, type RunStatus, type RunTrigger } from '../schema/sources.js';
import type { RunRow } from './sources.js';

export interface RunFilter {
  sourceId?: string;
  status?: RunStatus;
  trigger?: RunTrigger;
  /** Runs queued at or after this time. */
  since?: Date;
  /** Runs with an id below this one (the cursor of the previous page). */
  beforeId?: number;
  /** Page size, 1–200. */
  limit: number;
}

/** One page of run history, newest first; `nextCursor` is set when more runs follow. */
export async function listRunHistory(db: Db, f: RunFilter): Promise<{ items: RunRow[]; nextCursor: number | null }> {
  const where: SQL[] = [];
  if (f.sourceId) where.push(eq(ingestRuns.sourceId, f.sourceId));
  if (f.status) where.push(eq(ingestRuns.status, f.status));
  if (f.trigger) where.push(eq(ingestRuns.trigger, f.trigger));
  if (f.since) where.push(gte(ingestRuns.queuedAt, f.since));
  if (f.beforeId) where.push(lt(ingestRuns.id, f.beforeId));
  const rows = await db
    .select()
    .from(ingestRuns)
    .where(and(...where))
    .orderBy(desc(ingestRuns.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  return { items, nextCursor: rows.length > f.limit ? items[items.length - 1]!.id : null };
}

/** The latest finished run of each source (succeeded, unchanged or failed). */
export async function latestFinishedRunPerSource(db: Db): Promise<Map<string, RunRow>> {
  const rows = await db
    .selectDistinctOn([ingestRuns.sourceId])
    .from(ingestRuns)
    .where(sql`${ingestRuns.status} not in ('queued', 'running')`)
    .orderBy(ingestRuns.sourceId, desc(ingestRuns.id));
  return new Map(rows.map((r) => [r.sourceId, r]));
}

/**
 * The last time each source's data was confirmed current: a run that wrote data or found it
 * unchanged (an unchanged run is as fresh as a successful one).
 */
export async function lastSuccessPerSource(db: Db): Promise<Map<string, Date>> {
  const rows = await db
    .select({ sourceId: ingestRuns.sourceId, at: sql<string>`max(${ingestRuns.finishedAt})` })
    .from(ingestRuns)
    .where(sql`${ingestRuns.status} in ('succeeded', 'unchanged')`)
    .groupBy(ingestRuns.sourceId);
  return new Map(rows.filter((r) => r.at).map((r) => [r.sourceId, new Date(r.at)]));
}

/** Runs queued or running now, for the console's live progress. */
export async function listActiveRuns(db: Db): Promise<RunRow[]> {
  return db.select().from(ingestRuns).where(sql`${ingestRuns.status} in ('queued', 'running')`).orderBy(desc(ingestRuns.id));
}
