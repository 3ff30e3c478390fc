/**
 * Problem details (RFC 9457) for every error the worker sends. Routes throw `ProblemError`
 * (or Hono's `HTTPException`) and the app's one error handler turns it into a response.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { type FieldError, type Problem, PROBLEM_CONTENT_TYPE } from '../../../shared/problem.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** A known, client-facing error. `type` is a short slug, expanded to a URN in the response. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? slug);
    this.name = 'ProblemError';
  }
}

export function problemBody(status: number, slug: string, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:rebound:problem:${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  status: number,
  slug: string,
  detail?: string,
  errors?: FieldError[],
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(problemBody(status, slug, detail, errors)), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** Maps any thrown value to a problem response; unknown errors are logged and hidden. */
export function toProblemResponse(err: unknown): Response {
  if (err instanceof ProblemError) {
    return problemResponse(err.status, err.slug, err.detail, err.errors, err.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const slug = status === 413 ? 'body-too-large' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http-error';
    const headers: Record<string, string> = {};
    const res = err.getResponse();
    for (const name of ['retry-after', 'www-authenticate']) {
      const value = res.headers.get(name);
      if (value) headers[name] = value;
    }
    return problemResponse(status, slug, err.message || undefined, undefined, headers);
  }
  console.error('unhandled error', err);
  return problemResponse(500, 'internal', 'Something went wrong on our side. It has been logged.');
}

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  const params = 'params' in issue ? (issue.params as { reason?: string } | undefined) : undefined;
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${String(issue.minimum)} characters`;
      return `must be at least ${String(issue.minimum)}`;
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return params?.reason ?? 'is invalid';
  }
}

/** zod issues → the problem's `errors` list, one entry per offending field. */
export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => {
    const params = 'params' in issue ? (issue.params as { reason?: string } | undefined) : undefined;
    return {
      path: issue.path.map(String).join('.'),
      code: params?.reason ?? issue.code,
      message: describe(issue),
    };
  });
}

/** A 422 for a body that failed its schema (400 for query strings and headers). */
export function validationProblem(issues: readonly Issue[], status: 400 | 422 = 422): ProblemError {
  return new ProblemError(status, 'validation', 'The request has invalid fields.', fieldErrors(issues));
}
