/**
 * Why a recovery case opened, as parts, and the one English sentence the worker stores for it
 * (`cases.reason`, the `submission` timeline entry). The worker builds the sentence with
 * `caseReasonText`; the console reads it back with `parseCaseReason` and says it in the staff's
 * language. Keeping both directions here means the sentence's grammar lives in one place, and
 * a new kind of reason fails the console's translation test until it has en and fa labels.
 *
 * @example
 * caseReasonText({ kind: 'complaint', category: 'delivery', evidence: ['late'] });
 * // "complaint: delivery (late)"
 * parseCaseReason('rating 1: broken; repeat customer (2 earlier cases)');
 * // { kind: 'rating', stars: 1, evidence: ['broken'], priorCases: 2 }
 */
import { COMPLAINT_CATEGORIES } from './submission.ts';

/** Every kind of reason a case can open for; `text` is a sentence no rule recognises (kept as it came). */
export const CASE_REASON_KINDS = [
  'rating',
  'feeling',
  'complaint',
  'rating_negative_text',
  'feeling_negative_text',
  'negative_story',
  'rating_clearly_negative',
  'feeling_clearly_negative',
  'complaint_words',
  'learned',
  'resembles',
  'opened_by_staff',
  'needs_look',
  'not_unhappy',
  'text',
] as const;
export type CaseReasonKind = (typeof CASE_REASON_KINDS)[number];

export interface CaseReason {
  kind: CaseReasonKind;
  /** The stars (or a story's feeling) the reason names. */
  stars?: number | undefined;
  /** A complaint's category, as the shopper picked it (`delivery`, ...). */
  category?: string | undefined;
  /** The shopper's own words that decided it: shown as typed, never translated. */
  evidence?: string[] | undefined;
  /** Earlier cases of the same customer, when that made the case a repeat (P1). */
  priorCases?: number | undefined;
  /** The sentence itself, for `text`. */
  text?: string | undefined;
}

const BASE: Record<Exclude<CaseReasonKind, 'text'>, string> = {
  rating: 'rating {n}',
  feeling: 'feeling {n}',
  complaint: 'complaint',
  rating_negative_text: 'rating {n}, negative text',
  feeling_negative_text: 'feeling {n}, negative text',
  negative_story: 'negative story',
  rating_clearly_negative: 'rating {n}, clearly negative text',
  feeling_clearly_negative: 'feeling {n}, clearly negative text',
  complaint_words: 'complaint words',
  learned: 'learned from staff',
  resembles: 'resembles unhappy reviews',
  opened_by_staff: 'opened by staff',
  needs_look: 'needs a look',
  not_unhappy: 'not unhappy',
};

/** The stored English sentence for a reason. */
export function caseReasonText(r: CaseReason): string {
  if (r.kind === 'text') return r.text ?? '';
  let out = BASE[r.kind].replace('{n}', String(r.stars ?? ''));
  if (r.kind === 'complaint' && r.category) out += `: ${r.category}`;
  const words = r.evidence?.filter(Boolean) ?? [];
  if (words.length) out += r.kind === 'complaint' && r.category ? ` (${words.join(', ')})` : `: ${words.join(', ')}`;
  if (r.priorCases !== undefined && r.priorCases > 0) {
    out += `; repeat customer (${r.priorCases} earlier ${r.priorCases === 1 ? 'case' : 'cases'})`;
  }
  return out;
}

const REPEAT = /; repeat customer \((\d+) earlier cases?\)$/;

function split(words: string): string[] {
  return words
    .split(', ')
    .map((w) => w.trim())
    .filter(Boolean);
}

/** The parts of a stored sentence; one no rule recognises comes back as `{ kind: 'text' }`. */
export function parseCaseReason(sentence: string): CaseReason {
  let rest = sentence;
  let priorCases: number | undefined;
  const repeat = REPEAT.exec(rest);
  if (repeat) {
    priorCases = Number(repeat[1]);
    rest = rest.slice(0, repeat.index);
  }
  const withRepeat = (r: CaseReason): CaseReason => (priorCases === undefined ? r : { ...r, priorCases });
  const complaint = /^complaint: ([a-z_]+)(?: \((.+)\))?$/.exec(rest);
  // Only a known category is one: "complaint: refund" is a complaint without one, whose word was "refund".
  if (complaint && (COMPLAINT_CATEGORIES as readonly string[]).includes(complaint[1] ?? '')) return withRepeat({ kind: 'complaint', category: complaint[1], evidence: split(complaint[2] ?? '') });
  for (const kind of Object.keys(BASE) as Array<keyof typeof BASE>) {
    const [head, tail] = BASE[kind].split('{n}') as [string, string | undefined];
    const pattern = tail === undefined ? `^${escape(head)}` : `^${escape(head)}(\\d+)${escape(tail)}`;
    const m = new RegExp(`${pattern}(?:: (.+))?$`).exec(rest);
    if (!m) continue;
    const stars = tail === undefined ? undefined : Number(m[1]);
    const words = tail === undefined ? m[1] : m[2];
    return withRepeat({ kind, ...(stars === undefined ? {} : { stars }), evidence: split(words ?? '') });
  }
  return { kind: 'text', text: sentence };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
