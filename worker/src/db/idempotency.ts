/**
 * Idempotency keys: the hash of the request a key was first used with and the answer it got.
 * A retry with the same key and body replays that answer; the row's primary key makes the
 * first writer win when retries race.
 */
import { sha256Hex } from '../lib/crypto.ts';

export interface IdempotencyRow {
  requestHash: string;
  submissionId: string;
  /** The answer's JSON exactly as first sent. */
  response: string;
  createdAt: number;
}

interface IdempotencyRecord {
  request_hash: string;
  submission_id: string;
  response: string;
  created_at: number;
}

/** JSON with object keys sorted at every depth, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What "the same request" means for a key: the validated body, canonically serialised. */
export function requestHash(body: unknown): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

export async function readIdempotency(db: D1Database, siteId: string, key: string): Promise<IdempotencyRow | null> {
  const row = await db
    .prepare('SELECT request_hash, submission_id, response, created_at FROM idempotency_keys WHERE site_id = ?1 AND key = ?2')
    .bind(siteId, key)
    .first<IdempotencyRecord>();
  return row
    ? { requestHash: row.request_hash, submissionId: row.submission_id, response: row.response, createdAt: row.created_at }
    : null;
}

/** The insert that claims `key`; put it first in the batch it guards, which fails whole if the key is taken. */
export function insertIdempotency(db: D1Database, siteId: string, key: string, row: IdempotencyRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO idempotency_keys (site_id, key, request_hash, submission_id, response, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(siteId, key, row.requestHash, row.submissionId, row.response, row.createdAt);
}
