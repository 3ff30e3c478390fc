/**
 * `GET /v1/sites/{site}/ratings?subjects=a,b,c`: the summaries `<rb-stars>` badges show on a
 * listing page, for up to 50 subjects in one request.
 */
import * as z from 'zod/mini';
import { Subject } from './submission.ts';

export const MAX_RATING_SUBJECTS = 50;

/** The subjects of a ratings request, in order, each once. */
export function splitSubjects(value: string): string[] {
  return [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

export const RatingsQuery = z.strictObject({
  /** Comma-separated subjects (a subject never holds a comma), 1 to 50 of them. */
  subjects: z.string().check(
    z.maxLength(MAX_RATING_SUBJECTS * 201),
    z.refine(
      (value) => {
        const subjects = splitSubjects(value);
        return subjects.length >= 1 && subjects.length <= MAX_RATING_SUBJECTS && subjects.every((s) => Subject.safeParse(s).success);
      },
      { message: `1 to ${MAX_RATING_SUBJECTS} comma-separated subjects` },
    ),
  ),
});

export const Rating = z.object({
  count: z.int(),
  /** Mean rating rounded to one decimal; null while there are no ratings. */
  average: z.nullable(z.number()),
});
export type Rating = z.infer<typeof Rating>;

export const Ratings = z.object({
  /** One entry per requested subject, also for subjects without reviews (count 0). */
  ratings: z.record(z.string(), Rating),
});
export type Ratings = z.infer<typeof Ratings>;
