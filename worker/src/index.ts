/** The Worker's entry: wires the Hono app, the queue consumers and the cron trigger. */
import { buildApp } from './app.ts';
import { handleQueue } from './queue/index.ts';
import { handleScheduled } from './cron.ts';

const app = buildApp();

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>;
