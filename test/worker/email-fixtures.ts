/** Fixtures for the email suites: deliver queued emails through the real consumer, read what was sent. */
import { createExecutionContext, createMessageBatch, env } from 'cloudflare:test';
import worker from '../../worker/src/index.ts';
import type { EmailRecord } from '../../worker/src/db/emails.ts';

export async function emailsOf(siteId: string): Promise<EmailRecord[]> {
  const { results } = await env.DB.prepare('SELECT * FROM emails WHERE site_id = ?1 ORDER BY created_at, due_at, id').bind(siteId).all<EmailRecord>();
  return results;
}

/**
 * Hands the site's queued emails to the EMAIL consumer. The real local queue may deliver them too;
 * the consumer's claim makes whichever comes first the only send.
 */
export async function deliverQueued(siteId: string): Promise<void> {
  const queued = (await emailsOf(siteId)).filter((e) => e.state === 'queued');
  if (queued.length === 0) return;
  const batch = createMessageBatch(
    'rebound-email',
    queued.map((e, i) => ({ id: `em-${e.id}-${i}`, timestamp: new Date(), attempts: 1, body: { v: 1, type: 'send-email', id: e.id, siteId } })),
  );
  await worker.queue(batch, env, createExecutionContext());
  // A delivery by the real queue may still be finishing its send.
  for (let i = 0; i < 50 && (await emailsOf(siteId)).some((e) => e.state === 'queued'); i++) await new Promise((r) => setTimeout(r, 100));
}

export interface SentMessage {
  text: string;
  html: string;
}

/** The parts the simulated binding wrote to disk for this Message-ID. */
export async function readSent(messageId: string | null): Promise<SentMessage> {
  if (!messageId) throw new Error('no message id');
  for (let i = 0; i < 50; i++) {
    const res = await env.MAILBOX.fetch(`http://mailbox/${encodeURIComponent(messageId)}`);
    if (res.ok) {
      const parts = await res.json<{ text: string | null; html: string | null }>();
      if (parts.text !== null && parts.html !== null) return { text: parts.text, html: parts.html };
    }
    // The binding writes its files just after send() returns.
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no simulated message ${messageId}`);
}

/** Every http(s) link in an HTML part. */
export function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}
