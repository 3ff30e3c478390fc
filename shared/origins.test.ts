import { describe, expect, it } from 'vitest';
import { checkPageOrigin } from './origins.ts';

describe('checkPageOrigin', () => {
  it.each([
    ['https://shop.example', 'https://shop.example'],
    ['  https://WWW.Shop.Example/  ', 'https://www.shop.example'],
    ['https://shop.example:8443', 'https://shop.example:8443'],
    ['https://shop.example:443', 'https://shop.example'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://xn--mgbh0fb.example', 'https://xn--mgbh0fb.example'],
  ])('accepts %s as %s', (value, origin) => {
    expect(checkPageOrigin(value)).toEqual({ origin });
  });

  it.each([
    ['', 'not_origin'],
    ['shop.example', 'not_origin'],
    ['ftp://shop.example', 'not_origin'],
    ['javascript:alert(1)', 'not_origin'],
    ['https://', 'not_origin'],
    [`https://${'a'.repeat(300)}.example`, 'not_origin'],
    ['https://shop.example/products', 'has_path'],
    ['https://shop.example/?q=1', 'has_path'],
    ['https://shop.example/#top', 'has_path'],
    ['https://shop.example?', 'has_path'],
    ['https://user:pw@shop.example', 'has_path'],
    ['http://shop.example', 'insecure'],
    ['http://localhost.shop.example', 'insecure'],
    ['http://192.168.1.5', 'insecure'],
  ])('refuses %s: %s', (value, problem) => {
    expect(checkPageOrigin(value)).toEqual({ problem });
  });
});
