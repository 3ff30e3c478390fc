/**
 * Opaque keyset cursors: `base64url(JSON of the last row's sort key).signature`, where the
 * signature is an HMAC over the key and the scope (the query it continues). A cursor that was
 * altered, cut short, or taken from another sort, subject or filter does not decode, so the
 * caller answers 400 instead of paging from an arbitrary place.
 *
 * @example
 * const next = await encodeCursor(site.signingKey, scope, [row.publishedAt, row.id]);
 * const key = await decodeCursor(site.signingKey, scope, next, z.tuple([z.int(), z.string()]));
 */
import type * as z from 'zod/mini';
import { fromBase64Url, hmacBase64Url, hmacVerify, toBase64Url } from './crypto.ts';

export type CursorKey = readonly (string | number)[];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function signed(scope: string, payload: string): string {
  return `cursor\n${scope}\n${payload}`;
}

export async function encodeCursor(secret: string, scope: string, key: CursorKey): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(key)));
  return `${payload}.${await hmacBase64Url(secret, signed(scope, payload))}`;
}

/** The sort key inside `cursor` when it is intact, was made for `scope` and fits `schema`; else null. */
export async function decodeCursor<T>(
  secret: string,
  scope: string,
  cursor: string,
  schema: z.ZodMiniType<T>,
): Promise<T | null> {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  if (!(await hmacVerify(secret, signed(scope, payload), signature))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
