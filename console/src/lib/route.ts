/**
 * The moderation page's views live in the URL hash (`#/queue`, `#/queue/ID`, `#/cases/ID`, ...)
 * so the back button, reloads and shared links work without server routes.
 */

export const VIEWS = ['queue', 'cases', 'dashboard', 'emails', 'settings', 'audit', 'data', 'products', 'imports', 'install'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The opened item or case, when the hash names one. */
  id: string | null;
}

function isView(value: string | undefined): value is View {
  return VIEWS.some((v) => v === value);
}

export function parseRoute(hash: string): Route {
  const [view, id] = hash.replace(/^#\/?/, '').split('/');
  if (!isView(view)) return { view: 'queue', id: null };
  return { view, id: id ? decodeURIComponent(id) : null };
}

export function routeHash(route: Route): string {
  return route.id ? `#/${route.view}/${encodeURIComponent(route.id)}` : `#/${route.view}`;
}
