import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client.js';
import { apiKeys, opsSessions, type ApiKeyRole } from '../schema/auth.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
/** Who made a request: the key's id, name and role. */
export interface KeyIdentity {
  id: number;
  name: string;
  role: ApiKeyRole;
}
/** A presented API key: who, and its own rate limit (requests per minute; null for the default). */
export interface KeyHolder extends KeyIdentity {
  ratePerMinute: number | null;
}

/** NOTIFY channel of key revocations (payload: the key id); API processes drop what they remembered of the key. */
export const KEYS_CHANNEL = 'careerlens_keys';

/** Calls `onChange` on every key revocation any process commits (NOTIFY on KEYS_CHANNEL). */
export async function listenForKeyChanges(db: Db, onChange: () => void): Promise<void> {
  await db.$client.listen(KEYS_CHANNEL, onChange);
}

const keyPrefix: Record<ApiKeyRole, string> = { operator: 'clk_op_', client: 'clk_cl_' };

/** sha256 hex of a secret; keys and session tokens are only ever stored this way. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Creates a key: 32 random bytes behind a visible role prefix (`clk_op_…`). The key is returned
 * once; only its hash and its first characters are stored.
 */
export async function createApiKey(
  db: Db,
  params: { role: ApiKeyRole; name: string; ratePerMinute?: number | null },
): Promise<{ key: string; row: ApiKeyRow }> {
  const key = `${keyPrefix[params.role]}${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ ...params, prefix: key.slice(0, 12), hash: hashSecret(key) })
    .returning();
  return { key, row: row! };
}

/** The identity behind a presented key, or undefined when no unrevoked key matches. */
export async function findKeyBySecret(db: Db, key: string): Promise<KeyHolder | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.hash, hashSecret(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, ratePerMinute: apiKeys.ratePerMinute });
  return row;
}

export async function listApiKeys(db: Db): Promise<Omit<ApiKeyRow, 'hash'>[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      ratePerMinute: apiKeys.ratePerMinute,
    })
    .from(apiKeys)
    .orderBy(apiKeys.id);
}

/**
 * Revokes a key at once: requests with it answer 401/403 in every API process (they hear the
 * NOTIFY on KEYS_CHANNEL when the transaction commits) and its console sessions end.
 * Returns the revoked key, or undefined when no unrevoked key has that id.
 */
export async function revokeApiKey(db: Db, id: number): Promise<Omit<ApiKeyRow, 'hash'> | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({
        id: apiKeys.id,
        name: apiKeys.name,
        role: apiKeys.role,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
        ratePerMinute: apiKeys.ratePerMinute,
      });
    if (row) {
      await tx.delete(opsSessions).where(eq(opsSessions.keyId, id));
      await tx.execute(sql`select pg_notify(${KEYS_CHANNEL}, ${String(id)})`);
    }
    return row;
  });
}

/** Starts a console session; returns the cookie token (stored hashed) and its CSRF token. */
export async function createSession(db: Db, params: { keyId: number; ttlMs: number }): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + params.ttlMs);
  await db.delete(opsSessions).where(lt(opsSessions.expiresAt, sql`now()`));
  await db.insert(opsSessions).values({ tokenHash: hashSecret(token), keyId: params.keyId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The session's key and CSRF token, when the token is known, unexpired and its key unrevoked. */
export async function findSession(db: Db, token: string): Promise<(KeyIdentity & { csrfToken: string }) | undefined> {
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, csrfToken: opsSessions.csrfToken })
    .from(opsSessions)
    .innerJoin(apiKeys, eq(apiKeys.id, opsSessions.keyId))
    .where(and(eq(opsSessions.tokenHash, hashSecret(token)), gt(opsSessions.expiresAt, sql`now()`), isNull(apiKeys.revokedAt)));
  return row;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(opsSessions).where(eq(opsSessions.tokenHash, hashSecret(token)));
}
