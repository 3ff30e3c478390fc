/** `GET /v1/admin/origins`: the site's allowed page origins and the ones its widget was refused on. */
import * as z from 'zod/mini';

export const RefusedOrigin = z.object({
  origin: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Refusals counted (at most one a minute per Worker instance is written). */
  count: z.int(),
});
export type RefusedOrigin = z.infer<typeof RefusedOrigin>;

export const SiteOrigins = z.object({
  allowed: z.array(z.string()),
  /** Most recently seen first; origins allowed since are left out. At most 50 are kept. */
  refused: z.array(RefusedOrigin),
});
export type SiteOrigins = z.infer<typeof SiteOrigins>;
