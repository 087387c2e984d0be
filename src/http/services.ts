import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { LRUCache } from 'lru-cache';
import type { JSONParsed } from 'hono/utils/types';
import { createHash } from 'node:crypto';
import type { ApiDeps } from './context.js';
import { ResponseCache, watchChanges, type CachedEntry, type ChangeWatcher, type LoadedEntry } from './cache.js';
import { RateLimiter, type RateLimitPolicy } from './rate-limit.js';
import type { Config, TrustProxy } from '../config.js';
import { CareerSearchIndex } from './search-index.js';
import { loadSearchRows } from '../db/queries/search.js';
import { addCompareCounts } from '../db/queries/changes.js';
import { createPairReader, findCareer, type CareerWithMetrics, type PairReader } from '../db/queries/careers.js';

export interface ApiOptions {
  /** Requests per minute without a key, and with one (a key's own rate wins). */
  anonymousPerMinute?: number;
  keyedPerMinute?: number;
  /** Dashboard page requests per minute per address. Default: anonymousPerMinute. */
  pagesPerMinute?: number;
  /** Failed authentications per minute per address before the address is refused. */
  authFailuresPerMinute?: number;
  /** Proxies whose X-Forwarded-For is believed. Default none. */
  trustProxy?: TrustProxy;
  /** Largest request body, bytes. Default 64 KiB. */
  bodyLimitBytes?: number;
  /** Length of each rate-limit window, seconds; budgets are per window. Default 60 (per minute). */
  rateWindowSec?: number;
  /** Rate-limit counters one process keeps at most. Default 100,000. */
  maxTrackedClients?: number;
  /** How often the change watcher polls the newest seq, ms. */
  changePollMs?: number;
  /** Turns the change watcher off (benchmarks of a cold path invalidate by hand). */
  watchChanges?: boolean;
}

/** The API's options as the environment sets them. */
export function apiOptionsFrom(config: Config): ApiOptions {
  return {
    anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS,
    keyedPerMinute: config.RATE_LIMIT_KEYED,
    pagesPerMinute: config.RATE_LIMIT_PAGES,
    authFailuresPerMinute: config.RATE_LIMIT_AUTH_FAILURES,
    trustProxy: config.TRUST_PROXY,
    bodyLimitBytes: config.API_BODY_LIMIT_BYTES,
  };
}

/** The API's process-wide state: caches, the search index, the rate limiter, counters. */
export interface ApiServices {
  cache: ResponseCache;
  watcher: ChangeWatcher | undefined;
  limiter: RateLimiter;
  policies: { anonymous: RateLimitPolicy; keyed: RateLimitPolicy; pages: RateLimitPolicy; authFailures: RateLimitPolicy };
  trustProxy: TrustProxy;
  bodyLimitBytes: number;
  /** A value computed once until the next change (e.g. the trends page's movers), at most 500 kept. */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  searchIndex(): Promise<CareerSearchIndex>;
  /** A career with its metrics by slug or code, memoized until the next change (about a thousand careers). */
  career(slugOrCode: string): Promise<CareerWithMetrics | undefined>;
  /** Stored pairs by career ids, concurrent reads batched into one query. */
  pair: PairReader;
  /**
   * Request targets (path and query, as sent) of API reads that passed validation, with the
   * cache key their answer went under: the same target validates the same way again, so its
   * next read can be served from the cache without routing and validating (`serveKnownReads`).
   */
  knownReads: LRUCache<string, KnownRead>;
  countCompare(a: string, b: string): void;
  /** Writes the compare counts gathered so far (done every 5 s and on stop). */
  flushCounts(): Promise<void>;
  stop(): Promise<void>;
}

const services = new WeakMap<ApiDeps, ApiServices>();

/** Creates (once per deps) the services the routes share; timers are unref'd. */
export function apiServices(deps: ApiDeps, options: ApiOptions = {}): ApiServices {
  const existing = services.get(deps);
  if (existing) return existing;
  const cache = new ResponseCache();
  let index: Promise<CareerSearchIndex> | undefined;
  let careers = new Map<string, Promise<CareerWithMetrics | undefined>>();
  let memos = new Map<string, Promise<unknown>>();
  const invalidate = () => {
    cache.invalidate();
    index = undefined;
    careers = new Map();
    memos = new Map();
  };
  const watcher = options.watchChanges === false ? undefined : watchChanges(deps.db.$client, deps.log, invalidate, options.changePollMs ?? 1_000);
  const windowSec = options.rateWindowSec ?? 60;
  const limiter = new RateLimiter(deps.db.$client, deps.log, 250, options.maxTrackedClients);
  const compareCounts = new Map<string, number>();
  // Flushes run one after another, so a caller awaiting one sees every earlier count written.
  let countsWritten = Promise.resolve();
  const flushCounts = () => {
    countsWritten = countsWritten.then(async () => {
      if (compareCounts.size === 0) return;
      const batch = new Map(compareCounts);
      compareCounts.clear();
      await addCompareCounts(deps.db, batch).catch((err: Error) => deps.log.warn({ err: err.message }, 'compare counts not saved'));
    });
    return countsWritten;
  };
  const timer = setInterval(() => {
    void flushCounts();
  }, 5_000);
  timer.unref();
  const s: ApiServices = {
    cache,
    watcher,
    limiter,
    policies: {
      anonymous: { name: 'anonymous', limit: options.anonymousPerMinute ?? 120, windowSec },
      keyed: { name: 'key', limit: options.keyedPerMinute ?? 1_200, windowSec },
      pages: { name: 'pages', limit: options.pagesPerMinute ?? options.anonymousPerMinute ?? 120, windowSec },
      authFailures: { name: 'auth-failures', limit: options.authFailuresPerMinute ?? 30, windowSec },
    },
    trustProxy: options.trustProxy ?? { hops: 0 },
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024,
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      const map = memos;
      let p = map.get(key) as Promise<T> | undefined;
      if (!p) {
        p = load();
        p.catch(() => map.delete(key));
        if (map.size >= 500) map.clear();
        map.set(key, p);
      }
      return p;
    },
    searchIndex() {
      if (!index) {
        const p = loadSearchRows(deps.db).then((rows) => new CareerSearchIndex(rows));
        p.catch(() => {
          if (index === p) index = undefined;
        });
        index = p;
      }
      return index;
    },
    career(slugOrCode) {
      let p = careers.get(slugOrCode);
      if (!p) {
        const map = careers;
        p = findCareer(deps.db, slugOrCode);
        p.then(
          (c) => {
            if (!c) map.delete(slugOrCode);
          },
          () => map.delete(slugOrCode),
        );
        if (map.size > 5_000) map.clear();
        map.set(slugOrCode, p);
      }
      return p;
    },
    pair: createPairReader(deps.db),
    knownReads: new LRUCache({ max: 20_000 }),
    countCompare(a, b) {
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      compareCounts.set(key, (compareCounts.get(key) ?? 0) + 1);
    },
    flushCounts,
    async stop() {
      clearInterval(timer);
      await watcher?.stop();
      await limiter.stop();
      await flushCounts();
    },
  };
  services.set(deps, s);
  return s;
}

/** Strong ETag of a body: the content version when one is known, else a hash of the bytes. */
export function etagOf(version: string | null, body: string): string {
  return `"${version ?? createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

export const API_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === etag || v === '*' || v === `W/${etag}`;
  });
}

/** A validated read's cache key, and what its route does on every answer besides serving it. */
export interface KnownRead {
  key: string;
  onServe?: () => void;
}

/** The cached answer as a response: the body with its ETag and Cache-Control, or 304 when the client holds this version. */
function answer(c: Context, entry: CachedEntry): Response {
  const headers: Record<string, string> = { ETag: entry.etag, 'Cache-Control': API_CACHE_CONTROL };
  if (matches(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = entry.contentType ?? 'application/json';
  return c.body(entry.body, (entry.status ?? 200) as 200, headers);
}

/**
 * Answers from the in-process cache (loading on a miss): the body with its ETag and
 * Cache-Control, or 304 when the client already holds this version.
 */
export async function serveCached(c: Context, key: string, load: () => Promise<LoadedEntry>): Promise<Response> {
  return answer(c, await apiServices(c.get('deps')).cache.get(key, load));
}

/** The request's path and query as sent, without scheme and host. */
function requestTarget(c: Context): string {
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/**
 * Serves a GET whose exact target an earlier request already validated and answered, while
 * that answer is cached: the guards before it (auth, rate limits) have run, and routing and
 * parameter validation are skipped, since they would give the same result for the same target.
 * Anything else (a new target, a changed cache, another method) goes on to the routes.
 */
export function serveKnownReads(): MiddlewareHandler {
  return async (c, next) => {
    // Operators' routes authenticate in their own handlers: never answered here.
    if (c.req.method !== 'GET' || c.req.path.startsWith('/v1/ops')) return next();
    const svc = apiServices(c.get('deps'));
    const known = svc.knownReads.get(requestTarget(c));
    const entry = known && svc.cache.cached(known.key);
    if (!known || !entry) return next();
    known.onServe?.();
    return answer(c, entry);
  };
}

declare const jsonOf: unique symbol;
/** A cache entry whose body is the JSON of a `T` (the type is carried for the route's typed response). */
export type JsonEntry<T> = LoadedEntry & { readonly [jsonOf]?: T };

/** A cache entry for a JSON value, its ETag from `version` (prefixed by the answer's shape). */
export function jsonEntry<T>(value: T, version: string | null): JsonEntry<T> {
  const body = JSON.stringify(value);
  return { body, etag: etagOf(version, body) };
}

/**
 * `serveCached` for a typed JSON API read: the answer is typed as the entry's value as JSON, so the route
 * checks that what its handler builds matches the schema it documents. The body is the cached
 * bytes (or a 304), which is why the type is asserted here, once, rather than built by `c.json`.
 * The request's target is remembered with `key` (and `onServe`, run on every answer), so that
 * its next reads are served before routing (`serveKnownReads`).
 */
export async function serveCachedJson<T>(
  c: Context,
  key: string,
  load: () => Promise<JsonEntry<T>>,
  onServe?: () => void,
): Promise<TypedResponse<JSONParsed<T>, 200, 'json'>> {
  const svc = apiServices(c.get('deps'));
  const res = answer(c, await svc.cache.get(key, load));
  svc.knownReads.set(requestTarget(c), { key, onServe });
  onServe?.();
  return res as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}
