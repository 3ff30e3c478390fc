/**
 * Page origins that tried to load a site's widget and were refused (migration 0008), so staff
 * see which origin to allow, and the allowed ones it was last seen on (migration 0012). Only the
 * origin, when and how often: nothing about the visitor.
 * At most `MAX_REFUSED_ORIGINS` per site: when a new origin arrives at a full list, the one seen
 * longest ago makes room, so a list filled once (by forged Origin headers, say) cannot hide a
 * page that is refused today: its next refusal puts it back at the top.
 */

export const MAX_REFUSED_ORIGINS = 50;

export interface RefusedOriginRow {
  origin: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
}

/** Counts one refusal of `origin` on `siteId`, in one batch: add or update it, then drop the oldest beyond the bound. */
export async function recordRefusedOrigin(db: D1Database, siteId: string, origin: string, nowMs: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO refused_origins (site_id, origin, first_seen, last_seen, count) VALUES (?1, ?2, ?3, ?3, 1)
         ON CONFLICT (site_id, origin) DO UPDATE SET last_seen = excluded.last_seen, count = count + 1`,
      )
      .bind(siteId, origin, nowMs),
    db
      .prepare(
        `DELETE FROM refused_origins WHERE site_id = ?1 AND origin IN (
           SELECT origin FROM refused_origins WHERE site_id = ?1 ORDER BY last_seen DESC, origin LIMIT -1 OFFSET ?2)`,
      )
      .bind(siteId, MAX_REFUSED_ORIGINS),
  ]);
}

/** The site's refused origins, most recently seen first. */
export async function listRefusedOrigins(db: D1Database, siteId: string): Promise<RefusedOriginRow[]> {
  const { results } = await db
    .prepare('SELECT origin, first_seen, last_seen, count FROM refused_origins WHERE site_id = ?1 ORDER BY last_seen DESC, origin LIMIT ?2')
    .bind(siteId, MAX_REFUSED_ORIGINS)
    .all<{ origin: string; first_seen: number; last_seen: number; count: number }>();
  return results.map((r) => ({ origin: r.origin, firstSeen: r.first_seen, lastSeen: r.last_seen, count: r.count }));
}

/** Once staff allow an origin, its refusals are history. */
export function forgetRefusedOrigins(db: D1Database, siteId: string, allowed: readonly string[]): D1PreparedStatement {
  return db
    .prepare('DELETE FROM refused_origins WHERE site_id = ?1 AND origin IN (SELECT value FROM json_each(?2))')
    .bind(siteId, JSON.stringify(allowed));
}

export interface SeenOriginRow {
  origin: string;
  firstSeen: number;
  lastSeen: number;
}

/** Notes that the widget loaded on `origin` (an allowed one) of `siteId` at `nowMs`. */
export async function recordSeenOrigin(db: D1Database, siteId: string, origin: string, nowMs: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO seen_origins (site_id, origin, first_seen, last_seen) VALUES (?1, ?2, ?3, ?3)
       ON CONFLICT (site_id, origin) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`,
    )
    .bind(siteId, origin, nowMs)
    .run();
}

/** When the widget was last seen on each origin of the site (migration 0012). */
export async function listSeenOrigins(db: D1Database, siteId: string): Promise<SeenOriginRow[]> {
  const { results } = await db
    .prepare('SELECT origin, first_seen, last_seen FROM seen_origins WHERE site_id = ?1 ORDER BY last_seen DESC, origin')
    .bind(siteId)
    .all<{ origin: string; first_seen: number; last_seen: number }>();
  return results.map((r) => ({ origin: r.origin, firstSeen: r.first_seen, lastSeen: r.last_seen }));
}

/** An origin no longer allowed is no longer watched. */
export function forgetSeenOrigin(db: D1Database, siteId: string, origin: string): D1PreparedStatement {
  return db.prepare('DELETE FROM seen_origins WHERE site_id = ?1 AND origin = ?2').bind(siteId, origin);
}

/**
 * Adds `origin` to the site's allowed origins in one statement (read, change and write happen
 * inside SQLite, so two staff adding at once both keep theirs); nothing when it is there.
 */
export function allowOrigin(db: D1Database, siteId: string, origin: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE sites SET origins = json_insert(origins, '$[#]', ?2)
       WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM json_each(sites.origins) WHERE value = ?2)`,
    )
    .bind(siteId, origin);
}

/** Removes `origin` from the allowed origins in one statement, never the last one. */
export function disallowOrigin(db: D1Database, siteId: string, origin: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE sites SET origins = (SELECT json_group_array(value) FROM json_each(sites.origins) WHERE value <> ?2)
       WHERE id = ?1 AND json_array_length(origins) > 1 AND EXISTS (SELECT 1 FROM json_each(sites.origins) WHERE value = ?2)`,
    )
    .bind(siteId, origin);
}
