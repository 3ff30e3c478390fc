/** RFC 9457 problem details: the one error shape of every endpoint. */
import * as z from 'zod/mini';

export const FieldError = z.object({
  /** Dotted path of the offending field, e.g. `author.email`; '' for the whole body. */
  path: z.string(),
  /** A stable machine code (zod's issue code, or ours), for clients to localise. */
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
