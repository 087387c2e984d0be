import type { ResolveHost } from './url-policy.js';

/** Options of {@link createFetcher}; every field has a polite, production-safe default. */
export interface FetcherOptions {
  /** Sent on every request so publishers can see who we are and how to reach us. */
  userAgent?: string;
  /** Product token looked up in robots.txt User-agent lines (case-insensitive). Default "careerlens". */
  robotsAgent?: string;
  /** Requests in flight per host ("name:port"). Default 2: a small site must not feel us. */
  perHostConcurrency?: number;
  /** Minimum ms between two request starts on one host. Default 1000; robots Crawl-delay can raise it. */
  perHostMinDelayMs?: number;
  /** Per attempt, ms: connect + response headers, then the longest silence between body chunks. Default 30 000. */
  attemptTimeoutMs?: number;
  /** Overall ms for one fetch() call: robots, host queue, every attempt, backoff and redirect. Default 30 min. */
  deadlineMs?: number;
  /** Extra attempts after the first on network errors, timeouts, 5xx, 408 and 429. Default 4. */
  retries?: number;
  /** Backoff ceiling of the first retry, in ms, doubling per failure, with full jitter. Default 500. */
  backoffBaseMs?: number;
  /** Largest single backoff delay, in ms. Default 30 000. */
  backoffCapMs?: number;
  /** Largest wait a Retry-After header can impose, in ms, so one header cannot park a run. Default 120 000. */
  retryAfterCapMs?: number;
  /** Largest decoded body, in bytes; larger aborts with code 'too-large'. Default 64 MiB (FETCH_MAX_BYTES). */
  maxBytes?: number;
  /** Redirect hops followed (each one re-checked against the URL policy). Default 5. */
  maxRedirects?: number;
  /**
   * Legacy: let every host be loopback, private, CGNAT or unique-local. Default false (SSRF guard).
   * Metadata, link-local and reserved addresses stay refused whatever is set.
   */
  allowPrivateNetworks?: boolean;
  /** Hosts allowed to be private: "host:port" or "host" (any port), e.g. a local mirror "127.0.0.1:8080". Default none. */
  allowHosts?: readonly string[];
  /**
   * Directories file: URLs may read from (symbolic links resolved first). Default none: file:
   * URLs are refused. Redirects never reach file:.
   */
  fileRoots?: readonly string[];
  /** How long a fetched robots.txt is trusted, in ms. Default 24 h (RFC 9309 §2.4). */
  robotsTtlMs?: number;
  /** How long an unreachable robots.txt (5xx, network) keeps its origin disallowed, in ms. Default 1 h (about one run). */
  robotsUnreachableTtlMs?: number;
  /** Largest robots.txt read, in bytes; the rest is ignored. Default 500 KiB (RFC 9309 §2.5). */
  robotsMaxBytes?: number;
  /** Resolves a host name to all its addresses. Default: the system resolver. For tests. */
  resolveHost?: ResolveHost;
  /** Source of jitter in [0, 1). Default Math.random. For tests. */
  random?: () => number;
  /** Called before each retry wait, so a run can log or show progress. */
  onRetry?: (event: RetryEvent) => void;
}

/** One retry about to happen. */
export interface RetryEvent {
  url: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  /** Wait before the next attempt, in ms. */
  delayMs: number;
  /** What went wrong, e.g. "answered 503". */
  reason: string;
}

/** Per-call inputs of {@link Fetcher.fetch}. */
export interface FetchRequest {
  /** ETag from the previous fetch, sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified from the previous fetch, sent as If-Modified-Since. */
  lastModified?: string | null;
  /** sha256 hex of the previous body; an identical body ends as unchanged ('same-hash'). */
  previousHash?: string | null;
  /** Honor robots.txt: true for crawled pages, false for published data files. Default false. */
  robots?: boolean;
  /** Cancels the call; the promise then rejects with the signal's reason (not a FetchError). */
  signal?: AbortSignal;
}

/** The body of a successful fetch, plus what the next conditional fetch needs. */
export interface FetchedResult {
  status: 'fetched';
  url: string;
  finalUrl: string;
  body: Buffer;
  /** sha256 of the body, lowercase hex. */
  hash: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** Requests sent, over all redirect hops (robots.txt not counted). */
  attempts: number;
  /** Body size in bytes (after content decoding). */
  bytes: number;
}

/** The source did not change since the previous fetch: the run ends "unchanged" and emits nothing. */
export interface UnchangedResult {
  status: 'unchanged';
  /** 'not-modified': the server answered 304; 'same-hash': the body hashed to previousHash. */
  reason: 'not-modified' | 'same-hash';
  url: string;
  finalUrl: string;
  /** Present for 'same-hash' (the body was read); null for 'not-modified'. */
  hash: string | null;
  etag: string | null;
  lastModified: string | null;
  attempts: number;
}

/** robots.txt forbids the URL: a record for the run's report, not a failure. */
export interface DisallowedResult {
  status: 'disallowed';
  /** The URL refused (a redirect target when a redirect led there). */
  url: string;
  /** The deciding rule, e.g. "Disallow: /private (robots.txt line 3)". */
  rule: string;
  /** A sentence for operators: whose robots.txt, and what happens. */
  reason: string;
}

export type FetchResult = FetchedResult | UnchangedResult | DisallowedResult;

/** The one fetcher every ingest source uses. */
export interface Fetcher {
  /**
   * Fetches an http(s) or file URL politely. Expected outcomes are the returned union;
   * infrastructure failures throw {@link FetchError} with a code from a closed list.
   */
  fetch(url: string | URL, request?: FetchRequest): Promise<FetchResult>;
  /** Closes idle keep-alive sockets; call when the run ends. */
  close(): void;
}
