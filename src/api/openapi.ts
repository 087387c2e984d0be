import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'CareerLens API', version: '1.0.0',
    description: 'Precomputed career comparisons and profiles. Every answer carries a strong ETag (send If-None-Match for a 304) '
      + 'and RateLimit headers; errors are application/problem+json with a request id. '
      + 'An API key (Authorization: Bearer <key>) is optional and raises the rate limit.',
  },
  servers: [{ url: '/' }],
  components: { securitySchemes: { apiKey: { type: 'http' as const, scheme: 'bearer' } } },
};

/** Collects the OpenAPI 3.1 document of the given routers (mounted under /v1). */
export function buildOpenApiDocument(v1: OpenAPIHono<AppEnv>) {
  const doc = v1.getOpenAPI31Document(OPENAPI_INFO);
  const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, item]) => [`/v1${p}`, item]));
  return { ...doc, paths, security: [{}, { apiKey: [] }] };
}
