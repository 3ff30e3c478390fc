import { describe, expect, it } from 'vitest';
import { contactKey, contactKeys, linkReasons, type ContactInput } from './contact.ts';

describe('contactKey', () => {
  it.each<[string, ContactInput, string | null]>([
    ['an email, case and spaces folded', { email: '  Sara@Example.COM ' }, 'email:sara@example.com'],
    ['the email wins over a phone', { email: 'a@b.co', phone: '+98 912 345 6789' }, 'email:a@b.co'],
    ['an international phone', { phone: '+98 912 345 6789' }, 'phone:9123456789'],
    ['the same phone with a national prefix', { phone: '0912-345-6789' }, 'phone:9123456789'],
    ['the same phone with 00', { phone: '0098 912 345 6789' }, 'phone:9123456789'],
    ['the same phone in Persian digits', { phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹' }, 'phone:9123456789'],
    ['the same phone in Arabic digits', { phone: '٠٩١٢٣٤٥٦٧٨٩' }, 'phone:9123456789'],
    ['a short phone as typed', { phone: '12 345' }, 'phone:12345'],
    ['too few digits fall back to the order', { phone: '123', orderRef: ' ORD-7 ' }, 'order:ord-7'],
    ['nothing to go on', {}, null],
  ])('%s', (_name, input, key) => {
    expect(contactKey(input)).toBe(key);
  });
});

describe('contactKeys', () => {
  it('gives every key the details hold, email first', () => {
    expect(contactKeys({ email: 'A@b.co', phone: '0912 345 6789', orderRef: 'ORD-7' })).toEqual(['email:a@b.co', 'phone:9123456789', 'order:ord-7']);
  });
  it('gives nothing for no details', () => {
    expect(contactKeys({})).toEqual([]);
  });
});

describe('linkReasons', () => {
  const keys = ['email:a@b.co', 'phone:9123456789', 'order:ord-7'];
  it.each<[string, { contactKey: string; orderRef: string | null }, string[]]>([
    ['the same email', { contactKey: 'email:a@b.co', orderRef: null }, ['email']],
    ['the same phone', { contactKey: 'phone:9123456789', orderRef: null }, ['phone']],
    ['the same order, keyed by it', { contactKey: 'order:ord-7', orderRef: 'ORD-7' }, ['order']],
    ['the same order beside another email', { contactKey: 'email:x@y.co', orderRef: ' ord-7 ' }, ['order']],
    ['email and order together', { contactKey: 'email:a@b.co', orderRef: 'ORD-7' }, ['email', 'order']],
    ['nothing shared', { contactKey: 'email:x@y.co', orderRef: 'ORD-8' }, []],
  ])('%s', (_name, other, reasons) => {
    expect(linkReasons(keys, other)).toEqual(reasons);
  });
});
