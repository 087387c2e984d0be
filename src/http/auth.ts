import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findKeyBySecret, findSession, type KeyHolder, type KeyIdentity } from '../db/queries/keys.js';
import type { Actor } from '../db/queries/audit.js';
import type { AppEnv } from './context.js';
import type { Db } from '../db/client.js';
import { problem } from './errors.js';

/** The console's session cookie (path /ops): a random token whose sha256 is in ops_sessions. */
export const SESSION_COOKIE = 'cl_ops_session';
/** Console sessions last 12 hours, then the operator signs in again. */
export const SESSION_TTL_MS = 12 * 3600_000;

export type OpsEnv = { Variables: AppEnv['Variables'] & { operator: KeyIdentity; csrfToken?: string } };

export const actorOf = (k: KeyIdentity): Actor => ({ kind: 'key', keyId: k.id, name: k.name });

/** The key sent as `Authorization: Bearer <key>`: missing, unknown or revoked, or its identity. */
export async function identifyBearer(db: Db, header: string | undefined): Promise<'missing' | 'invalid' | KeyHolder> {
  if (!header) return 'missing';
  const m = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!m) return 'invalid';
  return (await findKeyBySecret(db, m[1]!)) ?? 'invalid';
}

/**
 * Operator API authentication: no key → 401, an unknown, revoked or client key → 403. Both
 * answers are the same whatever the reason, so a caller learns nothing about which keys exist.
 */
export const requireOperatorKey: MiddlewareHandler<OpsEnv> = async (c, next) => {
  const who = await identifyBearer(c.get('deps').db, c.req.header('authorization'));
  if (who === 'missing') {
    c.header('WWW-Authenticate', 'Bearer realm="careerlens-ops"');
    return problem(c, 'unauthorized', 'send an operator API key as "Authorization: Bearer <key>"');
  }
  if (who === 'invalid' || who.role !== 'operator') return problem(c, 'forbidden', 'this request needs a valid operator API key');
  c.set('operator', who);
  await next();
};

/** The operator behind the console's session cookie, with the session's CSRF token. */
export async function identifySession(c: Context<OpsEnv>): Promise<(KeyIdentity & { csrfToken: string }) | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return undefined;
  const s = await findSession(c.get('deps').db, token);
  return s?.role === 'operator' ? s : undefined;
}
