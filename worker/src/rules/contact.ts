/**
 * The key that makes "one open case per customer and order": a normalised email, else phone
 * digits, else the order reference. Null when the shopper left none of them.
 */
export interface ContactInput {
  email?: string | undefined;
  phone?: string | undefined;
  orderRef?: string | undefined;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

function latinDigits(value: string): string {
  return value.replace(/[۰-۹٠-٩]/g, (d) => {
    const p = PERSIAN_DIGITS.indexOf(d);
    return String(p >= 0 ? p : ARABIC_DIGITS.indexOf(d));
  });
}

export function contactKey(input: ContactInput): string | null {
  return contactKeys(input)[0] ?? null;
}

/**
 * Every key the shopper's details give, strongest first (email, phone, order): what a new case
 * is compared on to find "probably the same customer". Typed details are unverified, so a match
 * is only ever shown to staff, never acted on.
 */
export function contactKeys(input: ContactInput): string[] {
  const keys: string[] = [];
  const email = input.email?.trim().toLowerCase();
  if (email) keys.push(`email:${email}`);
  const phone = input.phone ? latinDigits(input.phone).replace(/\D/g, '') : '';
  // The last ten digits: "+98 912 345 6789", "0098 912..." and "0912 345 6789" are one person.
  if (phone.length >= 5) keys.push(`phone:${phone.slice(-10)}`);
  const order = input.orderRef?.trim().toLowerCase();
  if (order) keys.push(`order:${order}`);
  return keys;
}

export type LinkReason = 'email' | 'phone' | 'order';

/** Why two cases look like one customer: the kinds of key they share. */
export function linkReasons(keys: readonly string[], other: { contactKey: string; orderRef: string | null }): LinkReason[] {
  const reasons = new Set<LinkReason>();
  for (const key of keys) {
    if (key === other.contactKey) reasons.add(key.slice(0, key.indexOf(':')) as LinkReason);
    if (key.startsWith('order:') && other.orderRef !== null && key === `order:${other.orderRef.trim().toLowerCase()}`) reasons.add('order');
  }
  return (['email', 'phone', 'order'] as const).filter((r) => reasons.has(r));
}
