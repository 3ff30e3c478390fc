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
  const email = input.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  const phone = input.phone ? latinDigits(input.phone).replace(/\D/g, '') : '';
  // The last ten digits: "+98 912 345 6789", "0098 912..." and "0912 345 6789" are one person.
  if (phone.length >= 5) return `phone:${phone.slice(-10)}`;
  const order = input.orderRef?.trim().toLowerCase();
  if (order) return `order:${order}`;
  return null;
}
