import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/context.js';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'CareerLens API',
    version: '1.0.0',
    description:
      'Precomputed career comparisons and profiles. Every answer carries a strong ETag (send If-None-Match for a 304) ' +
      'and RateLimit headers; errors are application/problem+json with a request id. ' +
      'An API key (Authorization: Bearer <key>) is optional and raises the rate limit. ' +
      "The operators' API (`/v1/ops`, tag `ops`) needs an operator key.",
    // Not open source (SPDX has no id for that, hence a LicenseRef): offered under the operator's terms.
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'careers', description: 'Careers: search, profiles, skills, trends, salaries by survey, similar careers' },
    { name: 'compare', description: 'Two careers side by side, with verdicts and the transition between them' },
    { name: 'changes', description: 'What changed since a cursor: careers and pairs with new versions' },
    { name: 'ops', description: "The operators' API: sources, runs, recomputes, alerts, the audit log and title pins. Every operation needs an operator key." },
  ],
};

/**
 * Bearer API keys: optional on the client API (anonymous calls are allowed at a lower rate
 * limit); the operators' API takes only keys with the operator role (`careerlens keys create --role operator`).
 */
const securitySchemes = {
  bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API key issued by the operator; raises the rate limit.' },
  operatorKey: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'An API key with the operator role. No key answers 401; an unknown, revoked or client key answers 403.',
  },
};

/** Collects the OpenAPI 3.1 document of the given routers (mounted under /v1). */
export function buildOpenApiDocument(v1: OpenAPIHono<AppEnv>) {
  const doc = v1.getOpenAPI31Document(OPENAPI_INFO);
  const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, item]) => [`/v1${p}`, item]));
  // The generator writes its own components (the schemas), so the security schemes join them here.
  const components = { ...doc.components, securitySchemes };
  return { ...doc, paths, components, security: [{}, { bearerAuth: [] }] };
}
