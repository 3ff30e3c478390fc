/**
 * The signed token of a follow-up invitation: the merchant's review link carries it as
 * `rb_order`, and the review it comes with is marked as from a verified buyer. It is read once
 * and taken out of the address bar (other parameters and the hash kept as they were), so the
 * page's analytics and other scripts, and a shared or bookmarked URL, do not carry it on.
 * Kept in memory only, never in the page's storage.
 */
let taken: string | undefined;

export function orderToken(): string | undefined {
  const query = location.search.slice(1).split('&');
  const rest = query.filter((part) => part && decodeURIComponent(part.split('=')[0] ?? '') !== 'rb_order');
  if (rest.length < query.filter(Boolean).length) {
    taken = new URLSearchParams(location.search).get('rb_order') || taken;
    history.replaceState(history.state, '', location.pathname + (rest.length ? `?${rest.join('&')}` : '') + location.hash);
  }
  return taken;
}
