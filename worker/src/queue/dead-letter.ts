/**
 * Dead letters: messages that exhausted their retries (from a DLQ) or can never succeed
 * (invalid, poison) are kept in D1 for staff to inspect and replay. One row per message id, so
 * a redelivered dead letter is stored once.
 */
import { insertDeadLetter } from '../db/dead-letters.ts';

export async function recordDeadLetter(db: D1Database, queue: string, message: Message<unknown>, nowMs: number): Promise<void> {
  let body: string;
  try {
    body = JSON.stringify(message.body) ?? 'null';
  } catch {
    body = String(message.body);
  }
  await insertDeadLetter(db, { queue, messageId: message.id, body, attempts: message.attempts, at: nowMs });
}

/** A dead-letter queue's consumer: record every message, then ack it. */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, db: D1Database, nowMs: number): Promise<void> {
  for (const message of batch.messages) {
    await recordDeadLetter(db, batch.queue, message, nowMs);
    message.ack();
  }
}
