/**
 * The widget's HTTP calls: the reads (`call.ts`, re-exported) and sending a submission. Only
 * the lazy chunks import this module; first render imports `call.ts` alone, because a module
 * that first render imports is bundled whole into `widget.js`, `submit` included.
 */
import type { SubmissionInput } from '../../../shared/submission.ts';
import { siteUrl, type SiteRef } from './call.ts';

export { call, siteUrl, type SiteRef } from './call.ts';

/** Sends a submission; a network failure throws, any HTTP answer resolves with its status. */
export async function submit(ref: SiteRef, key: string, body: SubmissionInput): Promise<{ status: number; body: unknown }> {
  const res = await fetch(siteUrl(ref, '/submissions'), {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
