/**
 * Which page a path names, judged on one spelling only. Static assets are looked up by a
 * binding whose own path handling (decoding, slashes, case) is not ours to predict, and the
 * headers a page gets (the console's strict CSP, or the demo shop's looser one) must not depend
 * on how the path was spelled. So an odd spelling is refused before the lookup: any percent
 * escape, a backslash, `;`, a control character, an empty, `.` or `..` segment (double
 * slashes), a segment ending in a dot, and the page folders in any case but lower.
 */

export type PageArea = 'root' | 'admin' | 'track' | 'demo' | 'asset';

export type PagePath = { ok: true; area: PageArea } | { ok: false };

const AREAS = new Set<PageArea>(['admin', 'track', 'demo']);

function isArea(value: string): value is 'admin' | 'track' | 'demo' {
  return AREAS.has(value as PageArea);
}

/**
 * @example
 * ```ts
 * pagePath('/admin/');    // { ok: true, area: 'admin' }
 * pagePath('/%61dmin/');  // { ok: false }
 * ```
 */
export function pagePath(pathname: string): PagePath {
  if (pathname === '/') return { ok: true, area: 'root' };
  if (!pathname.startsWith('/')) return { ok: false };
  // eslint-disable-next-line no-control-regex
  if (/[%\\;\u0000-\u001f\u007f\s]/.test(pathname)) return { ok: false };
  const segments = pathname.slice(1).split('/');
  // The last segment may be empty (a trailing slash); no other may.
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && i !== segments.length - 1) return { ok: false };
    if (segment === '.' || segment === '..' || segment.endsWith('.')) return { ok: false };
  }
  const first = segments[0] ?? '';
  const folded = first.toLowerCase();
  // `/admin.html`, `/Admin/`, `/adminx`: anything spelled like a page folder but not exactly one.
  for (const area of AREAS) {
    if (folded.startsWith(area) && first !== area) return { ok: false };
  }
  return { ok: true, area: isArea(first) ? first : 'asset' };
}
