/** Where a site's outbox lives in localStorage; apart from `outbox.ts` so first render can check it cheaply. */
export function storageKey(site: string): string {
  return `rb-outbox:${site}`;
}
