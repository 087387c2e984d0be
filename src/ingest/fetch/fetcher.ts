import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { resolveFetcherOptions, type ResolvedOptions } from './defaults.js';
import { createFetchError, FetchError } from './fetch-error.js';
import type { ExchangeContext } from './exchange.js';
import { createHostLimiter } from './host-limiter.js';
import { readFileUrl } from './file-source.js';
import { followRedirects, startRun, translateRunError, type RetryPolicy } from './retry-loop.js';
import { createRobotsCache, type RobotsLoad } from './robots-cache.js';
import { createAgents } from './send-request.js';
import type { DisallowedResult, Fetcher, FetcherOptions, FetchRequest, FetchResult } from './types.js';
import { checkScheme } from './url-policy.js';

/**
 * Creates the fetcher every ingest source uses: http(s) and file URLs, a per-host concurrency
 * cap and start spacing, robots.txt for crawled pages, retries with jittered backoff,
 * conditional GET and content hashing, a body size cap, and refusal of private addresses.
 * Create one per run (its robots.txt and politeness state are per run) and close() it after.
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const config = resolveFetcherOptions(options);
  const limiter = createHostLimiter({ concurrency: config.perHostConcurrency, minDelayMs: config.perHostMinDelayMs });
  const agents = createAgents();
  const pageCtx: ExchangeContext = {
    policy: { ...config },
    limiter,
    agents,
    attemptTimeoutMs: config.attemptTimeoutMs,
    maxBytes: config.maxBytes,
    truncateBody: false,
  };
  const robotsCtx: ExchangeContext = { ...pageCtx, maxBytes: config.robotsMaxBytes, truncateBody: true };
  const retry: RetryPolicy & { maxRedirects: number } = { ...config };
  const robots = createRobotsCache({
    productToken: config.robotsAgent,
    ttlMs: config.robotsTtlMs,
    unreachableTtlMs: config.robotsUnreachableTtlMs,
    load: (robotsUrl) => loadRobots(robotsCtx, retry, config, robotsUrl),
  });

  const checkRobots = async (url: URL, signal: AbortSignal): Promise<DisallowedResult | null> => {
    const verdict = await robots.check(url, signal);
    if (!verdict.allowed) return { status: 'disallowed', url: url.href, rule: verdict.rule, reason: verdict.reason };
    if (verdict.crawlDelayMs !== null) limiter.raiseMinDelay(url.host, verdict.crawlDelayMs);
    return null;
  };

  return {
    async fetch(input, request = {}) {
      const url = parseUrl(input);
      const refusal = checkScheme(url, config.fileRoots.length > 0);
      if (refusal) throw createFetchError(refusal, url.href, 0);
      if (url.protocol === 'file:') return fetchFile(url, request, config);
      const run = startRun(config.deadlineMs, request.signal);
      try {
        const beforeHop = request.robots ? (hop: URL) => checkRobots(hop, run.signal) : async () => null;
        const walk = await followRedirects(pageCtx, retry, url, buildHeaders(config, request), run, beforeHop);
        if (walk.kind === 'stopped') return walk.value;
        const base = { url: url.href, finalUrl: walk.finalUrl.href, attempts: run.attempts };
        const validators = readValidators(walk.answer.headers, walk.answer.kind === 'not-modified' ? request : {});
        if (walk.answer.kind === 'not-modified') return { status: 'unchanged', reason: 'not-modified', hash: null, ...validators, ...base };
        const { body } = walk.answer;
        const hash = hashBody(body);
        if (hash === request.previousHash) return { status: 'unchanged', reason: 'same-hash', hash, ...validators, ...base };
        const contentType = headerValue(walk.answer.headers['content-type']);
        return { status: 'fetched', body, hash, ...validators, contentType, bytes: body.length, ...base };
      } catch (error) {
        throw translateRunError(error, run, url.href);
      } finally {
        run.dispose();
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** sha256 of a body, lowercase hex: the identity of a raw document across runs. */
export function hashBody(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

async function fetchFile(url: URL, request: FetchRequest, config: ResolvedOptions): Promise<FetchResult> {
  const { body, lastModified } = await readFileUrl(url, config.maxBytes, config.fileRoots);
  const hash = hashBody(body);
  const base = { url: url.href, finalUrl: url.href, etag: null, lastModified, attempts: 1 };
  if (hash === request.previousHash) return { status: 'unchanged', reason: 'same-hash', hash, ...base };
  return { status: 'fetched', body, hash, contentType: null, bytes: body.length, ...base };
}

/** robots.txt through the same polite path (limiter, retries, redirects), never throwing for HTTP trouble (a refused host throws). */
async function loadRobots(ctx: ExchangeContext, retry: RetryPolicy & { maxRedirects: number }, config: ResolvedOptions, robotsUrl: URL): Promise<RobotsLoad> {
  // Its own run: a page's caller aborting must not poison the cached answer shared by other pages.
  const run = startRun(config.deadlineMs);
  try {
    const walk = await followRedirects(ctx, retry, robotsUrl, buildHeaders(config, {}), run, async () => null);
    if (walk.kind === 'stopped' || walk.answer.kind === 'not-modified') return { kind: 'missing' };
    return { kind: 'rules', text: walk.answer.body.toString('utf8') };
  } catch (raw) {
    const error = translateRunError(raw, run, robotsUrl.href);
    // A host no source may reach is refused as such, not read as "robots.txt unreachable".
    if (!(error instanceof FetchError) || error.code === 'blocked-url') throw error;
    const status = error.status;
    // RFC 9309 §2.3.1: 4xx (and too many redirects) mean "no robots.txt"; 5xx and no answer mean "disallow all".
    const clientError = status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408;
    if (clientError || error.code === 'too-many-redirects') return { kind: 'missing' };
    const what = status !== undefined ? `answered ${status}` : error.code;
    return { kind: 'unreachable', detail: `${what} after ${error.attempts} attempt${error.attempts === 1 ? '' : 's'}` };
  } finally {
    run.dispose();
  }
}

function buildHeaders(config: ResolvedOptions, request: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': config.userAgent,
    accept: '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

/**
 * The validators to keep for next time. A 304 may omit them (the request's still hold); a 200
 * without them must not inherit the old ones, or a later 304 would confirm a body we no longer have.
 */
function readValidators(
  headers: IncomingHttpHeaders,
  request: Pick<FetchRequest, 'etag' | 'lastModified'>,
): { etag: string | null; lastModified: string | null } {
  return {
    etag: headerValue(headers.etag) ?? request.etag ?? null,
    lastModified: headerValue(headers['last-modified']) ?? request.lastModified ?? null,
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function parseUrl(input: string | URL): URL {
  if (input instanceof URL) return new URL(input.href);
  if (URL.canParse(input)) return new URL(input);
  const detail = 'was refused: it is not an absolute URL';
  throw createFetchError({ code: 'bad-scheme', retryable: false, detail }, String(input), 0);
}
