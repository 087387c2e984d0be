import type { Db } from '../db/client.js';
import type { Queues } from '../queue/queues.js';
import type { RunStats, Schedule, ServedSnapshot } from '../db/schema/sources.js';
import {
  getSource,
  isSourceActive,
  setSourceByOperator,
  listSources,
  purgeSource,
  type PurgeCounts,
  type RunRow,
  type SourceRow,
} from '../db/queries/sources.js';
import { lastSuccessPerSource, latestFinishedRunPerSource, listActiveRuns } from '../db/queries/runs.js';
import { recordAudit, type Actor } from '../db/queries/audit.js';
import { applySchedule, requestRun } from '../queue/schedules.js';
import { enqueueCareersChanged } from '../queue/queues.js';
import { computeFreshness, validateSchedule, type Freshness } from './schedule.js';

/** What every operation needs: the database and the producer queues. */
export interface OpsDeps {
  db: Db;
  queues: Queues;
}

/** Expected outcomes of an operation; the API maps `error` to a problem code, the CLI to a message. */
export type OpsResult<T> = { ok: true; value: T } | { ok: false; error: 'not-found' | 'invalid' | 'conflict'; message: string };
const notFound = (id: string): OpsResult<never> => ({ ok: false, error: 'not-found', message: `no source "${id}"` });
/** The answer for an operation on a delisted source. */
export const sourceDelisted = (id: string): OpsResult<never> => ({
  ok: false,
  error: 'conflict',
  message: `source "${id}" is delisted (not in the source list): add it to SOURCES_FILE again to run it`,
});

export interface RunSummary {
  id: number;
  status: RunRow['status'];
  trigger: RunRow['trigger'];
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Stats without the rejected rows (those are in the run's details). */
  stats: Omit<Partial<RunStats>, 'rejects'>;
  error: string | null;
}

export interface SourceStatus {
  id: string;
  kind: SourceRow['kind'];
  url: string;
  enabled: boolean;
  /** When the source left the configured list (it no longer runs; its data is kept); null while listed. */
  delistedAt: string | null;
  schedule: Schedule;
  scheduleSetBy: SourceRow['scheduleSetBy'];
  /** The latest finished run (its status, stats and error). */
  lastRun: RunSummary | null;
  /** The run queued or running now, if any (at most one per source). */
  activeRun: RunSummary | null;
  /** When BullMQ's job scheduler fires next; null when paused or not registered. */
  nextRunAt: string | null;
  freshness: Freshness;
  /** Where the source's facts come from now: its publisher, the bundled snapshot, or nowhere yet. */
  servedFrom: 'live' | 'snapshot' | 'none';
  /** The bundled snapshot it serves (release, retrieval date), while it does. */
  snapshot: ServedSnapshot | null;
}

export function summarizeRun(r: RunRow): RunSummary {
  const { rejects: _rejects, ...stats } = r.stats;
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    stats,
    error: r.error,
    queuedAt: r.queuedAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Every source with its schedule, last run, next run and freshness. */
export async function listSourceStatus(deps: OpsDeps, now = Date.now()): Promise<SourceStatus[]> {
  const [rows, lastRuns, successes, active] = await Promise.all([
    listSources(deps.db),
    latestFinishedRunPerSource(deps.db),
    lastSuccessPerSource(deps.db),
    listActiveRuns(deps.db),
  ]);
  const activeBySource = new Map(active.map((r) => [r.sourceId, r]));
  return Promise.all(
    rows.map(async (s) => {
      const scheduler = isSourceActive(s) ? await deps.queues.ingest.getJobScheduler(`source-${s.id}`) : undefined;
      const last = [s.lastSuccessAt, successes.get(s.id)].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      const run = lastRuns.get(s.id);
      const current = activeBySource.get(s.id);
      return {
        id: s.id,
        kind: s.kind,
        url: s.url,
        enabled: s.enabled,
        delistedAt: s.delistedAt?.toISOString() ?? null,
        schedule: s.schedule,
        scheduleSetBy: s.scheduleSetBy,
        lastRun: run ? summarizeRun(run) : null,
        activeRun: current ? summarizeRun(current) : null,
        nextRunAt: scheduler?.next ? new Date(scheduler.next).toISOString() : null,
        freshness: computeFreshness({ schedule: s.schedule, lastSuccessAt: last, createdAt: s.createdAt, now }),
        servedFrom: s.snapshot ? ('snapshot' as const) : last ? ('live' as const) : ('none' as const),
        snapshot: s.snapshot ?? null,
      };
    }),
  );
}

export async function getSourceStatus(deps: OpsDeps, id: string): Promise<SourceStatus | undefined> {
  return (await listSourceStatus(deps)).find((s) => s.id === id);
}

/**
 * Sets a source's schedule (kept across restarts: schedule_set_by = 'operator') and re-registers
 * its job scheduler at once, so the next run moves without a restart.
 */
export async function setSourceSchedule(deps: OpsDeps, actor: Actor, id: string, input: unknown): Promise<OpsResult<SourceStatus>> {
  const valid = validateSchedule(input);
  if (!valid.ok) return { ok: false, error: 'invalid', message: valid.message };
  const before = await getSource(deps.db, id);
  if (!before) return notFound(id);
  const row = await setSourceByOperator(deps.db, id, { schedule: valid.schedule });
  await applySchedule(deps.queues, row!);
  await recordAudit(deps.db, { actor, action: 'source.schedule', target: id, details: { from: before.schedule, to: valid.schedule } });
  return { ok: true, value: (await getSourceStatus(deps, id))! };
}

/** Pauses or resumes a source: its job scheduler is removed or registered again. */
export async function setSourceEnabled(deps: OpsDeps, actor: Actor, id: string, enabled: boolean): Promise<OpsResult<SourceStatus>> {
  const row = await setSourceByOperator(deps.db, id, { enabled });
  if (!row) return notFound(id);
  await applySchedule(deps.queues, row);
  await recordAudit(deps.db, { actor, action: enabled ? 'source.resume' : 'source.pause', target: id });
  return { ok: true, value: (await getSourceStatus(deps, id))! };
}

/**
 * Queues a run now, or answers with the run already queued or running (never two at once).
 * `allowShrink` lets this one run remove more of the source's facts than its shrink limit.
 */
export async function runSourceNow(
  deps: OpsDeps,
  actor: Actor,
  id: string,
  opts: { allowShrink?: boolean } = {},
): Promise<OpsResult<{ runId: number; existing: boolean }>> {
  const source = await getSource(deps.db, id);
  if (!source) return notFound(id);
  if (source.delistedAt) return sourceDelisted(id);
  const r = await requestRun(deps.db, deps.queues, id, 'manual', opts);
  await recordAudit(deps.db, { actor, action: 'source.run', target: id, details: opts.allowShrink ? { ...r, allowShrink: true } : r });
  return { ok: true, value: r };
}

/**
 * Deletes a delisted source and everything it wrote (facts, archived documents, runs): the only
 * way data leaves with its source, so it is refused for a listed source and always audited.
 * The careers that lost facts are recomputed.
 */
export async function purgeDelistedSource(
  deps: OpsDeps,
  actor: Actor,
  id: string,
): Promise<OpsResult<Omit<PurgeCounts, 'careers'> & { id: string; careers: number }>> {
  const source = await getSource(deps.db, id);
  if (!source) return notFound(id);
  if (!source.delistedAt) {
    return {
      ok: false,
      error: 'conflict',
      message: `source "${id}" is still in the source list: remove it from SOURCES_FILE and restart the scheduler first (it is then delisted), then purge`,
    };
  }
  const gone = await purgeSource(deps.db, id);
  if (!gone) return notFound(id);
  await deps.queues.ingest.removeJobScheduler(`source-${id}`);
  if (gone.careers.length) await enqueueCareersChanged(deps.queues, { careerIds: gone.careers, sourceId: id }, `purge-${id}-${Date.now()}`);
  const value = { id, facts: gone.facts, documents: gone.documents, runs: gone.runs, careers: gone.careers.length };
  await recordAudit(deps.db, { actor, action: 'source.purge', target: id, details: value });
  return { ok: true, value };
}
