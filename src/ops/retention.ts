import type { Db } from '../db/client.js';
import { applyRetention, type RetentionPolicy } from '../db/queries/retention.js';
import type { Logger } from '../log.js';

/**
 * Applies the retention policy now and every `everyMs` (the scheduler role); returns a stop
 * function. Any number of schedulers may run it: the deletes are idempotent.
 */
export function startRetention(deps: { db: Db; log: Logger }, policy: RetentionPolicy, everyMs: number): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = applyRetention(deps.db, policy)
      .then((deleted) => {
        if (deleted.rawDocuments || deleted.metricHistory || deleted.runs) deps.log.info({ deleted, policy }, 'old history removed (retention)');
      })
      .catch((err: Error) => deps.log.warn({ err: err.message }, 'retention pass failed; retried on the next one'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
