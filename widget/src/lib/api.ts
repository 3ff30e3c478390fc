/**
 * The widget's HTTP calls. The base URL is the origin the script came from; requests carry no
 * cookies (the API's CORS allows only the site's origins, never credentials). Plain functions
 * so first render bundles only what it calls.
 */
import type { SubmissionInput } from '../../../shared/submission.ts';

/** Which API and which site a widget talks to. */
export interface SiteRef {
  base: string;
  site: string;
}

export function siteUrl(ref: SiteRef, path: string): string {
  return `${ref.base}/v1/sites/${encodeURIComponent(ref.site)}${path}`;
}

/**
 * GET or POST without a body; resolves with the JSON answer, rejects with the `Response` itself
 * on a non-2xx status (its problem body unread, for whoever wants to explain it), or with the
 * network's error.
 */
export async function call<T>(ref: SiteRef, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(siteUrl(ref, path), { credentials: 'omit', ...init });
  if (!res.ok) throw res;
  // Our own API builds these answers from the shared schemas; parsing them again here would
  // put zod into the first-render budget, so the type is taken on trust.
  return res.json() as Promise<T>;
}

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
