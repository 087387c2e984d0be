import { desc } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditLog } from '../schema/audit.js';

export type AuditRow = typeof auditLog.$inferSelect;

/** Who acted: an API key (by id and name), the CLI at a terminal, or the system itself. */
export type Actor = { kind: 'key'; keyId: number; name: string } | { kind: 'cli' } | { kind: 'system' };

export const actorLabel = (a: Actor) => (a.kind === 'key' ? `key:${a.keyId}:${a.name}` : a.kind);

/** Records one operator change. */
export async function recordAudit(db: Db, params: { actor: Actor; action: string; target?: string; details?: Record<string, unknown> }): Promise<void> {
  await db.insert(auditLog).values({
    actor: actorLabel(params.actor),
    keyId: params.actor.kind === 'key' ? params.actor.keyId : null,
    action: params.action,
    target: params.target ?? null,
    details: params.details ?? {},
  });
}

export async function listAudit(db: Db, params: { limit?: number } = {}): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(params.limit ?? 50);
}
