/**
 * Field errors from either side, in one shape: client-side zod issues are reduced exactly as the
 * server reduces them into problem+json `errors` (`code` = the issue's `params.reason`, else its
 * zod code), so the form shows both the same way, localised by code.
 */
import type { FieldError } from '../../../shared/problem.ts';

interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  params?: Record<string, unknown>;
}

export function issuesToErrors(issues: readonly IssueLike[]): FieldError[] {
  return issues.map((issue) => {
    const reason = issue.params?.reason;
    return {
      path: issue.path.map(String).join('.'),
      code: typeof reason === 'string' ? reason : issue.code,
      message: issue.message,
    };
  });
}

/** The first error code per field path; paths the form does not show collect under ''. */
export function errorsByField(errors: readonly FieldError[], shown: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, code } of errors) {
    const field = shown.includes(path) ? path : '';
    out[field] ??= code;
  }
  return out;
}

/** The localised message for an error code; a missing rating reads better than a type error. */
export function errorText(strings: Record<string, string>, path: string, code: string): string {
  if (path === 'rating') return strings.err_rating ?? code;
  return strings[`err_${code}`] ?? strings.err_generic ?? code;
}
