import { DERIVED_VERSION } from '../core/derived-version.js';
import type { Db } from '../db/client.js';
import { changeDerivedVersion } from '../db/queries/app-state.js';
import { recordAudit } from '../db/queries/audit.js';
import type { Logger } from '../log.js';
import type { Queues } from './queues.js';

/**
 * At a scheduler's start: when the stored metrics and comparisons were derived by other code
 * (an upgrade, or data older than versioned derivation), queues one full recompute (the same
 * job as `careerlens recompute --all`), audited, and stores this code's version. Returns the
 * replaced version, or null when the data is current.
 */
export async function recomputeIfDerivedByOtherCode(db: Db, queues: Queues, log: Logger, version = DERIVED_VERSION): Promise<string | null> {
  const replaced = await changeDerivedVersion(db, version, async (stored) => {
    const jobId = `recompute-all-derived-${version.replace(/[^a-z0-9-]+/gi, '-')}`;
    await queues.careers.add('recompute-all', {}, { jobId });
    await recordAudit(db, { actor: { kind: 'system' }, action: 'recompute.all', details: { reason: 'derived-version', from: stored, to: version } });
  });
  if (replaced !== null) {
    log.warn({ from: replaced, to: version }, 'stored metrics and comparisons were derived by other code: a full recompute is queued');
  }
  return replaced;
}
