/**
 * Raw client addresses are never stored: after submissions, a helpful vote, case feedback and a
 * staff login from known addresses and a distinctive User-Agent, no row of any table holds the
 * address, its IPv6 /64 prefix, or the User-Agent.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, jsonRequest } from '../worker/helpers.ts';
import { dailyClientHash, clientIdentity } from '../../worker/src/lib/client.ts';
import { complaintBody, idemKey, reviewBody } from './bodies.ts';
import { appTables } from './rows.ts';
import { seedSite } from './world.ts';

const IPV4 = '203.0.113.77';
const IPV6 = '2001:db8:4f2a:91c3:1234:5678:9abc:def0';
const UA = 'Mozilla/5.0 (RaccoonOS 9; Trash-Panda) UniqueAgent/42.7';

async function everyStoredValue(): Promise<string> {
  const parts: string[] = [];
  for (const table of await appTables()) {
    // Table names come from sqlite_master, not from input.
    const rows = await env.DB.prepare(`SELECT * FROM "${table}"`).all();
    parts.push(JSON.stringify(rows.results));
  }
  return parts.join('\n');
}

describe('client identity', () => {
  it('stores no raw address, IPv6 prefix or User-Agent anywhere', async () => {
    const world = await seedSite('Ident');
    for (const ip of [IPV4, IPV6]) {
      const headers = { 'cf-connecting-ip': ip, 'user-agent': UA, 'idempotency-key': idemKey() };
      expect((await SELF.fetch(jsonRequest('POST', `/v1/sites/${world.site.publicKey}/submissions`, reviewBody(), headers))).status).toBe(201);
      expect((await SELF.fetch(jsonRequest('POST', `/v1/sites/${world.site.publicKey}/submissions`, complaintBody(), { ...headers, 'idempotency-key': idemKey() }))).status).toBe(201);
      const vote = await SELF.fetch(jsonRequest('POST', `/v1/sites/${world.site.publicKey}/reviews/${world.publishedId}/helpful`, undefined, { 'cf-connecting-ip': ip, 'user-agent': UA }));
      expect(vote.status).toBeLessThan(300);
      await SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token: world.site.staffToken }, { origin: BASE, 'cf-connecting-ip': ip, 'user-agent': UA }));
    }
    const stored = await everyStoredValue();
    const needles = [IPV4, IPV6, '2001:db8:4f2a:91c3', '2001:0db8:4f2a:91c3', UA, 'UniqueAgent', 'RaccoonOS'];
    const found = needles.filter((n) => stored.toLowerCase().includes(n.toLowerCase()));
    console.log(`CLIENT IDENTITY FIGURES: ${needles.length} raw identifiers searched in ${(await appTables()).length} tables, ${found.length} found`);
    expect(found).toEqual([]);
    // The submissions did record a client hash, so the property is not met by storing nothing.
    const hashes = await env.DB.prepare('SELECT DISTINCT client_hash FROM submissions WHERE site_id = ?1 AND client_hash IS NOT NULL').bind(world.site.publicKey).all();
    expect(hashes.results.length).toBeGreaterThanOrEqual(2);
  });

  it('links one client within a day only: the hash rotates at midnight UTC and differs per site', async () => {
    const headers = new Headers({ 'cf-connecting-ip': IPV6, 'user-agent': UA });
    const id = clientIdentity(headers);
    const day = Date.UTC(2026, 10, 22, 12);
    const same = await dailyClientHash('site-key', id, day + 3600_000);
    expect(await dailyClientHash('site-key', id, day)).toBe(same);
    expect(await dailyClientHash('site-key', id, day + 24 * 3600_000)).not.toBe(same);
    expect(await dailyClientHash('other-site-key', id, day)).not.toBe(same);
    // Another interface in the same /64 is the same client.
    const sibling = clientIdentity(new Headers({ 'cf-connecting-ip': '2001:db8:4f2a:91c3::1', 'user-agent': UA }));
    expect(await dailyClientHash('site-key', sibling, day)).toBe(same);
  });
});
