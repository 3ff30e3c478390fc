/**
 * Creating a site: its public key, secret key and first staff token, with the SQL that stores
 * them (secrets hashed). Used by the worker's tests and, through wrangler, by `npm run site`.
 * Kept free of Worker-only imports so Node can run it directly.
 */
import { randomToken, sha256Hex } from './crypto.ts';

export interface SiteKeys {
  publicKey: string;
  secretKey: string;
  staffToken: string;
  staffId: string;
}

export interface ProvisionInput {
  name: string;
  origins: string[];
  /** Fixed public key, e.g. `pk_demo`; random when omitted. */
  publicKey?: string | undefined;
  staffName?: string | undefined;
  settings?: Record<string, unknown> | undefined;
  nowMs: number;
}

export interface Provisioned {
  keys: SiteKeys;
  /** SQL with `?N` parameters and their values, to run in order in one batch. */
  statements: { sql: string; params: (string | number | null)[] }[];
}

/** Normalises an allowed origin (scheme://host[:port]) or returns null when it is not one. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export async function provisionSite(input: ProvisionInput): Promise<Provisioned> {
  const publicKey = input.publicKey ?? `pk_${randomToken(12)}`;
  const secretKey = `sk_${randomToken(24)}`;
  const staffToken = `st_${randomToken(24)}`;
  const staffId = `stf_${randomToken(9)}`;
  const origins = input.origins.map((o) => {
    const normalised = normaliseOrigin(o);
    if (!normalised) throw new Error(`not an origin: ${o} (use scheme://host[:port])`);
    return normalised;
  });
  return {
    keys: { publicKey, secretKey, staffToken, staffId },
    statements: [
      {
        sql: `INSERT INTO sites (id, name, secret_hash, signing_key, origins, settings, created_at)
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
        params: [
          publicKey,
          input.name,
          await sha256Hex(secretKey),
          randomToken(32),
          JSON.stringify(origins),
          JSON.stringify(input.settings ?? {}),
          input.nowMs,
        ],
      },
      staffTokenStatement(publicKey, staffId, input.staffName ?? 'Owner', await sha256Hex(staffToken), input.nowMs),
    ],
  };
}

export function staffTokenStatement(siteId: string, staffId: string, name: string, tokenHash: string, nowMs: number, expiresAt: number | null = null) {
  return {
    sql: `INSERT INTO staff_tokens (id, site_id, name, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    params: [staffId, siteId, name, tokenHash, nowMs, expiresAt],
  };
}

const LIFETIME_UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * A staff token's lifetime as `--expires` takes it: a whole number and a unit, `h`ours,
 * `d`ays or `w`eeks (`90d`, `12w`, `36h`), from one hour to ten years. Null when unreadable.
 */
export function parseTokenLifetime(value: string): number | null {
  const match = /^(\d{1,5})([hdw])$/.exec(value.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (LIFETIME_UNITS[match[2] ?? ''] ?? 0);
  return ms >= 3_600_000 && ms <= 3650 * 86_400_000 ? ms : null;
}
