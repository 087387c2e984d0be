import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { Schedule } from '../db/schema/sources.js';
import {
  createRun,
  createStartupRuns,
  endActiveRun,
  findActiveRun,
  isSourceActive,
  listSources,
  sourcesResolvedAgainstOlderCareers,
  type SourceRow,
} from '../db/queries/sources.js';
import { enqueueIngest, type Queues } from './queues.js';

const schedulerId = (sourceId: string) => `source-${sourceId}`;

/** BullMQ repeat options for a schedule (cron in its time zone, or a fixed interval). */
export function repeatOptions(schedule: Schedule): { pattern: string; tz: string } | { every: number } {
  return 'cron' in schedule ? { pattern: schedule.cron, tz: schedule.tz } : { every: schedule.everyMs };
}

/**
 * Registers (or updates) the job scheduler of one source; paused and delisted sources have none. Upserting
 * is idempotent, so any number of processes may call it at once; the PostgreSQL backend can
 * answer a concurrent upsert with "already exists", which is retried once.
 */
export async function applySchedule(queues: Queues, source: SourceRow): Promise<void> {
  const id = schedulerId(source.id);
  if (!isSourceActive(source)) {
    await queues.ingest.removeJobScheduler(id);
    return;
  }
  const upsert = () =>
    queues.ingest.upsertJobScheduler(id, repeatOptions(source.schedule), {
      name: 'ingest-source',
      data: { sourceId: source.id, trigger: 'schedule' },
    });
  try {
    await upsert();
  } catch (err) {
    if (!/already exists/i.test((err as Error).message)) throw err;
    await upsert();
  }
}

/** Makes the registered schedulers match the sources table: one per active source, no orphans. */
export async function registerSchedules(db: Db, queues: Queues, log: Logger): Promise<void> {
  const sources = await listSources(db);
  for (const s of sources) await applySchedule(queues, s);
  const wanted = new Set(sources.filter(isSourceActive).map((s) => schedulerId(s.id)));
  for (const existing of await queues.ingest.getJobSchedulers()) {
    if (existing.key.startsWith('source-') && !wanted.has(existing.key)) {
      await queues.ingest.removeJobScheduler(existing.key);
      log.info({ scheduler: existing.key }, 'removed the schedule of a source that no longer exists');
    }
  }
  log.info({ sources: wanted.size }, 'schedules registered');
}

/**
 * Queues a run of every enabled source that has never succeeded, so a fresh install fills
 * without waiting for the first tick, and of every source whose last batch an older adapter
 * wrote (`adapterVersions`: kind → SourceAdapter.version), so an upgrade's parser fixes reach
 * the data at once, and of every source still serving the bundled snapshot (its publisher may be
 * reachable now). Any number of schedulers may start at once: the unique index on active
 * runs lets one run per source through, the others insert nothing.
 */
export async function runSourcesDueAtStart(
  db: Db,
  queues: Queues,
  log: Logger,
  adapterVersions: ReadonlyMap<string, number>,
  opts: { offline?: boolean } = {},
): Promise<number[]> {
  // A source serving the bundled snapshot tries its publisher again at every start (not when OFFLINE).
  const runs = await createStartupRuns(db, adapterVersions, opts);
  for (const run of runs) await enqueueIngest(queues, { sourceId: run.source_id, runId: Number(run.id), trigger: 'startup' });
  const first = runs.filter((r) => r.first).map((r) => r.source_id);
  const again = runs.filter((r) => !r.first).map((r) => r.source_id);
  if (first.length) log.info({ sources: first }, 'first runs queued for sources that never succeeded');
  if (again.length) log.info({ sources: again }, 'runs queued for sources last read by an older adapter version');
  return runs.map((r) => Number(r.id));
}

/**
 * Queues a manual run unless one is already queued or running (then that one is returned).
 * `allowShrink`: the run may remove more of the source's facts than its shrink limit.
 */
export async function requestRun(
  db: Db,
  queues: Queues,
  sourceId: string,
  trigger: 'manual' | 'retry' = 'manual',
  opts: { allowShrink?: boolean } = {},
): Promise<{ runId: number; existing: boolean }> {
  const run = await createRun(db, { sourceId, trigger });
  if (!run) {
    const active = await findActiveRun(db, sourceId);
    if (active) return { runId: active.id, existing: true };
    return requestRun(db, queues, sourceId, trigger, opts);
  }
  try {
    await enqueueIngest(queues, { sourceId, runId: run.id, trigger, ...(opts.allowShrink ? { allowShrink: true } : {}) });
  } catch (err) {
    // Never leave a queued run without a job: it would block the source.
    await endActiveRun(db, { id: run.id, status: 'failed', error: `could not be queued: ${(err as Error).message}` }).catch(() => {});
    throw err;
  }
  return { runId: run.id, existing: false };
}

/**
 * The career set changed (an O*NET or career-page run wrote careers): every other source whose
 * last batch was resolved against an older career set runs again now — its codes and titles may
 * name careers that now exist — so a first start fills completely whatever order the sources
 * ran in. Unchanged documents are not downloaded again (conditional GET, archived copies).
 */
export async function rerunSourcesOnNewCareers(db: Db, queues: Queues, exceptSourceId: string, log: Logger): Promise<void> {
  for (const id of await sourcesResolvedAgainstOlderCareers(db, exceptSourceId)) {
    const { runId, existing } = await requestRun(db, queues, id, 'retry');
    if (!existing) log.info({ sourceId: id, runId }, 'careers changed: re-running a source resolved against the older career set');
  }
}
