/** `GET /v1/openapi.json`: the API described from the shared zod schemas. */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { buildOpenApi } from '../openapi.ts';

let cached: string | null = null;

export const openapiRoutes = new Hono<AppEnv>().get('/openapi.json', function openapi(c) {
  // The document depends only on the code, so build it once per isolate.
  cached ??= JSON.stringify(buildOpenApi(new URL(c.req.url).origin));
  return c.body(cached, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
});
