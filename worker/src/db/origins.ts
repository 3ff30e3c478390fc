/**
 * Page origins that tried to load a site's widget and were refused (migration 0008), so staff
 * see which origin to allow. Only the origin, when and how often: nothing about the visitor.
 * At most `MAX_REFUSED_ORIGINS` per site: a full list only updates the origins it holds.
 */

export const MAX_REFUSED_ORIGINS = 50;

export interface RefusedOriginRow {
  origin: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
}

/** Counts one refusal of `origin` on `siteId`, in one batch: update it if known, else add it while there is room. */
export async function recordRefusedOrigin(db: D1Database, siteId: string, origin: string, nowMs: number): Promise<void> {
  await db.batch([
    db.prepare('UPDATE refused_origins SET last_seen = ?3, count = count + 1 WHERE site_id = ?1 AND origin = ?2').bind(siteId, origin, nowMs),
    db
      .prepare(
        `INSERT INTO refused_origins (site_id, origin, first_seen, last_seen, count)
         SELECT ?1, ?2, ?3, ?3, 1
         WHERE NOT EXISTS (SELECT 1 FROM refused_origins WHERE site_id = ?1 AND origin = ?2)
           AND (SELECT count(*) FROM refused_origins WHERE site_id = ?1) < ?4`,
      )
      .bind(siteId, origin, nowMs, MAX_REFUSED_ORIGINS),
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
