import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { hostname } from 'node:os';
import type { Db } from '../client.js';
import { ingestRuns, sourceDocuments, sources, type RunStats, type RunStatus, type RunTrigger } from '../schema/sources.js';
import type { SourceDefinition } from '../../ingest/catalog.js';

export type SourceRow = typeof sources.$inferSelect;
export type RunRow = typeof ingestRuns.$inferSelect;

/**
 * Makes the sources table match the configured list: new sources are added, changed ones
 * updated (a schedule an operator set at run time is kept), removed ones deleted.
 * Returns the ids removed, so their schedules can be dropped.
 */
export async function syncSources(db: Db, defs: SourceDefinition[]): Promise<{ removed: string[] }> {
  return db.transaction(async (tx) => {
    const ids = defs.map((d) => d.id);
    const removed = await tx.delete(sources)
      .where(ids.length ? notInArray(sources.id, ids) : sql`true`)
      .returning({ id: sources.id });
    for (const d of defs) {
      await tx.insert(sources).values({ ...d }).onConflictDoUpdate({
        target: sources.id,
        set: {
          kind: d.kind, url: d.url, options: d.options,
          schedule: sql`case when ${sources.scheduleSetBy} = 'operator' then ${sources.schedule} else excluded.schedule end`,
          enabled: sql`case when ${sources.scheduleSetBy} = 'operator' then ${sources.enabled} else excluded.enabled end`,
          updatedAt: sql`now()`,
        },
      });
    }
    return { removed: removed.map((r) => r.id) };
  });
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(sources.id);
}

export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row;
}

/** Creates a queued run, or returns undefined when the source already has one queued or running. */
export async function createRun(db: Db, params: { sourceId: string; trigger: RunTrigger }): Promise<RunRow | undefined> {
  const [row] = await db.insert(ingestRuns).values({ ...params, status: 'queued' }).onConflictDoNothing().returning();
  return row;
}

export async function getRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(ingestRuns).where(eq(ingestRuns.id, id));
  return row;
}

/** The run of a source that is queued or running now, if any. */
export async function findActiveRun(db: Db, sourceId: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(ingestRuns)
    .where(and(eq(ingestRuns.sourceId, sourceId), inArray(ingestRuns.status, ['queued', 'running'])))
    .orderBy(desc(ingestRuns.id)).limit(1);
  return row;
}

export async function markRunRunning(db: Db, id: number): Promise<void> {
  await db.update(ingestRuns)
    .set({ status: 'running', startedAt: sql`now()`, error: null, worker: `${hostname()}:${process.pid}` })
    .where(eq(ingestRuns.id, id));
}

export async function finishRun(
  db: Db, params: { id: number; status: Extract<RunStatus, 'succeeded' | 'unchanged' | 'failed'>; stats: Partial<RunStats>; error?: string | null },
): Promise<void> {
  await db.update(ingestRuns)
    .set({ status: params.status, stats: params.stats, error: params.error ?? null, finishedAt: sql`now()` })
    .where(eq(ingestRuns.id, params.id));
}

export type DocumentValidators = typeof sourceDocuments.$inferSelect;

export async function getDocumentValidators(db: Db, sourceId: string): Promise<Map<string, DocumentValidators>> {
  const rows = await db.select().from(sourceDocuments).where(eq(sourceDocuments.sourceId, sourceId));
  return new Map(rows.map((r) => [r.url, r]));
}
