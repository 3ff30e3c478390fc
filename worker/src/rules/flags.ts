/**
 * Why a submission is held for staff: moderation flags from its words and from how it was sent.
 * Pure: the site's blocked words, recent bodies and the form's timing come in through `ctx`.
 * The result follows the order of `FLAGS` in shared/site.ts, so it is stable for storage and tests.
 */
import { FLAGS, type Flag, type SiteSettings } from '../../../shared/site.ts';
import { ABUSE_WORDS, PROMO_PHRASES } from './lexicon/abuse.ts';
import { fold, foldForMatching, isLikelyFinglish } from './normalize.ts';

export interface FlagInput {
  title?: string | undefined;
  body: string;
  expected?: string | undefined;
  desiredOutcome?: string | undefined;
  authorName: string;
}

export interface FlagContext {
  blockedWords: readonly string[];
  verified: boolean;
  kind: 'review' | 'complaint' | 'story';
  /** Bodies recently submitted on this site (normalised or raw), for duplicate detection. */
  recentBodies: readonly string[];
  honeypot?: string | undefined;
  elapsedMs?: number | undefined;
}

/** People take longer than this to write anything; a form sent sooner was filled by a script. */
export const MIN_ELAPSED_MS = 3000;
/** Word-set similarity (Jaccard) at or above which two bodies count as the same text. */
export const NEAR_DUPLICATE = 0.85;

const URL_LIKE = /(https?:\/\/|www\.)\S+/i;
const DOMAIN = /(^|[^\p{L}\p{N}@.-])[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9-]{1,63})*\.(com|net|org|ir|io|co|info|biz|xyz|me|app|site|online|store|shop|ru|de|uk|top|link|ly|gl)(?![\p{L}\p{N}])/iu;
// Bounded parts: an unbounded local part makes the search quadratic on long text without an "@".
const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,}/i;
const HANDLE = /(^|\s)@[a-z0-9_]{4,}/i;
const EMOJI = /\p{Extended_Pictographic}/gu;
// Direction marks and controls: invisible, and able to make text read differently from how it
// is stored. The text policy already rejects the overrides; the marks pass it, so flag them.
const BIDI = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

const abuse = new Set(ABUSE_WORDS.map(foldForMatching));
const promo = PROMO_PHRASES.map(foldForMatching);

function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Leetspeak digits and masking stars, undone only for the abuse check ("sh1t", "f*ck").
function unmask(folded: string): string {
  return folded
    .replace(/(?<=\p{L})[*.](?=\p{L})/gu, '')
    .replace(/[0134@$](?=\p{L}|$)/gu, (ch) => ({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '@': 'a', $: 's' })[ch] ?? ch);
}

function hasAbuse(folded: string): boolean {
  for (const w of [...words(folded), ...words(unmask(folded))]) {
    if (abuse.has(w)) return true;
    // Plurals and common endings of a listed word: "idiots", "احمق‌ها".
    for (const end of ['s', 'es', 'ed', 'ing', 'ها', 'های', 'ی']) {
      if (w.length > end.length + 2 && w.endsWith(end) && abuse.has(w.slice(0, -end.length))) return true;
    }
  }
  return false;
}

/** The words of a folded text, ready for whole-word lookups of single words and phrases. */
class WordIndex {
  readonly #set: Set<string>;
  readonly #padded: string;
  constructor(folded: string) {
    const w = words(folded);
    this.#set = new Set(w);
    this.#padded = ` ${w.join(' ')} `;
  }
  /** True when `phrase` occurs as whole words (compared word by word after folding). */
  has(phrase: string): boolean {
    const w = words(phrase);
    if (w.length === 0) return false;
    return w.length === 1 ? this.#set.has(w[0] ?? '') : this.#padded.includes(` ${w.join(' ')} `);
  }
}

function blocked(folded: string, index: WordIndex, list: readonly string[]): boolean {
  for (const entry of list) {
    const f = foldForMatching(entry);
    if (!f) continue;
    // A plain word or phrase matches whole words only ("ass" must not hold "class"); an entry
    // with punctuation ("amazon.com", "t.me/") is looked for as typed.
    if (/^[\p{L}\p{N} ]+$/u.test(f) ? index.has(f) : folded.includes(f)) return true;
  }
  return false;
}

function repetitive(raw: string, folded: string): boolean {
  // Eight of one character: stretching a word (خیلیییی, sooo) rarely goes that far.
  if (/(.)\1{7,}/u.test(raw.replace(/\s/g, ''))) return true;
  const w = words(folded);
  let run = 1;
  for (let i = 1; i < w.length; i += 1) {
    run = w[i] === w[i - 1] ? run + 1 : 1;
    if (run >= 4) return true;
  }
  if (w.length >= 8) {
    const counts = new Map<string, number>();
    for (const x of w) counts.set(x, (counts.get(x) ?? 0) + 1);
    if (Math.max(...counts.values()) / w.length > 0.5) return true;
  }
  return false;
}

function spammy(raw: string, index: WordIndex, links: number): boolean {
  const letters = raw.match(/[A-Za-z]/g) ?? [];
  const upper = raw.match(/[A-Z]/g) ?? [];
  if (letters.length >= 20 && upper.length / letters.length >= 0.8) return true;
  const emoji = raw.match(EMOJI)?.length ?? 0;
  const visible = raw.replace(/\s/g, '').length;
  if (emoji >= 10 || (emoji >= 5 && emoji / visible > 0.5)) return true;
  if (links >= 2) return true;
  return promo.some((p) => index.has(p));
}

function countLinks(text: string): number {
  let n = 0;
  let rest = text;
  // Each kind is cut out once counted, so "https://shop.com" is one link, not a URL and a domain.
  for (const re of [URL_LIKE, EMAIL, DOMAIN, HANDLE]) {
    rest = rest.replace(new RegExp(re.source, `${re.flags}g`), (m, lead: unknown) => {
      n += 1;
      return typeof lead === 'string' ? `${lead} ` : ' ';
    });
  }
  return n;
}

// The set of words: a copy with a word changed or moved still shares almost all of them.
function wordSet(folded: string): Set<string> {
  return new Set(words(folded));
}

function similarity(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}

function duplicate(body: string, recent: readonly string[]): boolean {
  const folded = foldForMatching(body);
  const spaced = words(folded).join(' ');
  if (!spaced) return false;
  const mine = wordSet(folded);
  for (const other of recent) {
    // Texts of very different lengths cannot be copies; skip them before the costly folding.
    if (other.length > body.length * 2 + 20 || body.length > other.length * 2 + 20) continue;
    const theirs = foldForMatching(other);
    if (words(theirs).join(' ') === spaced) return true;
    // Near matches only for texts long enough that a shared phrase is not a coincidence.
    if (mine.size >= 6 && similarity(mine, wordSet(theirs)) >= NEAR_DUPLICATE) return true;
  }
  return false;
}

export function flagSubmission(input: FlagInput, ctx: FlagContext): Flag[] {
  const flags = new Set<Flag>();
  const raw = [input.title, input.body, input.expected, input.desiredOutcome, input.authorName].filter(Boolean).join('\n');
  const folded = foldForMatching(raw);
  const links = countLinks(fold(raw));
  const index = new WordIndex(folded);

  if (links > 0) flags.add('links');
  if (spammy(raw, index, links)) flags.add('spam');
  if (repetitive(raw, folded)) flags.add('repetition');
  if (hasAbuse(folded)) flags.add('abuse');
  if (blocked(folded, index, ctx.blockedWords)) flags.add('blocked_word');
  if (isLikelyFinglish(folded)) flags.add('finglish');
  if (BIDI.test(raw)) flags.add('bidi');
  if (duplicate(input.body, ctx.recentBodies)) flags.add('duplicate');
  if (ctx.kind === 'review' && !ctx.verified) flags.add('unverified');
  if (ctx.honeypot && ctx.honeypot.trim() !== '') flags.add('honeypot');
  if (ctx.elapsedMs !== undefined && ctx.elapsedMs < MIN_ELAPSED_MS) flags.add('too_fast');
  return FLAGS.filter((f) => flags.has(f));
}

/**
 * Whether these flags hold an item for staff under `auto` moderation. `unverified` holds only
 * when the merchant chose to hold reviews without an order link (`holdUnverified`); whatever
 * `holdFlags` says about it, so a clean review from an unlinked shopper publishes by default.
 * The rating is not an input: publishing never depends on it.
 */
export function holdsForStaff(flags: readonly Flag[], settings: Pick<SiteSettings, 'holdFlags' | 'holdUnverified'>): boolean {
  return flags.some((f) => (f === 'unverified' ? settings.holdUnverified : settings.holdFlags.includes(f)));
}
