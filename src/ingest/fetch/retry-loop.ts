import { computeRetryDelay } from './backoff.js';
import { createFetchError, FetchError } from './fetch-error.js';
import { exchangeOnce, type ExchangeContext, type ExchangeOutcome } from './exchange.js';
import { sleepFor } from './sleep.js';
import { checkScheme } from './url-policy.js';
import type { RetryEvent } from './types.js';

/** The overall deadline of one fetch() call passed. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  constructor(readonly deadlineMs: number) {
    super(`did not finish within the ${deadlineMs} ms overall deadline (deadlineMs)`);
  }
}

/** One fetch() call in progress: its combined deadline/caller signal and its attempt count. */
export interface Run {
  signal: AbortSignal;
  deadlineAt: number;
  attempts: number;
  dispose(): void;
}

/** Starts a run whose signal aborts at the deadline (DeadlineExceededError) or with the caller's signal. */
export function startRun(deadlineMs: number, callerSignal?: AbortSignal): Run {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(deadlineMs)), deadlineMs);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    deadlineAt: Date.now() + deadlineMs,
    attempts: 0,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** How to retry: counts and delays, in ms. */
export interface RetryPolicy {
  retries: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  retryAfterCapMs: number;
  random: () => number;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

type Answer = Extract<ExchangeOutcome, { kind: 'body' } | { kind: 'not-modified' }>;

/**
 * Fetches `url`, following up to `maxRedirects` redirects by hand so that every hop passes the
 * scheme check here and the address check in exchangeOnce. `beforeHop` may stop the walk with
 * a value (a robots.txt refusal). Throws FetchError, or the run signal's reason when aborted.
 */
export async function followRedirects<T>(
  ctx: ExchangeContext,
  policy: RetryPolicy & { maxRedirects: number },
  start: URL,
  headers: Record<string, string>,
  run: Run,
  beforeHop: (url: URL) => Promise<T | null>,
): Promise<{ kind: 'answer'; answer: Answer; finalUrl: URL } | { kind: 'stopped'; value: T }> {
  let current = start;
  for (let hop = 0; ; hop += 1) {
    const stop = await beforeHop(current);
    if (stop !== null) return { kind: 'stopped', value: stop };
    const outcome = await exchangeWithRetries(ctx, policy, current, headers, run);
    if (outcome.kind !== 'redirect') return { kind: 'answer', answer: outcome, finalUrl: current };
    const next = URL.canParse(outcome.location, current) ? new URL(outcome.location, current) : null;
    const refusal = next === null ? 'which is not a valid URL' : checkScheme(next, false, true)?.detail;
    if (next === null || refusal) {
      const detail = `answered ${outcome.status} to ${next?.href ?? JSON.stringify(outcome.location)}, ${refusal}`;
      throw createFetchError({ code: 'bad-scheme', retryable: false, detail }, start.href, run.attempts);
    }
    if (hop >= policy.maxRedirects) {
      const detail = `was redirected more than ${policy.maxRedirects} times (last to ${next.href})`;
      throw createFetchError({ code: 'too-many-redirects', retryable: false, detail }, start.href, run.attempts);
    }
    current = next;
  }
}

async function exchangeWithRetries(ctx: ExchangeContext, policy: RetryPolicy, url: URL, headers: Record<string, string>, run: Run) {
  for (let attempt = 1; ; attempt += 1) {
    // Counted up front so an attempt cut short by the deadline still shows in the error.
    run.attempts += 1;
    const outcome = await exchangeOnce(ctx, url, headers, run.signal);
    if (outcome.kind !== 'failure') return outcome;
    const { failure } = outcome;
    if (!outcome.counted) run.attempts -= 1;
    if (!failure.retryable || attempt > policy.retries) throw createFetchError(failure, url.href, run.attempts);
    const delayMs = computeRetryDelay(attempt, failure.retryAfterMs, backoffOf(policy), policy.random);
    if (Date.now() + delayMs >= run.deadlineAt) {
      throw createFetchError(failure, url.href, run.attempts, `the next retry, in ${delayMs} ms, would pass the overall deadline`);
    }
    policy.onRetry?.({ url: url.href, attempt, delayMs, reason: failure.detail });
    await sleepFor(delayMs, run.signal);
  }
}

function backoffOf(policy: RetryPolicy) {
  return { baseMs: policy.backoffBaseMs, capMs: policy.backoffCapMs, retryAfterCapMs: policy.retryAfterCapMs };
}

/** Maps an error escaping a run: the deadline becomes a 'timeout' FetchError, a caller abort passes through. */
export function translateRunError(error: unknown, run: Run, url: string): unknown {
  if (!run.signal.aborted || error instanceof FetchError) return error;
  const reason: unknown = run.signal.reason;
  if (!(reason instanceof DeadlineExceededError)) return reason;
  return createFetchError({ code: 'timeout', retryable: false, detail: reason.message, cause: reason }, url, run.attempts, 'no more retries');
}
