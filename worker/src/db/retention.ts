/**
 * Deletes of expired rows, oldest first and at most `limit` per call, each reading through an
 * index (migrations 0001 and 0008), so a run after a long pause still stays short.
 */

async function changes(statement: D1PreparedStatement): Promise<number> {
  return (await statement.run()).meta.changes ?? 0;
}

export function purgeIdempotencyKeys(db: D1Database, before: number, limit: number): Promise<number> {
  return changes(
    db
      .prepare(
        `DELETE FROM idempotency_keys WHERE rowid IN (
           SELECT rowid FROM idempotency_keys WHERE created_at < ?1 ORDER BY created_at LIMIT ?2)`,
      )
      .bind(before, limit),
  );
}

export function purgeSessions(db: D1Database, expiredBy: number, limit: number): Promise<number> {
  return changes(
    db
      .prepare(
        `DELETE FROM staff_sessions WHERE id_hash IN (
           SELECT id_hash FROM staff_sessions WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)`,
      )
      .bind(expiredBy, limit),
  );
}

/** Delivered and failed deliveries only: a pending one is still owed to the merchant. */
export function purgeDeliveries(db: D1Database, before: number, limit: number): Promise<number> {
  return changes(
    db
      .prepare(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?1 ORDER BY created_at LIMIT ?2)`,
      )
      .bind(before, limit),
  );
}

export function purgeDeadLetters(db: D1Database, before: number, limit: number): Promise<number> {
  return changes(
    db
      .prepare(`DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters WHERE created_at < ?1 ORDER BY created_at LIMIT ?2)`)
      .bind(before, limit),
  );
}
