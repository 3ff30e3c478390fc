/**
 * The server's problem types and field-error codes the console says in its own words. The
 * server writes its `detail` in English; staff reading Persian get these instead, and anything
 * not listed falls back to a sentence chosen by the HTTP status.
 */

/** Problem slugs (the end of `urn:rebound:problem:<slug>`) with a console translation. */
export const PROBLEM_SLUGS = [
  'unauthorized',
  'conflict',
  'validation',
  'case-not-found',
  'submission-not-found',
  'not-found',
  'nothing-to-undo',
  'bad-cursor',
  'body-too-large',
  'not-merged',
  'too-many-requests',
] as const;
export type ProblemSlug = (typeof PROBLEM_SLUGS)[number];

/** zod's issue codes, as the worker passes them on in `errors[].code`. */
export const FIELD_ERROR_CODES = ['too_big', 'too_small', 'invalid_format', 'invalid_type', 'invalid_value', 'custom'] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The slug of a problem `type` such as `urn:rebound:problem:conflict`, or null. */
export function problemSlug(type: string | undefined): string | null {
  const m = /^urn:rebound:problem:([a-z0-9-]+)$/.exec(type ?? '');
  return m?.[1] ?? null;
}

export function isProblemSlug(slug: string | null): slug is ProblemSlug {
  return slug !== null && (PROBLEM_SLUGS as readonly string[]).includes(slug);
}

export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return (FIELD_ERROR_CODES as readonly string[]).includes(code);
}
