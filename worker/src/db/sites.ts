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

export async function readSiteBySecretHash(db: D1Database, secretHash: string): Promise<SiteRow | null> {
  const row = await db.prepare('SELECT * FROM sites WHERE secret_hash = ?1').bind(secretHash).first<SiteRecord>();
  return row ? toSite(row) : null;
}

export interface NewSite {
  id: string;
  name: string;
  secretHash: string;
  signingKey: string;
  origins: string[];
  settings: Partial<SiteSettings>;
  createdAt: number;
}

/** The insert for a new site, to run in a batch with its first staff token. */
export function insertSite(db: D1Database, site: NewSite): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sites (id, name, secret_hash, signing_key, origins, settings, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(site.id, site.name, site.secretHash, site.signingKey, JSON.stringify(site.origins), JSON.stringify(site.settings), site.createdAt);
}

export async function updateSiteSettings(db: D1Database, id: string, settings: SiteSettings): Promise<void> {
  await db.prepare('UPDATE sites SET settings = ?2 WHERE id = ?1').bind(id, JSON.stringify(settings)).run();
}

/** Marks the site's public content as changed; run it in the batch that changes it. */
export function bumpContentVersion(db: D1Database, siteId: string): D1PreparedStatement {
  return db.prepare('UPDATE sites SET content_version = content_version + 1 WHERE id = ?1').bind(siteId);
}

/** The statement that replaces a site's name, allowed origins and settings; batch it with its audit entry. */
export function writeSiteConfig(
  db: D1Database,
  id: string,
  config: { name: string; origins: readonly string[]; settings: SiteSettings },
): D1PreparedStatement {
  return db
    .prepare('UPDATE sites SET name = ?2, origins = ?3, settings = ?4 WHERE id = ?1')
    .bind(id, config.name, JSON.stringify(config.origins), JSON.stringify(config.settings));
}
