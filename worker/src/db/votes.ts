/** Helpful votes: one row per review and voter hash; the primary key is the "once" rule. */

export async function hasVoted(db: D1Database, submissionId: string, voterHash: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS voted FROM helpful_votes WHERE submission_id = ?1 AND voter_hash = ?2')
    .bind(submissionId, voterHash)
    .first<{ voted: number }>();
  return row !== null;
}

/** Plain INSERT on purpose: a repeated vote makes the whole batch fail, so nothing else in it counts twice. */
export function insertVote(db: D1Database, submissionId: string, voterHash: string, nowMs: number): D1PreparedStatement {
  return db
    .prepare('INSERT INTO helpful_votes (submission_id, voter_hash, created_at) VALUES (?1, ?2, ?3)')
    .bind(submissionId, voterHash, nowMs);
}
