/**
 * Case references shoppers read out on the phone or copy from an email: `RB-` and eight
 * characters from an alphabet without look-alikes (no 0/O, 1/I). 32 symbols, 40 bits.
 */
export const CASE_REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const CASE_REF_PATTERN = /^RB-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

/** A new random case reference. `random` is injectable for tests. */
export function newCaseRef(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // 256 is a multiple of 32, so masking keeps every symbol equally likely.
  const bytes = random(new Uint8Array(8));
  return `RB-${[...bytes].map((b) => CASE_REF_ALPHABET[b & 31]).join('')}`;
}
