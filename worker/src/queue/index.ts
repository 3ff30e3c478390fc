/** Queue consumers, dispatched by the queue a batch came from (names as in wrangler.toml). */
import { handleDeadLetterBatch } from './dead-letter.ts';
import { handleWebhookBatch } from './deliver-webhook.ts';
import { handleRecoveryBatch } from './route-submission.ts';
import { handleEmailBatch } from './send-email.ts';

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const now = Date.now();
  switch (batch.queue) {
    case 'rebound-recovery':
      return handleRecoveryBatch(batch, env, now);
    case 'rebound-webhooks':
      return handleWebhookBatch(batch, env, now);
    case 'rebound-email':
      return handleEmailBatch(batch, env, now);
    case 'rebound-recovery-dlq':
    case 'rebound-webhooks-dlq':
    case 'rebound-email-dlq':
      return handleDeadLetterBatch(batch, env.DB, now);
    default:
      // A queue this worker does not know: keep the messages for a deploy that does.
      console.error('queue: no consumer for', batch.queue);
      batch.retryAll();
  }
}
