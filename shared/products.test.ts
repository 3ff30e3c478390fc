import { describe, expect, it } from 'vitest';
import { isValidGtin, ProductInput } from './products.ts';

describe('isValidGtin', () => {
  it.each([
    ['4006381333931', true], // EAN-13
    ['036000291452', true], // UPC-A
    ['96385074', true], // EAN-8
    ['10036000291459', true], // GTIN-14
    ['4006381333932', false], // wrong check digit
    ['036000291453', false],
    ['400638133393', false], // 12 digits, check fails
    ['1234567', false], // too short
    ['123456789', false], // 9 digits is no GTIN length
    ['40063813339３1', false], // a full-width digit
    ['', false],
  ])('%s → %s', (gtin, ok) => {
    expect(isValidGtin(gtin)).toBe(ok);
  });
});

describe('ProductInput', () => {
  const base = { name: 'Blue mug', url: 'https://shop.example/p/mug' };
  it('accepts a product with every identifier', () => {
    expect(ProductInput.safeParse({ ...base, imageUrl: 'http://cdn.example/m.jpg', gtin: '4006381333931', mpn: 'M-1', sku: 'SKU1', brand: 'Acme' }).success).toBe(true);
  });
  it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://shop.example/x', 'not a url'])('refuses the url %s', (url) => {
    expect(ProductInput.safeParse({ ...base, url }).success).toBe(false);
  });
  it('refuses a GTIN with a wrong check digit', () => {
    expect(ProductInput.safeParse({ ...base, gtin: '4006381333932' }).success).toBe(false);
  });
  it('refuses unknown fields', () => {
    expect(ProductInput.safeParse({ ...base, price: 3 }).success).toBe(false);
  });
});
