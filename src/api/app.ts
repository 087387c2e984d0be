import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { problem } from '../http/errors.js';
import { careerRoutes, compareRoutes } from './routes/careers.js';
import { careerSkillRoutes } from './routes/career-skills.js';
import { changeRoutes } from './routes/changes.js';
import { opsApi } from './routes/ops.js';
import type { ApiServices } from '../http/services.js';
import { addressKey, admit } from '../http/guards.js';
import { listenForKeyChanges, type KeyHolder } from '../db/queries/keys.js';
import { validationHook } from './routes/route-kit.js';
import { identifyBearer } from '../http/auth.js';

/** The v1 API as one OpenAPI router (mounted at /v1), the operators' API under /ops: the source of /openapi.json. */
export function createV1() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', careerRoutes)
    .route('/', careerSkillRoutes)
    .route('/', compareRoutes)
    .route('/', changeRoutes)
    .route('/ops', opsApi);
}

/**
 * Client identity for rate limiting. API keys are optional: a valid key (src/http/auth.ts) gets
 * its own limit or the keyed default, counted per key id; no key is counted per address. Lookups
 * are memoized for a minute so that a request does not write `last_used_at` each time; a
 * revocation anywhere clears the memo at once (NOTIFY on KEYS_CHANNEL). When the key store
 * cannot be read the answer is 'unavailable' (503), never "unknown key".
 */
const KEY_MEMO_MS = 60_000;
type KeyLookup = 'missing' | 'invalid' | KeyHolder;
function keyResolver(deps: ApiDeps) {
  const memo = new Map<string, { at: number; who: Promise<KeyLookup> }>();
  void listenForKeyChanges(deps.db, () => memo.clear()).catch((err: Error) => {
    deps.log.warn({ err: err.message }, 'LISTEN for key revocations failed; revocations reach this process within a minute');
  });
  return async (header: string | undefined): Promise<KeyLookup | 'unavailable'> => {
    if (!header) return 'missing';
    const h = createHash('sha256').update(header).digest('base64url');
    let m = memo.get(h);
    if (!m || Date.now() - m.at > KEY_MEMO_MS) {
      if (memo.size > 10_000) memo.clear();
      m = { at: Date.now(), who: identifyBearer(deps.db, header) };
      memo.set(h, m);
    }
    return m.who.catch(() => {
      memo.delete(h);
      return 'unavailable' as const;
    });
  };
}

/**
 * The client API's budget (mounted on /v1/*, operators' routes excepted: they authenticate
 * themselves): an unknown or revoked key answers 401, a valid key is counted per key id,
 * no key per address.
 */
export function apiBudget(deps: ApiDeps, svc: ApiServices): MiddlewareHandler<AppEnv> {
  const resolveKey = keyResolver(deps);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.path.startsWith('/v1/ops')) return next();
    const who = await resolveKey(c.req.header('authorization'));
    if (who === 'unavailable') {
      c.header('Retry-After', '5');
      return problem(c, 'unavailable', 'API keys cannot be checked right now (the database is unavailable); retry shortly');
    }
    if (who === 'invalid')
      return problem(c, 'unauthorized', 'unknown or revoked API key: send a valid key as "Authorization: Bearer <key>", or none for anonymous access');
    const refused =
      who === 'missing'
        ? await admit(c, svc.limiter, addressKey(c, svc.trustProxy), svc.policies.anonymous, 'address')
        : await admit(c, svc.limiter, `key:${who.id}`, who.ratePerMinute ? { ...svc.policies.keyed, limit: who.ratePerMinute } : svc.policies.keyed, 'key');
    if (refused) return refused;
    await next();
  };
}
