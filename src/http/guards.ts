/**
 * What stands between the public and the handlers: the request body limit, the client's
 * address (behind trusted proxies), and the rate limits of the API, the pages and failed
 * sign-ins. Every budget is shared by all API processes (counted in PostgreSQL).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TrustProxy } from '../config.js';
import { addressBucket, clientAddress } from './client-address.js';
import type { AppEnv } from './context.js';
import { problem } from './errors.js';
import { rateLimitHeaders, type RateLimiter, type RateLimitPolicy } from './rate-limit.js';

export interface GuardOptions {
  trustProxy: TrustProxy;
  bodyLimitBytes: number;
  policies: { anonymous: RateLimitPolicy; keyed: RateLimitPolicy; pages: RateLimitPolicy; authFailures: RateLimitPolicy };
}

/** Paths no limit applies to: probes, metrics scrapes and static assets. */
const UNLIMITED = /^\/(healthz|readyz|metrics|assets\/)/;

/** The last bucket worked out on a connection: its keep-alive requests mostly repeat it. */
const lastOnSocket = new WeakMap<object, { trust: TrustProxy; forwarded: string | undefined; key: string }>();

/**
 * The rate-limit bucket of the request's client address (IPv6 by /64): worked out once per
 * request, and reused on a connection while its peer and X-Forwarded-For stay the same.
 */
export function addressKey(c: Context, trust: TrustProxy): string {
  const known = c.get('addressKey') as string | undefined;
  if (known !== undefined) return known;
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
  const forwarded = c.req.header('x-forwarded-for');
  const last = socket && lastOnSocket.get(socket);
  let key: string;
  if (last && last.trust === trust && last.forwarded === forwarded) {
    key = last.key;
  } else {
    key = `ip:${addressBucket(clientAddress(socket?.remoteAddress ?? 'local', forwarded, trust))}`;
    if (socket) lastOnSocket.set(socket, { trust, forwarded, key });
  }
  c.set('addressKey', key);
  return key;
}

/**
 * Refuses bodies over the limit with 413 before any handler reads them. GET, HEAD and OPTIONS
 * requests are passed by: the server never hands their body to the app (a GET's Request has
 * none), and asking for it would build a full Fetch Request for every read, the costliest
 * step of a cached answer.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({ maxSize, onError: (c) => problem(c, 'payload-too-large', `request bodies are limited to ${maxSize} bytes`) });
  return (c, next) => {
    const method = c.req.method;
    return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? next() : limit(c, next);
  };
}

/** Counts one request against `policy`, sets the RateLimit headers, and answers 429 when over. */
export async function admit(c: Context, limiter: RateLimiter, key: string, policy: RateLimitPolicy, who: string): Promise<Response | null> {
  const decision = await limiter.take(key, policy);
  for (const [k, v] of Object.entries(rateLimitHeaders(decision))) c.header(k, v);
  if (decision.allowed) return null;
  return problem(c, 'rate-limited', `over ${policy.limit} requests per ${policy.windowSec} s for this ${who}; retry in ${decision.resetSec} s`);
}

/**
 * Refused credentials (a 401 or 403 answer to a request that sent a key or signed in) count
 * against the address; once over the budget, every request from that address answers 429
 * until the window ends, so keys cannot be guessed at speed. Requests without credentials do
 * not count: a visitor sent to the sign-in page has not failed anything.
 */
export function limitAuthFailures(limiter: RateLimiter, options: GuardOptions): MiddlewareHandler<AppEnv> {
  const policy = options.policies.authFailures;
  return async (c, next) => {
    const key = addressKey(c, options.trustProxy);
    if (limiter.exceeded(key, policy)) {
      c.header('Retry-After', String(policy.windowSec));
      return problem(c, 'rate-limited', `too many failed authentications from this address; retry in at most ${policy.windowSec} s`);
    }
    const presented = c.req.header('authorization') !== undefined || (c.req.method === 'POST' && c.req.path === '/ops/signin');
    await next();
    if (presented && (c.res.status === 401 || c.res.status === 403)) await limiter.take(key, policy);
  };
}

/** Dashboard pages (and the API reference): a per-address budget of their own. */
export function limitPages(limiter: RateLimiter, options: GuardOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (UNLIMITED.test(path) || path.startsWith('/v1/') || path.startsWith('/ops') || c.req.method === 'OPTIONS') return next();
    const refused = await admit(c, limiter, addressKey(c, options.trustProxy), options.policies.pages, 'address');
    if (refused) return refused;
    await next();
  };
}
