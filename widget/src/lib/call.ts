/**
 * The widget's reads: the base URL is the origin the script came from; requests carry no
 * cookies (the API's CORS allows only the site's origins, never credentials). First render
 * imports this module, not `api.ts`, so sending submissions stays in the lazy chunks.
 */

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
