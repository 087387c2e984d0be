import { and, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import { redactText } from '../../core/redact.js';
import { hostname } from 'node:os';
import type { Db } from '../client.js';
import { careersFingerprintQuery } from './write-batch.js';
import {
  ingestRuns,
  rawDocuments,
  sourceDocuments,
  sources,
  type RunStats,
  type RunStatus,
  type RunTrigger,
  type Schedule,
  type SourceDefinition,
} from '../schema/sources.js';

export type SourceRow = typeof sources.$inferSelect;
export type RunRow = typeof ingestRuns.$inferSelect;

/** Thrown when a source list would delist every source (an empty or unreadable list). */
export class EmptySourceListError extends Error {
  override name = 'EmptySourceListError';
}

/**
 * Makes the sources table follow the configured list: new sources are added, changed ones
 * updated (a schedule an operator set at run time is kept), and sources missing from the list
 * are delisted, never deleted: they stop running, their data stays, and listing them again
 * brings them back as they were. An empty list is refused (a typo must not silence everything).
 * Returns the ids delisted now and those listed again, so their schedules follow.
 */
export async function syncSources(db: Db, defs: SourceDefinition[]): Promise<{ delisted: string[]; relisted: string[] }> {
  if (defs.length === 0) throw new EmptySourceListError('the source list is empty: refusing to delist every source (give at least one source)');
  return db.transaction(async (tx) => {
    const ids = defs.map((d) => d.id);
    const delisted = await tx
      .update(sources)
      .set({ delistedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(notInArray(sources.id, ids), isNull(sources.delistedAt)))
      .returning({ id: sources.id });
    const relisted = await tx
      .select({ id: sources.id })
      .from(sources)
      .where(and(inArray(sources.id, ids), isNotNull(sources.delistedAt)));
    for (const d of defs) {
      await tx
        .insert(sources)
        .values({ ...d })
        .onConflictDoUpdate({
          target: sources.id,
          set: {
            kind: d.kind,
            url: d.url,
            options: d.options,
            delistedAt: null,
            schedule: sql`case when ${sources.scheduleSetBy} = 'operator' then ${sources.schedule} else excluded.schedule end`,
            enabled: sql`case when ${sources.scheduleSetBy} = 'operator' then ${sources.enabled} else excluded.enabled end`,
            updatedAt: sql`now()`,
          },
        });
    }
    return { delisted: delisted.map((r) => r.id), relisted: relisted.map((r) => r.id) };
  });
}

/** True when the source runs on its schedule: enabled by the operator and still listed. */
export const isSourceActive = (s: Pick<SourceRow, 'enabled' | 'delistedAt'>): boolean => s.enabled && !s.delistedAt;

/** What a purge deleted: the source's facts, archived documents and runs. */
export interface PurgeCounts {
  facts: number;
  documents: number;
  runs: number;
  careers: number[];
}

/**
 * Deletes a source and everything it wrote (facts, documents, runs cascade) in one transaction,
 * and marks the careers whose facts went for metric recomputation. The caller audits it.
 */
export async function purgeSource(db: Db, id: string): Promise<PurgeCounts | undefined> {
  return db.$client.begin(async (tx) => {
    const [counts] = await tx<{ facts: number; documents: number; runs: number; careers: number[] | null }[]>`
      select (select count(*)::int from facts where source_id = ${id}) as facts,
        (select count(*)::int from raw_documents where source_id = ${id}) as documents,
        (select count(*)::int from ingest_runs where source_id = ${id}) as runs,
        (select array_agg(distinct career_id order by career_id) from facts where source_id = ${id}) as careers`;
    const gone = await tx`delete from sources where id = ${id} returning id`;
    if (gone.length === 0) return undefined;
    const careers = counts!.careers ?? [];
    if (careers.length) await tx`insert into dirty_careers (career_id, stage) select unnest(${careers}::int[]), 'metrics' on conflict do nothing`;
    return { facts: counts!.facts, documents: counts!.documents, runs: counts!.runs, careers };
  }) as Promise<PurgeCounts | undefined>;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(sources.id);
}

export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row;
}

/**
 * An operator's change to a source's schedule or enabled flag: kept across restarts
 * (schedule_set_by = 'operator'). Undefined when there is no such source.
 */
export async function setSourceByOperator(db: Db, id: string, change: { schedule: Schedule } | { enabled: boolean }): Promise<SourceRow | undefined> {
  const [row] = await db
    .update(sources)
    .set({ ...change, scheduleSetBy: 'operator', updatedAt: sql`now()` })
    .where(eq(sources.id, id))
    .returning();
  return row;
}

/** Records a success that wrote nothing (every document unchanged). */
export async function markSourceSucceeded(db: Db, id: string): Promise<void> {
  await db.update(sources).set({ lastSuccessAt: sql`now()` }).where(eq(sources.id, id));
}

/**
 * Creates a queued run, or returns undefined when the source already has one queued or running.
 * `jobId`: the job carrying it, when that is not `run-<id>` (see ingestRuns.jobId).
 */
export async function createRun(db: Db, params: { sourceId: string; trigger: RunTrigger; jobId?: string }): Promise<RunRow | undefined> {
  const [row] = await db
    .insert(ingestRuns)
    .values({ ...params, status: 'queued' })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Records what a run turned out to be (a startup run served from the bundled snapshot). */
export async function setRunTrigger(db: Db, id: number, trigger: RunTrigger): Promise<void> {
  await db.update(ingestRuns).set({ trigger }).where(eq(ingestRuns.id, id));
}

export async function getRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(ingestRuns).where(eq(ingestRuns.id, id));
  return row;
}

/** The run of a source that is queued or running now, if any. */
export async function findActiveRun(db: Db, sourceId: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(ingestRuns)
    .where(and(eq(ingestRuns.sourceId, sourceId), inArray(ingestRuns.status, ['queued', 'running'])))
    .orderBy(desc(ingestRuns.id))
    .limit(1);
  return row;
}

/** The run's BullMQ job id: a scheduled tick's own, else the deterministic `run-<id>`. */
export const runJobId = (run: Pick<RunRow, 'id' | 'jobId'>): string => run.jobId ?? `run-${run.id}`;

const ACTIVE = ['queued', 'running'] as const;

/**
 * Marks a queued (or, for a retried attempt, running) run as running. Returns undefined when the
 * run has ended meanwhile (cancelled, or failed by the reaper): the job must then stop.
 */
export async function markRunRunning(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db
    .update(ingestRuns)
    .set({ status: 'running', startedAt: sql`now()`, error: null, worker: `${hostname()}:${process.pid}` })
    .where(and(eq(ingestRuns.id, id), inArray(ingestRuns.status, ACTIVE)))
    .returning();
  return row;
}

/**
 * Records a run's outcome. Only a run still queued or running is changed (an operator's cancel
 * or the reaper's verdict stands), except after its batch was written (`written`): the data
 * is then in, and the run says so.
 */
export async function finishRun(
  db: Db,
  params: { id: number; status: Extract<RunStatus, 'succeeded' | 'unchanged' | 'failed'>; stats: Partial<RunStats>; error?: string | null; written?: boolean },
): Promise<void> {
  await db
    .update(ingestRuns)
    .set({ status: params.status, stats: redactRejects(params.stats), error: params.error ? redactText(params.error) : null, finishedAt: sql`now()` })
    .where(params.written ? eq(ingestRuns.id, params.id) : and(eq(ingestRuns.id, params.id), inArray(ingestRuns.status, ACTIVE)));
}

/** The stats with each rejected row's file and reason redacted: the console and the operators' API show them. */
function redactRejects(stats: Partial<RunStats>): Partial<RunStats> {
  if (!stats.rejects?.length) return stats;
  return {
    ...stats,
    rejects: stats.rejects.map((r) => ({ ...r, reason: redactText(r.reason), ...(r.file === undefined ? {} : { file: redactText(r.file) }) })),
  };
}

/** Ends a queued or running run as failed or cancelled, with the reason; undefined when it had already ended. */
export async function endActiveRun(
  db: Db,
  params: { id: number; status: Extract<RunStatus, 'failed' | 'cancelled'>; error: string },
): Promise<RunRow | undefined> {
  const [row] = await db
    .update(ingestRuns)
    .set({ status: params.status, error: redactText(params.error), finishedAt: sql`now()` })
    .where(and(eq(ingestRuns.id, params.id), inArray(ingestRuns.status, ACTIVE)))
    .returning();
  return row;
}

export type DocumentValidators = typeof sourceDocuments.$inferSelect;

/** An archived document's stored (gzip) body and its size when it was fetched. */
export async function loadArchivedDocument(db: Db, id: number): Promise<{ body: Buffer; bytes: number } | null> {
  const [row] = await db.select({ body: rawDocuments.body, bytes: rawDocuments.bytes }).from(rawDocuments).where(eq(rawDocuments.id, id));
  return row ?? null;
}

export async function getDocumentValidators(db: Db, sourceId: string): Promise<Map<string, DocumentValidators>> {
  const rows = await db.select().from(sourceDocuments).where(eq(sourceDocuments.sourceId, sourceId));
  return new Map(rows.map((r) => [r.url, r]));
}

/**
 * Creates a `startup` run of every enabled source that has never succeeded, whose last batch
 * an older adapter wrote (`adapterVersions`: kind → version), or (unless `offline`) that still
 * serves the bundled snapshot. The unique index on active runs lets one run per source through:
 * sources with a run already queued or running get none. Answers the runs created, with whether
 * each is the source's first.
 */
export async function createStartupRuns(
  db: Db,
  adapterVersions: ReadonlyMap<string, number>,
  opts: { offline?: boolean } = {},
): Promise<{ id: number; source_id: string; first: boolean }[]> {
  const retryLive = !opts.offline;
  const kinds = [...adapterVersions.keys()];
  const versions = [...adapterVersions.values()];
  return db.$client<{ id: number; source_id: string; first: boolean }[]>`
    insert into ingest_runs (source_id, status, trigger)
    select s.id, 'queued', 'startup' from sources s
    left join unnest(${kinds}::text[], ${versions}::int[]) as v(kind, version) on v.kind = s.kind
    where s.enabled and s.delisted_at is null and (s.last_success_at is null or s.normalizer_version is distinct from v.version
      or (${retryLive} and s.snapshot is not null))
    order by s.id
    on conflict do nothing
    returning id, source_id, (select last_success_at is null from sources where id = source_id) as first`;
}

/** Active sources, other than `exceptSourceId`, whose last batch was resolved against an older career set. */
export async function sourcesResolvedAgainstOlderCareers(db: Db, exceptSourceId: string): Promise<string[]> {
  const due = await db.$client<{ id: string }[]>`
    select id from sources
    where enabled and delisted_at is null and id <> ${exceptSourceId} and last_success_at is not null
      and careers_fingerprint is distinct from (${db.$client.unsafe(careersFingerprintQuery)})
    order by id`;
  return due.map((r) => r.id);
}

/** Active sources of the given kinds that have succeeded once, by id. */
export async function succeededSourcesOfKinds(db: Db, kinds: readonly string[]): Promise<string[]> {
  const due = await db.$client<{ id: string }[]>`
    select id from sources where enabled and delisted_at is null and last_success_at is not null and kind in ${db.$client(kinds)} order by id`;
  return due.map((r) => r.id);
}
