import type { Logger } from '../log.js';
import { redactText, redactUrl } from '../core/redact.js';
import { failedRunsWithoutAlert, raiseAlert, resolveStaleAlert, type AlertRow } from '../db/queries/alerts.js';
import { listSourceStatus, type OpsDeps } from './sources.js';
import { reapLostRuns, type ReaperOptions } from './lost-runs.js';
import { resumeStrandedMarks } from './stranded-marks.js';

export interface AlertOptions {
  /** Where new alerts are POSTed as JSON; none when unset. */
  webhookUrl?: string;
  /** How often the scheduler checks for failed runs and stale sources, in ms. */
  everyMs: number;
  /**
   * Lost runs are failed on the same tick, before the alerts (so they are alerted too), and
   * recomputation marks left without a job are queued again (after the same grace).
   */
  reaper?: ReaperOptions;
}

/** Posts one alert; a failing webhook is logged, never retried (the alert stays on the console). */
async function postWebhook(url: string, alert: AlertRow, log: Logger): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5_000),
      body: JSON.stringify({
        type: alert.kind,
        sourceId: alert.sourceId,
        runId: alert.runId,
        message: redactText(alert.message),
        raisedAt: alert.raisedAt.toISOString(),
      }),
    });
    if (!res.ok) log.warn({ status: res.status, alert: alert.id }, 'alert webhook answered with an error');
  } catch (err) {
    log.warn({ err: redactText((err as Error).message), webhook: redactUrl(url), alert: alert.id }, 'alert webhook unreachable');
  }
}

/**
 * One pass: alerts for runs that failed after their retries (in the last day) and for enabled
 * sources that turned stale; closes stale alerts of sources fresh again. Safe from any number of
 * processes at once: the alert table's unique indexes let exactly one raise each alert.
 */
export async function checkAlerts(deps: OpsDeps & { log: Logger }, opts: Pick<AlertOptions, 'webhookUrl'>): Promise<AlertRow[]> {
  const raised: AlertRow[] = [];
  for (const run of await failedRunsWithoutAlert(deps.db, new Date(Date.now() - 24 * 3600_000))) {
    const a = await raiseAlert(deps.db, {
      kind: 'run-failed',
      sourceId: run.sourceId,
      runId: run.id,
      message: `run ${run.id} of ${run.sourceId} failed after its retries: ${run.error ?? 'no error recorded'}`,
    });
    if (a) raised.push(a);
  }
  for (const s of await listSourceStatus(deps)) {
    if (s.enabled && !s.delistedAt && s.freshness.state === 'stale') {
      const since = s.freshness.lastSuccessAt ? `last success ${s.freshness.lastSuccessAt}` : 'never succeeded';
      const a = await raiseAlert(deps.db, {
        kind: 'source-stale',
        sourceId: s.id,
        message: `source ${s.id} is stale: ${since}, expected every ${Math.round(s.freshness.intervalMs / 1000)} s`,
      });
      if (a) raised.push(a);
    } else if (s.freshness.state === 'fresh') {
      await resolveStaleAlert(deps.db, s.id);
    }
  }
  for (const a of raised) {
    deps.log.error({ alert: a.kind, sourceId: a.sourceId, runId: a.runId }, a.message);
    if (opts.webhookUrl) await postWebhook(opts.webhookUrl, a, deps.log);
  }
  return raised;
}

/** Fails lost runs, then runs `checkAlerts`, every `everyMs` (the scheduler role); returns a stop function. */
export function startAlertWatcher(deps: OpsDeps & { log: Logger }, opts: AlertOptions): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return; // a slow check is never overlapped by the next one
    const reaper = opts.reaper;
    running = (reaper ? reapLostRuns(deps, reaper).then(() => resumeStrandedMarks(deps, reaper)) : Promise.resolve())
      .then(() => checkAlerts(deps, opts))
      .catch((err: Error) => deps.log.warn({ err: err.message }, 'alert check failed; retried on the next tick'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, opts.everyMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
