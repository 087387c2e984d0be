import type { FetcherOptions, RetryEvent } from './types.js';
import { resolveWithSystem, type ResolveHost } from './url-policy.js';

/** Identifies the bot and where to read about it, as publishers' abuse desks expect. */
export const DEFAULT_USER_AGENT = 'CareerLens/0.1 (+https://github.com/careerlens; data refresh bot)';

/** Largest body read by default (64 MiB): with its text and parsed rows it fits a worker heap capped at 384 MB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 2 ** 20;

/** Options with every default filled in. */
export interface ResolvedOptions {
  userAgent: string;
  robotsAgent: string;
  perHostConcurrency: number;
  perHostMinDelayMs: number;
  attemptTimeoutMs: number;
  deadlineMs: number;
  retries: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  retryAfterCapMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateNetworks: boolean;
  allowHosts: readonly string[];
  fileRoots: readonly string[];
  robotsTtlMs: number;
  robotsUnreachableTtlMs: number;
  robotsMaxBytes: number;
  resolveHost: ResolveHost;
  random: () => number;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

/** Fills in defaults and rejects nonsense values at construction, not at the first request. */
export function resolveFetcherOptions(options: FetcherOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    robotsAgent: (options.robotsAgent ?? 'careerlens').toLowerCase(),
    perHostConcurrency: options.perHostConcurrency ?? 2,
    perHostMinDelayMs: options.perHostMinDelayMs ?? 1000,
    attemptTimeoutMs: options.attemptTimeoutMs ?? 30_000,
    deadlineMs: options.deadlineMs ?? 30 * 60_000,
    retries: options.retries ?? 4,
    backoffBaseMs: options.backoffBaseMs ?? 500,
    backoffCapMs: options.backoffCapMs ?? 30_000,
    retryAfterCapMs: options.retryAfterCapMs ?? 120_000,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: options.maxRedirects ?? 5,
    allowPrivateNetworks: options.allowPrivateNetworks ?? false,
    allowHosts: options.allowHosts ?? [],
    fileRoots: options.fileRoots ?? [],
    robotsTtlMs: options.robotsTtlMs ?? 24 * 3_600_000,
    robotsUnreachableTtlMs: options.robotsUnreachableTtlMs ?? 3_600_000,
    robotsMaxBytes: options.robotsMaxBytes ?? 500 * 1024,
    resolveHost: options.resolveHost ?? resolveWithSystem,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
  };
  const positive = ['perHostConcurrency', 'attemptTimeoutMs', 'deadlineMs', 'maxBytes', 'robotsMaxBytes'] as const;
  for (const key of positive) {
    if (!(resolved[key] > 0)) throw new RangeError(`fetcher option ${key} must be > 0, got ${resolved[key]}`);
  }
  const nonNegative = ['perHostMinDelayMs', 'retries', 'backoffBaseMs', 'backoffCapMs', 'retryAfterCapMs', 'maxRedirects'] as const;
  for (const key of nonNegative) {
    if (!(resolved[key] >= 0)) throw new RangeError(`fetcher option ${key} must be >= 0, got ${resolved[key]}`);
  }
  return resolved;
}
