import { describe, expect, it } from 'vitest';
import { parseCaseSearch } from './case-search.ts';

describe('parseCaseSearch', () => {
  it('reads a ref however staff typed it: lower case, without the prefix, in groups, with Persian digits', () => {
    for (const q of ['RB-7KQ2M9XA', 'rb-7kq2m9xa', ' RB 7KQ2 M9XA ', 'rb7kq2m9xa', 'RB-۷KQ۲M۹XA']) {
      expect(parseCaseSearch(q)).toEqual({ refs: ['RB-7KQ2M9XA'], contactKeys: [], orderRef: null });
    }
  });

  it('treats eight ref symbols without the prefix as a ref that could also be an order number', () => {
    expect(parseCaseSearch('7kq2m9xa')).toEqual({ refs: ['RB-7KQ2M9XA'], contactKeys: ['order:7kq2m9xa'], orderRef: '7kq2m9xa' });
  });

  it('reads an email as the customer contact key, lower-cased', () => {
    expect(parseCaseSearch(' Sam@Example.COM ')).toEqual({ refs: [], contactKeys: ['email:sam@example.com'], orderRef: null });
  });

  it('reads a phone number in Persian digits as the same key as in Latin digits', () => {
    const persian = parseCaseSearch('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    const latin = parseCaseSearch('+98 912-345-6789');
    expect(persian?.contactKeys[0]).toBe('phone:9123456789');
    expect(latin?.contactKeys[0]).toBe('phone:9123456789');
  });

  it('keeps a numeric query as an order number too', () => {
    expect(parseCaseSearch('100234')).toEqual({ refs: [], contactKeys: ['phone:100234', 'order:100234'], orderRef: '100234' });
  });

  it('reads anything else as an order number', () => {
    expect(parseCaseSearch('ORD-55 A')).toEqual({ refs: [], contactKeys: ['order:ord-55 a'], orderRef: 'ORD-55 A' });
  });

  it('is no search at all when blank', () => {
    expect(parseCaseSearch('   ')).toBeNull();
  });
});
