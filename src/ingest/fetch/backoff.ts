/** Exponential backoff bounds, in milliseconds. */
export interface BackoffPolicy {
  /** Delay ceiling for the first retry; doubles with each failed attempt. */
  baseMs: number;
  /** Upper bound of any single backoff delay. */
  capMs: number;
}

/**
 * Delay before the next attempt after `failedAttempts` failures (1 = first failure), in ms.
 * Full jitter (uniform in [0, min(cap, base·2^(n-1))]) so that many clients hitting the same
 * outage spread out instead of retrying in synchronized waves.
 */
export function computeBackoffDelay(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header into ms from `nowMs`: either delta-seconds ("120") or an
 * HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"). Returns null when absent or malformed, so the
 * caller falls back to its own backoff. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the three HTTP-date shapes (a day name, then a time): Date.parse alone accepts "1.5".
  if (!/^[a-z]{3,9},? .*\b\d{1,2}:\d{2}:\d{2}\b/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Wait before retrying, in ms: the server's Retry-After when it gave one (capped at
 * `retryAfterCapMs` so one header cannot park a run for hours), otherwise the jittered backoff.
 */
export function computeRetryDelay(
  failedAttempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy & { retryAfterCapMs: number },
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.retryAfterCapMs);
  return computeBackoffDelay(failedAttempts, policy, random);
}
