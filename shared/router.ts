/** Staff API of the text router: its "needs a look" lane and what it learned from staff. */
import * as z from 'zod/mini';

/** Why staff corrected the router: the item's customer was unhappy, or it was not a problem. */
export const RouterCorrection = z.enum(['unhappy', 'not-a-problem']);
export type RouterCorrection = z.infer<typeof RouterCorrection>;

/** Answer of `POST /v1/admin/submissions/{id}/case`: the case is being opened under this ref. */
export const OpenedFromItem = z.object({ id: z.string(), caseRef: z.string() });
export type OpenedFromItem = z.infer<typeof OpenedFromItem>;

/** Answer of `POST /v1/admin/submissions/{id}/not-a-problem`. */
export const DismissedFromLane = z.object({ id: z.string(), needsLook: z.literal(false) });
export type DismissedFromLane = z.infer<typeof DismissedFromLane>;

/** `GET /v1/admin/router/learned`: the site's learned model as the console shows it. */
export const LearnedSummary = z.object({
  corrections: z.object({ unhappy: z.int(), notAProblem: z.int() }),
  /** Corrections each way the model needs before it joins the rules. */
  needed: z.int(),
  /** True once it has them. */
  active: z.boolean(),
  /** The normalised words that lean most each way. */
  words: z.object({ unhappy: z.array(z.string()), notAProblem: z.array(z.string()) }),
});
export type LearnedSummary = z.infer<typeof LearnedSummary>;
