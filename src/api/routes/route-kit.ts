import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { ProblemSchema } from '../openapi-schemas.js';
import { errorCodes, problem, type ErrorCode } from '../../http/errors.js';

const codeOfStatus: Record<number, ErrorCode> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  429: 'rate-limited',
  503: 'not-ready',
};

/** The problem+json responses a route can give, for its OpenAPI description. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 429 | 503)[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: errorCodes[codeOfStatus[s]!].title,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>;
}

/**
 * Invalid parameters answer 400 problem+json naming each bad field and what it expects; the
 * given value is never echoed back (it may be hostile or huge).
 */
export function validationHook(result: { success: boolean; error?: ZodError }, c: Context) {
  if (result.success || !result.error) return;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
  return problem(c, 'invalid-request', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
