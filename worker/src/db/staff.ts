/**
 * Staff tokens (long-lived, issued by `npm run site`) and the sessions a token logs in to.
 * Both are stored as SHA-256 hex only: a leaked database does not let anyone log in.
 */

export interface StaffTokenRow {
  id: string;
  siteId: string;
  name: string;
  siteName: string;
}

export interface SessionRow {
  idHash: string;
  siteId: string;
  siteName: string;
  staffId: string;
  staffName: string;
  expiresAt: number;
}

interface TokenRecord {
  id: string;
  site_id: string;
  name: string;
  site_name: string;
  revoked_at: number | null;
  expires_at: number | null;
}

interface SessionRecord {
  id_hash: string;
  site_id: string;
  site_name: string;
  staff_id: string;
  staff_name: string;
  expires_at: number;
}

/**
 * The token with this hash if it may log in at `nowMs`. Unknown, revoked and expired tokens
 * cost the same single indexed read and give the same null, so the answer does not tell which.
 */
export async function findActiveStaffToken(db: D1Database, tokenHash: string, nowMs: number): Promise<StaffTokenRow | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.site_id, t.name, t.revoked_at, t.expires_at, s.name AS site_name
       FROM staff_tokens t JOIN sites s ON s.id = t.site_id
       WHERE t.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<TokenRecord>();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= nowMs)) return null;
  return { id: row.id, siteId: row.site_id, name: row.name, siteName: row.site_name };
}

/** Stores a new session and marks the token used; expired sessions of the same staff go too. */
export async function createSession(
  db: D1Database,
  session: { idHash: string; siteId: string; staffId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?1 AND expires_at <= ?2').bind(session.staffId, session.createdAt),
    db
      .prepare('INSERT INTO staff_sessions (id_hash, site_id, staff_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(session.idHash, session.siteId, session.staffId, session.createdAt, session.expiresAt),
    db.prepare('UPDATE staff_tokens SET last_used_at = ?2 WHERE id = ?1').bind(session.staffId, session.createdAt),
  ]);
}

/**
 * The live session with this hash. A session dies with its token: revoking a token, or its
 * expiry passing, logs out everyone who logged in with it, at their next request.
 */
export async function readSession(db: D1Database, idHash: string, nowMs: number): Promise<SessionRow | null> {
  const row = await db
    .prepare(
      `SELECT ss.id_hash, ss.site_id, ss.staff_id, ss.expires_at, t.name AS staff_name, s.name AS site_name
       FROM staff_sessions ss
       JOIN staff_tokens t ON t.id = ss.staff_id AND t.site_id = ss.site_id
       JOIN sites s ON s.id = ss.site_id
       WHERE ss.id_hash = ?1 AND ss.expires_at > ?2 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?2)`,
    )
    .bind(idHash, nowMs)
    .first<SessionRecord>();
  if (!row) return null;
  return {
    idHash: row.id_hash,
    siteId: row.site_id,
    siteName: row.site_name,
    staffId: row.staff_id,
    staffName: row.staff_name,
    expiresAt: row.expires_at,
  };
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?1').bind(idHash).run();
}
