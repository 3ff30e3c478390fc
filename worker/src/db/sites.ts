/** Sites: the merchant's public key, hashed secret, allowed origins and settings. */
import { SiteSettings } from '../../../shared/site.ts';

export interface SiteRow {
  id: string;
  name: string;
  secretHash: string;
  signingKey: string;
  origins: string[];
  settings: SiteSettings;
  contentVersion: number;
  createdAt: number;
}

interface SiteRecord {
  id: string;
  name: string;
  secret_hash: string;
  signing_key: string;
  origins: string;
  settings: string;
  content_version: number;
  created_at: number;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function toSite(row: SiteRecord): SiteRow {
  const origins = parseJson(row.origins);
  // Stored settings are parsed with defaults so a site created before a new setting existed still works.
  const settings = SiteSettings.safeParse(parseJson(row.settings) ?? {});
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    signingKey: row.signing_key,
    origins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [],
    settings: settings.success ? settings.data : SiteSettings.parse({}),
    contentVersion: row.content_version,
    createdAt: row.created_at,
  };
}

export async function readSite(db: D1Database, id: string): Promise<SiteRow | null> {
  const row = await db.prepare('SELECT * FROM sites WHERE id = ?1').bind(id).first<SiteRecord>();
  return row ? toSite(row) : null;
}

/**
 * How stale a remembered site row may be. The public reads (bootstrap, reviews) would otherwise
 * spend a D1 round trip per request on a row that changes a few times a day; remembering it in
 * the isolate for at most this long means a publish or a settings change made through another
 * isolate shows on a page view at most this much later. This isolate's own writes forget the
 * row at once (see `forgetSite`).
 */
export const SITE_MEMO_MS = 1000;
/** Sites remembered per isolate; the oldest is dropped first, so memory stays bounded. */
const SITE_MEMO_MAX = 1000;

const siteMemo = new Map<string, { loadedAt: number; site: SiteRow }>();
/** Sites this isolate is writing: read fresh, unremembered, until the time given. */
const unsettled = new Map<string, number>();

/**
 * The site row as `readSite` gives it, read at most `SITE_MEMO_MS` ago in this isolate. Only
 * rows are remembered, never promises (workerd forbids awaiting one request's I/O in another),
 * and unknown sites are not, so a new site is seen at once.
 */
export async function readSiteRecent(db: D1Database, id: string, nowMs: number): Promise<SiteRow | null> {
  const until = unsettled.get(id);
  if (until !== undefined && nowMs >= until) unsettled.delete(id);
  const writing = until !== undefined && nowMs < until;
  const memo = siteMemo.get(id);
  if (!writing && memo && nowMs >= memo.loadedAt && nowMs - memo.loadedAt < SITE_MEMO_MS) return memo.site;
  const site = await readSite(db, id);
  siteMemo.delete(id);
  if (site && !writing && !unsettled.has(id)) {
    siteMemo.set(id, { loadedAt: nowMs, site });
    if (siteMemo.size > SITE_MEMO_MAX) {
      const oldest = siteMemo.keys().next();
      if (!oldest.done) siteMemo.delete(oldest.value);
    }
  }
  return site;
}

/**
 * Makes this isolate read a site fresh for the next `SITE_MEMO_MS`: called by the statements
 * below that change what the public sees, before their batch commits, so the writer's own
 * isolate shows the change on the very next read (other isolates within the bound).
 */
export function forgetSite(id: string): void {
  siteMemo.delete(id);
  if (unsettled.size >= SITE_MEMO_MAX) unsettled.clear();
  unsettled.set(id, Date.now() + SITE_MEMO_MS);
}

/** Marks the site's public content as changed; run it in the batch that changes it. */
export function bumpContentVersion(db: D1Database, siteId: string): D1PreparedStatement {
  forgetSite(siteId);
  return db.prepare('UPDATE sites SET content_version = content_version + 1 WHERE id = ?1').bind(siteId);
}

/** The statement that replaces a site's name, allowed origins and settings; batch it with its audit entry. */
export function writeSiteConfig(
  db: D1Database,
  id: string,
  config: { name: string; origins: readonly string[]; settings: SiteSettings },
): D1PreparedStatement {
  forgetSite(id);
  return db
    .prepare('UPDATE sites SET name = ?2, origins = ?3, settings = ?4 WHERE id = ?1')
    .bind(id, config.name, JSON.stringify(config.origins), JSON.stringify(config.settings));
}
