/** Placeholder queue handler: the recovery consumer replaces it. */
export async function handleQueue(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  for (const message of batch.messages) message.retry();
}
