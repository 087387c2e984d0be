import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AttemptFailure } from './fetch-error.js';
import type { HostLimiter } from './host-limiter.js';
import { parseRetryAfter } from './backoff.js';
import { readResponseBody } from './read-body.js';
import { sendRequest, type Agents } from './send-request.js';
import { BodyTooLargeError, describeTransportError } from './transport-errors.js';
import { resolveAllowedAddresses, type UrlPolicy } from './url-policy.js';

/** What one exchange needs from its fetcher. */
export interface ExchangeContext {
  policy: UrlPolicy;
  limiter: HostLimiter;
  agents: Agents;
  /** Connect + response headers, and then the longest gap between body chunks, in ms. */
  attemptTimeoutMs: number;
  maxBytes: number;
  /** Keep the first maxBytes instead of failing (robots.txt). */
  truncateBody: boolean;
}

/** The outcome of one request: a body, a 304, a redirect to follow, or a failure. */
export type ExchangeOutcome =
  | { kind: 'body'; status: number; headers: IncomingHttpHeaders; body: Buffer; truncated: boolean }
  | { kind: 'not-modified'; headers: IncomingHttpHeaders }
  | { kind: 'redirect'; status: number; location: string }
  /** `counted` is false only when the URL policy refused the host before any network activity. */
  | { kind: 'failure'; failure: AttemptFailure; counted: boolean };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * One attempt at `url`: checks where it resolves, waits for the host's turn, sends, reads.
 * Never throws for an expected failure; rethrows only the signal's reason when aborted.
 */
export async function exchangeOnce(ctx: ExchangeContext, url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<ExchangeOutcome> {
  const resolved = await resolveAllowedAddresses(url, ctx.policy);
  if ('failure' in resolved) return { kind: 'failure', failure: resolved.failure, counted: resolved.failure.code !== 'blocked-url' };
  const release = await ctx.limiter.acquire(url.host, signal);
  try {
    const response = await sendRequest(url, { headers, addresses: resolved.addresses, timeoutMs: ctx.attemptTimeoutMs, agents: ctx.agents, signal });
    return await readOutcome(ctx, response, signal);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return { kind: 'failure', failure: describeTransportError(error), counted: true };
  } finally {
    release();
  }
}

async function readOutcome(ctx: ExchangeContext, response: IncomingMessage, signal: AbortSignal): Promise<ExchangeOutcome> {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (status === 304) return discard(response, { kind: 'not-modified', headers: response.headers });
  if (REDIRECT_STATUSES.has(status) && location) return discard(response, { kind: 'redirect', status, location });
  if (status >= 200 && status < 300) {
    const declared = Number(response.headers['content-length']);
    if (!ctx.truncateBody && Number.isFinite(declared) && declared > ctx.maxBytes) {
      response.destroy();
      throw new BodyTooLargeError(ctx.maxBytes);
    }
    const limits = { maxBytes: ctx.maxBytes, idleTimeoutMs: ctx.attemptTimeoutMs, truncate: ctx.truncateBody, signal };
    const { body, truncated } = await readResponseBody(response, limits);
    return { kind: 'body', status, headers: response.headers, body, truncated };
  }
  return discard(response, { kind: 'failure', failure: describeStatus(status, response.headers), counted: true });
}

/** 5xx, 408 and 429 may pass; other statuses (404, 403, 410…) will answer the same again. */
function describeStatus(status: number, headers: IncomingHttpHeaders): AttemptFailure {
  const retryable = status >= 500 || status === 408 || status === 429;
  const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now()) ?? undefined;
  const failure: AttemptFailure = { code: 'http-status', retryable, status, detail: `answered ${status}` };
  if (retryable && retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

/** Drops an unwanted body: drains a small one so the keep-alive socket is reused, cuts a large one. */
function discard<T>(response: IncomingMessage, outcome: T): T {
  response.on('error', () => {});
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared <= 64 * 1024) response.resume();
  else response.destroy();
  return outcome;
}
