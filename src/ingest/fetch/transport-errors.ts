import type { AttemptFailure } from './fetch-error.js';

/** An attempt ran past `attemptTimeoutMs` (no answer, or no body bytes for that long). */
export class AttemptTimeoutError extends Error {
  override name = 'AttemptTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly phase: 'headers' | 'body',
  ) {
    super(`no ${phase === 'headers' ? 'answer' : 'body data'} within ${timeoutMs} ms`);
  }
}

/** The body grew past `maxBytes`; the connection is cut at once rather than buffering more. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`body exceeds the ${formatBytes(maxBytes)} limit (maxBytes)`);
  }
}

/** Turns an error thrown while sending or reading into an attempt failure (retryable or not). */
export function describeTransportError(error: unknown): AttemptFailure {
  if (error instanceof AttemptTimeoutError) {
    return { code: 'timeout', retryable: true, detail: `timed out: ${error.message}`, cause: error };
  }
  if (error instanceof BodyTooLargeError) {
    return { code: 'too-large', retryable: false, detail: `was cut off: ${error.message}`, cause: error };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const what = message === 'aborted' ? 'connection closed before the whole body arrived' : message;
  return { code: 'network', retryable: true, detail: `failed: ${what}${code && !what.includes(code) ? ` (${code})` : ''}`, cause: error };
}

/** "200 MiB", "512 KiB", "900 bytes": sizes for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
