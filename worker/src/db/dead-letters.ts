/** Dead letters: queue messages kept for staff to inspect and replay. One row per message id. */

export interface DeadLetter {
  queue: string;
  messageId: string;
  /** The message body as JSON text (or its string form when it cannot be serialised). */
  body: string;
  attempts: number;
  at: number;
}

/** Stores a dead letter; a redelivered one (same message id) is stored once. */
export async function insertDeadLetter(db: D1Database, d: DeadLetter): Promise<void> {
  await db
    .prepare(
      `INSERT INTO dead_letters (queue, message_id, body, attempts, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (message_id) DO NOTHING`,
    )
    .bind(d.queue, d.messageId, d.body, d.attempts, d.at)
    .run();
}
