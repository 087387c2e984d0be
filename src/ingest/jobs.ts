import { UnrecoverableError } from 'bullmq';
import { createRun, findActiveRun } from '../db/queries/sources.js';
import { ingestSourcePayload } from '../queue/jobs.js';
import { handle, type QueueHandlers } from '../queue/processors.js';
import { enqueueCareersChanged, type Queues } from '../queue/queues.js';
import { rerunSourcesOnNewCareers } from '../queue/schedules.js';
import { isPermanentIngestError, type IngestDeps } from './run-ingest.js';
import { runIngestOrSnapshot, type SnapshotDeps } from './snapshot/fallback.js';

export interface IngestJobDeps extends IngestDeps, SnapshotDeps {
  queues: Queues;
}

/** The `ingest` queue's jobs: `ingest-source` runs one source and hands the changed careers to the metrics stage. */
export function ingestJobs(deps: IngestJobDeps): QueueHandlers<'ingest'> {
  const { db, queues, log } = deps;
  return {
    'ingest-source': handle(ingestSourcePayload, async (data, job) => {
      let payload = data;
      if (!payload.runId) {
        // A scheduled tick has no run yet: create it before the first attempt and keep its id in
        // the job, so a retry continues the same run instead of colliding with it.
        // The run records this job's id, so the reaper can tell whether the job still lives, and a
        // retry of a job killed before it kept the run id finds its own run instead of skipping.
        const run =
          (await createRun(db, { sourceId: payload.sourceId, trigger: payload.trigger, jobId: job.id })) ??
          (await findActiveRun(db, payload.sourceId).then((r) => (r?.jobId === job.id ? r : undefined)));
        if (!run) {
          log.info({ sourceId: payload.sourceId }, 'a run of this source is already queued or running; this tick is skipped');
          return { runId: null, status: 'skipped', changedCareers: 0 };
        }
        payload = { ...payload, runId: run.id };
        await job.updateData(payload);
      }
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      try {
        const outcome = await runIngestOrSnapshot(deps, {
          ...payload,
          final,
          onProgress: async (percent, message) => {
            await job.updateProgress({ percent, message });
          },
        });
        if (outcome.changedCareerIds.length) {
          await enqueueCareersChanged(queues, { careerIds: outcome.changedCareerIds, sourceId: payload.sourceId }, `run-${outcome.runId}`);
        }
        if (outcome.careersWritten > 0) await rerunSourcesOnNewCareers(db, queues, payload.sourceId, log);
        return { runId: outcome.runId, status: outcome.status, changedCareers: outcome.changedCareerIds.length };
      } catch (err) {
        if (isPermanentIngestError(err)) throw new UnrecoverableError((err as Error).message);
        throw err;
      }
    }),
  };
}
