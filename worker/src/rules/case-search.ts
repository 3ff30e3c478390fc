/**
 * What staff typed into the recovery queue's search box, read as what a customer on the phone
 * would give: their case ref, or the email, phone number or order number they used.
 */
import { CASE_REF_ALPHABET } from '../lib/case-ref.ts';
import { contactKey } from './contact.ts';

export interface CaseSearch {
  /** Case refs (own or alias) to match. */
  refs: string[];
  /** `cases.contact_key` values to match. */
  contactKeys: string[];
  /** Matched against `cases.order_ref` without regard to case; null when q cannot be one. */
  orderRef: string | null;
}

const BARE_REF = new RegExp(`^[${CASE_REF_ALPHABET}]{8}$`);
// Phone numbers as people write them: digits in any script and the usual separators.
const PHONE_LIKE = /^[+(]?[\d۰-۹٠-٩][\d۰-۹٠-٩\s().\-]*$/;

// A Persian keyboard types Persian digits even into a ref.
function latinDigits(value: string): string {
  return value.replace(/[۰-۹٠-٩]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

export function parseCaseSearch(q: string): CaseSearch | null {
  const raw = q.trim();
  if (!raw) return null;
  // Refs are read out in groups and typed as heard: "rb 7kq2 m9xa" is RB-7KQ2M9XA.
  const compact = latinDigits(raw).toUpperCase().replace(/[\s\-_]/g, '');
  const withPrefix = compact.startsWith('RB') ? compact.slice(2) : null;
  if (withPrefix !== null && BARE_REF.test(withPrefix)) return { refs: [`RB-${withPrefix}`], contactKeys: [], orderRef: null };

  if (raw.includes('@')) {
    const email = contactKey({ email: raw });
    return { refs: [], contactKeys: email ? [email] : [], orderRef: null };
  }
  const refs = BARE_REF.test(compact) ? [`RB-${compact}`] : [];
  const contactKeys: string[] = [];
  if (PHONE_LIKE.test(raw)) {
    const phone = contactKey({ phone: raw });
    if (phone) contactKeys.push(phone);
  }
  // A case opened from an order number alone is keyed by it.
  const order = contactKey({ orderRef: raw });
  if (order) contactKeys.push(order);
  return { refs, contactKeys, orderRef: raw };
}
