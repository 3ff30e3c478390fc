/** `GET /v1/admin/metrics`: what the merchant sees at a glance. Durations are milliseconds. */
import * as z from 'zod/mini';
import { Kind } from './submission.ts';
import { RootCause } from './cases.ts';

const Percent = z.nullable(z.number());
const Duration = z.nullable(z.number());

export const Metrics = z.object({
  /** Case figures cover cases opened in the last `caseWindowDays` days. */
  caseWindowDays: z.int(),
  /** Counts of 1..5 stars among reviews (any status except spam). */
  ratingDistribution: z.tuple([z.int(), z.int(), z.int(), z.int(), z.int()]),
  /** One row per day (UTC) and kind, the last 30 days. */
  submissionsPerDay: z.array(z.object({ day: z.string(), kind: Kind, count: z.int() })),
  averageRatingPerDay: z.array(z.object({ day: z.string(), average: z.number(), count: z.int() })),
  complaints30d: z.int(),
  cases: z.object({ open: z.int(), total: z.int() }),
  /** Nearest-rank median and 90th percentile, milliseconds. */
  timeToFirstResponse: z.object({ median: Duration, p90: Duration, count: z.int() }),
  /** Opening to resolution, net of time spent awaiting the customer. */
  timeToResolution: z.object({ median: Duration, p90: Duration, count: z.int() }),
  /** Share of cases answered by their first-response due time (pauses moved the due time). */
  slaKeptPercent: Percent,
  /** Share of re-rated cases whose customer re-rated 4 or 5 stars. */
  recoveryRatePercent: Percent,
  /** Share of promised dates met by the resolution. */
  promisesKeptPercent: Percent,
  rootCauses: z.array(z.object({ rootCause: RootCause, count: z.int() })),
});
export type Metrics = z.infer<typeof Metrics>;
