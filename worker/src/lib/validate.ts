/**
 * Request validation from the shared zod schemas. Failures become problem+json: 422 for a body
 * that parsed but broke the schema, 400 for a bad query, header or malformed JSON, 415 for a body
 * that is not JSON. Types flow from the schema to `c.req.valid(target)`.
 */
import { zValidator } from '@hono/zod-validator';
import { createMiddleware } from 'hono/factory';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { ProblemError, validationProblem } from './problem.ts';

export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodMiniType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationProblem(result.error.issues, target === 'json' ? 422 : 400);
  });
}

/** Refuses bodies that are not `application/json` before anything reads them. */
export const requireJson = createMiddleware<AppEnv>(async function requireJson(c, next) {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json.');
  }
  await next();
});
