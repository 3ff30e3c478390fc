import { describe, expect, it } from 'vitest';
import { contactKey, type ContactInput } from './contact.ts';

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
