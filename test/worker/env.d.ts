import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The simulated `send_email` binding's files, read on the Node side (vitest.config.ts). */
      MAILBOX: Fetcher;
    }
  }
}
