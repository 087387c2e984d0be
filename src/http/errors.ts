import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The closed list of API error codes and the status each maps to. */
export const errorCodes = {
  'not-found': { status: 404, title: 'Not found' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'not-ready': { status: 503, title: 'Not ready' },
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ErrorCode = keyof typeof errorCodes;

/** An expected API error: answered as application/problem+json with its code's status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** Renders an RFC 9457 problem document carrying the request id. */
export function problem(c: Context, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Response {
  const { status, title } = errorCodes[code];
  return c.json(
    { type: `https://careerlens.dev/problems/${code}`, title, status, detail, requestId: c.get('requestId'), ...extra },
    status as ContentfulStatusCode,
    { 'content-type': 'application/problem+json' },
  );
}

/** The one error handler: expected errors as themselves, anything else as a logged 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return problem(c, err.code, err.message, err.extra);
  if (err instanceof HTTPException) {
    const code = (Object.keys(errorCodes) as ErrorCode[]).find((k) => errorCodes[k].status === err.status) ?? 'invalid-request';
    return problem(c, code, err.message || errorCodes[code].title);
  }
  if (isDatabaseUnavailable(err)) {
    c.get('deps')?.log.warn({ requestId: c.get('requestId'), err: err.message }, 'database unavailable or too slow for this request');
    c.header('Retry-After', '5');
    return problem(c, 'unavailable', 'the database is unavailable or the query took too long; retry shortly');
  }
  c.get('deps')?.log.error({ requestId: c.get('requestId'), err: { message: err.message, stack: err.stack } }, 'request failed');
  return problem(c, 'internal', 'The server failed to answer; the error is logged with this request id.');
}

/**
 * PostgreSQL could not answer: not reachable, shutting down, or the statement timeout
 * (57014) cut the query. The client should retry; nothing is wrong with its request.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return (
    code === '57014' ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '53300' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'].includes(code)
  );
}
