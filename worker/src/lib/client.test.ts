import { describe, expect, it } from 'vitest';
import { clientIdentity, clientNetwork, dailyClientHash, networkOf, voterHash } from './client.ts';

describe('networkOf', () => {
  it.each([
    ['keeps an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['cuts IPv6 to its /64', '2001:db8:85a3:1234:8a2e:370:7334:1', '2001:db8:85a3:1234::/64'],
    ['expands :: before cutting', '2001:db8::1', '2001:db8:0:0::/64'],
    ['ignores case and leading zeros', '2001:0DB8:0000:00aa::ff', '2001:db8:0:aa::/64'],
    ['drops a zone id', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['reads IPv4-mapped IPv6 as IPv4', '::ffff:198.51.100.4', '198.51.100.4'],
    ['reads hex IPv4-mapped IPv6 as IPv4', '::ffff:c633:6404', '198.51.100.4'],
    ['rejects garbage', 'not an ip', ''],
    ['rejects an IPv4 octet over 255', '256.1.1.1', ''],
    ['rejects two ::', '1::2::3', ''],
    ['rejects nine hextets', '1:2:3:4:5:6:7:8:9', ''],
    ['treats a missing header as unknown', null, ''],
  ])('%s', (_name, input, expected) => {
    expect(networkOf(input)).toBe(expected);
  });
});

describe('client hashes', () => {
  const headers = (ip: string, ua = 'UA/1') => new Headers({ 'cf-connecting-ip': ip, 'user-agent': ua });

  it('gives two addresses in one IPv6 /64 the same identity', () => {
    expect(clientIdentity(headers('2001:db8:1:2::a'))).toBe(clientIdentity(headers('2001:db8:1:2:ffff::b')));
  });

  it('never contains the full IPv6 address', () => {
    expect(clientIdentity(headers('2001:db8:1:2:3:4:5:6'))).not.toContain('3:4:5:6');
  });

  it('separates clients by User-Agent', () => {
    expect(clientIdentity(headers('203.0.113.7', 'A'))).not.toBe(clientIdentity(headers('203.0.113.7', 'B')));
  });

  it('keys a network without its User-Agent, an IPv6 address by its /64', () => {
    expect(clientNetwork(headers('203.0.113.7', 'A'))).toBe(clientNetwork(headers('203.0.113.7', 'B')));
    expect(clientNetwork(headers('2001:db8:1:2:3:4:5:6', 'A'))).toBe(clientNetwork(headers('2001:db8:1:2:ffff::9', 'B')));
    expect(clientNetwork(headers('203.0.113.7'))).not.toBe(clientNetwork(headers('203.0.113.8')));
  });

  it('voter hashes are stable per site and differ between sites', async () => {
    const id = clientNetwork(headers('203.0.113.7'));
    expect(await voterHash('site-a', id)).toBe(await voterHash('site-a', id));
    expect(await voterHash('site-a', id)).not.toBe(await voterHash('site-b', id));
  });

  it('daily client hashes rotate at UTC midnight', async () => {
    const id = clientIdentity(headers('203.0.113.7'));
    const morning = Date.UTC(2026, 0, 5, 0, 1);
    const evening = Date.UTC(2026, 0, 5, 23, 59);
    const nextDay = Date.UTC(2026, 0, 6, 0, 1);
    expect(await dailyClientHash('k', id, morning)).toBe(await dailyClientHash('k', id, evening));
    expect(await dailyClientHash('k', id, morning)).not.toBe(await dailyClientHash('k', id, nextDay));
  });
});
