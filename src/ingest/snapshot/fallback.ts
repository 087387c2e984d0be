/**
 * When a source is filled from the bundled snapshot instead of its publisher: a source without
 * live data (never succeeded, or serving the snapshot) whose publisher cannot be reached, or any
 * such source when OFFLINE is set. The snapshot run goes through the same adapter, as a run with
 * trigger `snapshot`; a later live run replaces its data in the normal way. Live data is never
 * replaced by the snapshot.
 */
import { createRun, endActiveRun, findActiveRun, getSource, setRunTrigger } from '../../db/queries/sources.js';
import { FetchError } from '../fetch/index.js';
import { runIngest, type IngestDeps, type IngestOutcome } from '../run-ingest.js';
import type { Snapshot } from './bundle.js';

export interface SnapshotDeps {
  /** The bundled snapshot (null: none in this build). */
  snapshot?: Snapshot | null;
  /** OFFLINE: no source is fetched from its publisher; sources without live data are filled from the snapshot. */
  offline?: boolean;
}

type Params = Parameters<typeof runIngest>[1];

/** A live run that failed because its publisher could not be reached (not because its data was wrong). */
export function isUnreachable(err: unknown): boolean {
  if (!(err instanceof FetchError)) return false;
  if (err.code === 'network' || err.code === 'timeout') return true;
  return err.code === 'http-status' && err.status !== undefined && (err.status >= 500 || err.status === 429 || err.status === 408);
}

/** Runs a source live, or from the bundled snapshot when that is what the source needs (see above). */
export async function runIngestOrSnapshot(deps: IngestDeps & SnapshotDeps, params: Params): Promise<IngestOutcome> {
  const source = await getSource(deps.db, params.sourceId);
  const entry = source ? deps.snapshot?.source(source.id) : undefined;
  const bundled = entry && deps.snapshot ? { bundle: deps.snapshot, source: entry } : undefined;
  const hasLiveData = !!source?.lastSuccessAt && !source.snapshot;
  if (params.trigger === 'snapshot') return runIngest(deps, { ...params, snapshot: bundled, offline: deps.offline });
  if (!bundled || hasLiveData) return runIngest(deps, { ...params, offline: deps.offline });
  if (deps.offline) {
    if (params.runId !== undefined) await setRunTrigger(deps.db, params.runId, 'snapshot');
    return runIngest(deps, { ...params, trigger: 'snapshot', snapshot: bundled });
  }
  try {
    return await runIngest(deps, params);
  } catch (err) {
    if (!isUnreachable(err)) throw err;
    // The fetcher already retried: a source with a snapshot to stand in does not wait for the job's
    // retries. The live run ends failed (if this attempt was not its last), then the snapshot run starts.
    const message = `the publisher cannot be reached (${(err as Error).message}); filled from the bundled snapshot instead`;
    const live = params.runId ?? (await findActiveRun(deps.db, params.sourceId))?.id;
    if (live !== undefined) await endActiveRun(deps.db, { id: live, status: 'failed', error: message });
    const run = await createRun(deps.db, { sourceId: params.sourceId, trigger: 'snapshot' });
    if (!run) throw err;
    deps.log.warn({ sourceId: params.sourceId, err: (err as Error).message }, 'the publisher cannot be reached: filling the source from the bundled snapshot');
    return runIngest(deps, { ...params, runId: run.id, trigger: 'snapshot', final: true, snapshot: bundled });
  }
}
