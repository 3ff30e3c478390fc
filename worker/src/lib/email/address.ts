/**
 * Addresses as the outbox keys them. Suppressions and opt-ins keep only a keyed hash (HMAC with
 * the site's signing key): unsubscribing must outlive the customer's erasure, and a hash the site's
 * key made says nothing about the address to anyone reading the table, yet the same address always
 * finds its suppression again.
 */
import { hmacBase64Url } from '../crypto.ts';

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function addressHash(signingKey: string, address: string): Promise<string> {
  return hmacBase64Url(signingKey, `email:${normaliseAddress(address)}`);
}
