/**
 * Where the widget talks to: the origin its script was loaded from, and the site key from the
 * script tag's `data-site`. Set once by the entry module, read by every element.
 */
export const config = { base: '', site: '' };

/** The `data-site` of the widget's script tag. */
export function scriptSite(doc: Document): string {
  return doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget"]')?.dataset.site ?? '';
}
