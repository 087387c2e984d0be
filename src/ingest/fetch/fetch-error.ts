import { redactUrl } from '../../core/redact.js';

/**
 * The closed list of fetch failure kinds. Callers branch on `code`, never on message text.
 * - `timeout`: an attempt or the overall deadline ran out.
 * - `network`: the transport failed (refused, reset, truncated body, DNS, unreadable file).
 * - `http-status`: the server answered a status that is not a success.
 * - `too-large`: the body exceeded `maxBytes`.
 * - `blocked-url`: the host resolves to a private, loopback or metadata address.
 * - `bad-scheme`: the URL is not http:, https: or (when allowed) file:, or is not a URL at all.
 * - `too-many-redirects`: more than `maxRedirects` hops.
 */
export const FETCH_ERROR_CODES = ['timeout', 'network', 'http-status', 'too-large', 'blocked-url', 'bad-scheme', 'too-many-redirects'] as const;

export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/** One failed attempt, before it becomes a {@link FetchError}; `detail` reads after "GET <url> ". */
export interface AttemptFailure {
  code: FetchErrorCode;
  detail: string;
  /** Whether another attempt may succeed (network errors, timeouts, 5xx, 408, 429). */
  retryable: boolean;
  status?: number;
  /** The server's Retry-After, in ms from when the answer arrived (uncapped). */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Infrastructure failure of a fetch: thrown, because the run cannot continue with this source. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string;
  /** Requests actually sent for this URL (0 when refused before connecting). */
  readonly attempts: number;
  readonly status?: number;

  constructor(message: string, details: { code: FetchErrorCode; url: string; attempts: number; status?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.url = details.url;
    this.attempts = details.attempts;
    if (details.status !== undefined) this.status = details.status;
  }
}

/**
 * Builds the thrown error from the last failure, with a message that says what happened and
 * what happens next, e.g. "GET http://x/ answered 503 after 5 attempts; the run fails and
 * earlier data stays served". `why` adds why it stopped when that is not obvious.
 */
export function createFetchError(failure: AttemptFailure, url: string, attempts: number, why?: string): FetchError {
  const count = attempts === 0 ? '' : ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const stop = why ?? (failure.retryable ? undefined : 'not retried');
  const message = `GET ${redactUrl(url)} ${failure.detail}${count}; ${stop ? `${stop}; ` : ''}the run fails and earlier data stays served`;
  return new FetchError(message, { code: failure.code, url, attempts, status: failure.status, cause: failure.cause });
}
