/**
 * Folding text so that the ways people actually type Persian and English compare equal.
 *
 * `fold` is for search (both the stored `search_text` and the query go through it, so it must be
 * idempotent and must never merge words a searcher would want apart): Arabic letter forms (ي ك ة
 * ۀ) to Persian, Arabic and Persian digits to Latin, half-spaces, tatweel, diacritics and
 * direction marks removed, curly quotes straightened, case folded, white space collapsed.
 *
 * `foldForMatching` goes further for the sentiment and moderation rules, where recall matters more
 * than exactness: stretched letters (خیلیییی, sooooo) shortened, and the half-space that people
 * replace with a space glued back (می خواهم, بی کیفیت, کتاب ها).
 *
 * Also here: the standard Persian keyboard (ISIRI 9147) mapped onto QWERTY, to undo words typed
 * with the wrong layout switched on, and a test for Persian written in Latin letters (Finglish).
 */

const LETTERS: Record<string, string> = {
  'ي': 'ی',
  'ى': 'ی',
  'ې': 'ی',
  'ۍ': 'ی',
  'ك': 'ک',
  'ڪ': 'ک',
  'ة': 'ه',
  'ۀ': 'ه',
  'ھ': 'ه',
  'ہ': 'ه',
  'ە': 'ه',
  'أ': 'ا',
  'إ': 'ا',
  'ٱ': 'ا',
  'ؤ': 'و',
  '‘': "'",
  '’': "'",
  '‛': "'",
  '“': '"',
  '”': '"',
};
const LETTER_CLASS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Folds one string for search. Idempotent: fold(fold(x)) === fold(x). */
export function fold(value: string): string {
  const once = value
    .normalize('NFKC')
    .replace(LETTER_CLASS, (ch) => LETTERS[ch] ?? ch)
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    // Harakat, tanwin, hamza marks, superscript alef and tatweel carry no meaning for matching.
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    // A half-space (ZWNJ) or its stand-ins join or split words inconsistently: treat as nothing.
    // Direction marks (LRM, RLM, ALM) are invisible and only ever get in the way of a match.
    .replace(/[\u200C\u200D\u00AD\u200E\u200F\u061C\uFE0E\uFE0F]/g, '')
    .toLowerCase();
  // Lower-casing can produce a sequence NFKC would rewrite (rare, e.g. Kelvin or Ohm signs);
  // normalising once more keeps the result a fixed point.
  return once.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The searchable text of a submission, stored in `submissions.search_text`. */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  return fold(parts.filter(Boolean).join(' '));
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ARABIC_LETTER_G = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]/g;
const LATIN_LETTER_G = /[a-z]/gi;

/** True for a letter of the Arabic script (Persian included). */
export function isPersianLetter(ch: string): boolean {
  return ARABIC_SCRIPT.test(ch);
}

/** Counts of Persian (Arabic-script) and Latin letters, for language detection. */
export function scriptCounts(value: string): { persian: number; latin: number } {
  return {
    persian: value.match(ARABIC_LETTER_G)?.length ?? 0,
    latin: value.match(LATIN_LETTER_G)?.length ?? 0,
  };
}

/**
 * `fold`, then the liberties that help matching but would surprise a searcher: letters typed
 * three or more times in a row shortened (to one in Persian, where doubled letters are rare; to
 * two in Latin text, so "goood" meets "good" and "sooo" meets "soo"), and the prefixes and suffixes
 * that belong behind a half-space glued to their word when a space was typed instead.
 */
export function foldForMatching(value: string): string {
  return fold(value)
    .replace(/(\p{L})\1{2,}/gu, (_run, ch: string) => (isPersianLetter(ch) ? ch : ch + ch))
    .replace(/(^|[^\p{L}])(نمی|می|بی) (?=\p{Script=Arabic})/gu, '$1$2')
    .replace(/(\p{Script=Arabic}) (ها|های|هایی|هایش|تر|ترین)(?=$|[^\p{L}])/gu, '$1$2');
}

/**
 * The standard Persian keyboard (ISIRI 9147) by the QWERTY key under each letter. The legacy
 * Windows layout puts پ on the backslash key, so both are accepted from Latin to Persian.
 */
const QWERTY_TO_PERSIAN: Record<string, string> = {
  q: 'ض', w: 'ص', e: 'ث', r: 'ق', t: 'ف', y: 'غ', u: 'ع', i: 'ه', o: 'خ', p: 'ح', '[': 'ج', ']': 'چ',
  a: 'ش', s: 'س', d: 'ی', f: 'ب', g: 'ل', h: 'ا', j: 'ت', k: 'ن', l: 'م', ';': 'ک', "'": 'گ',
  z: 'ظ', x: 'ط', c: 'ز', v: 'ر', b: 'ذ', n: 'د', m: 'پ', ',': 'و', '\\': 'پ',
};
const PERSIAN_TO_QWERTY: Record<string, string> = {};
for (const [key, letter] of Object.entries(QWERTY_TO_PERSIAN)) {
  if (key !== '\\') PERSIAN_TO_QWERTY[letter] = key;
}

/**
 * What a word typed on QWERTY would have been on the Persian layout ("sghl" → "سلام"), or null
 * when a character has no place on it.
 */
export function latinToPersianLayout(word: string): string | null {
  let out = '';
  for (const ch of word.toLowerCase()) {
    const letter = QWERTY_TO_PERSIAN[ch];
    if (letter === undefined) return null;
    out += letter;
  }
  return out;
}

/** What a word typed on the Persian layout would have been on QWERTY ("لخخی" → "good"), or null. */
export function persianToLatinLayout(word: string): string | null {
  let out = '';
  for (const ch of word) {
    const key = PERSIAN_TO_QWERTY[ch];
    if (key === undefined) return null;
    out += key;
  }
  return out;
}

export interface Vocabulary {
  has(word: string): boolean;
}

/**
 * Undoes keyboard-layout slips in already folded text: a Latin token that is not a known English
 * word but spells a known Persian word on the Persian layout is replaced by that word, and the
 * other way round. Only known words are ever substituted, and only where a slip is plausible:
 * the text also has letters of the other script, the token holds a key no word of its script
 * uses (";", ",", "["), or at least half of the text's words are slips. An English sentence
 * whose one unlisted word happens to spell Persian ("cold" is زخمی) passes unchanged.
 */
export function fixLayoutSlips(folded: string, vocab: { persian: Vocabulary; english: Vocabulary }): string {
  const chunks = folded.split(' ').map((chunk) => {
    const trail = /[.!?]*$/.exec(chunk)?.[0] ?? '';
    const core = trail ? chunk.slice(0, -trail.length) : chunk;
    let swap: string | null = null;
    let toPersian = false;
    if (core.length >= 2 && /^[a-z;,'[\]\\]+$/.test(core) && !vocab.english.has(core)) {
      const persian = latinToPersianLayout(core);
      if (persian && vocab.persian.has(persian)) swap = persian;
      toPersian = true;
    } else if (/^\p{Script=Arabic}+$/u.test(core) && core.length >= 3 && !vocab.persian.has(core)) {
      const latin = persianToLatinLayout(core);
      if (latin && /^[a-z]+$/.test(latin) && vocab.english.has(latin)) swap = latin;
    }
    return { chunk, trail, core, swap, toPersian };
  });
  const { persian, latin } = scriptCounts(folded);
  const latinWords = chunks.filter((c) => /^[a-z]/.test(c.core));
  const persianWords = chunks.filter((c) => /^\p{Script=Arabic}/u.test(c.core));
  const mostLatinSlips = latinWords.length > 0 && chunks.filter((c) => c.swap && c.toPersian).length * 2 >= latinWords.length;
  const mostPersianSlips = persianWords.length > 0 && chunks.filter((c) => c.swap && !c.toPersian).length * 2 >= persianWords.length;
  return chunks
    .map((c) => {
      if (!c.swap) return c.chunk;
      const plausible = c.toPersian ? persian > 0 || /[;,'[\]\\]/.test(c.core) || mostLatinSlips : latin > 0 || mostPersianSlips;
      return plausible ? c.swap + c.trail : c.chunk;
    })
    .join(' ');
}

/**
 * Common words of Persian written in Latin letters. Only words that are not also English words
 * (so "bad", "to", "man" are left out) and that appear in shop feedback.
 */
export const FINGLISH_WORDS: ReadonlySet<string> = new Set([
  'salam', 'slm', 'mersi', 'merci', 'mamnoon', 'mamnun', 'mamnoonam', 'kheili', 'kheyli', 'khaili', 'khyli',
  'kharab', 'kharabe', 'khoob', 'khub', 'khube', 'khoobe', 'aali', 'aalie', 'aliye', 'afzaah', 'aftezah',
  'afteza', 'kalaa', 'kalam', 'ersal', 'ersali', 'sefaresh', 'sefareshe', 'sefaresham', 'hanooz', 'hanuz',
  'nareside', 'naresid', 'naresideh', 'residam', 'rasid', 'marjoo', 'marju', 'poolam', 'pulam', 'poolamo',
  'bargardoonid', 'bargardunid', 'bedid', 'razi', 'narazi', 'nistam', 'nist', 'nabood', 'nabud', 'bood',
  'vaghean', 'vaqean', 'vaghan', 'aslan', 'ghimat', 'gheymat', 'geroon', 'gerun', 'arzoon', 'arzun',
  'keyfiat', 'keyfiyat', 'kefiat', 'poshtibani', 'javab', 'nemidan', 'nemide', 'dige', 'digeh', 'nemikharam',
  'kolahbardari', 'kolahbardar', 'shekayat', 'takhir', 'movafagh', 'dastetoon', 'nakone', 'dametoon', 'chera',
  'vali', 'hichi', 'lotfan', 'mishe', 'mikham', 'nemikham', 'dorost', 'nemikone', 'eyval', 'ghashang', 'zood',
  'khaste', 'nabashid', 'bazam', 'hamishe', 'hamechi', 'zesht', 'eshtebah', 'dorost', 'shekaste', 'sharmande',
]);

/** The Finglish words in already folded text, in order of appearance (repeats kept once). */
export function finglishTokens(folded: string): string[] {
  const seen = new Set<string>();
  for (const token of folded.match(/[a-z]+/g) ?? []) {
    if (FINGLISH_WORDS.has(token)) seen.add(token);
  }
  return [...seen];
}

/**
 * True when Latin-letter text reads as Persian: at least two distinct Finglish words, making up
 * at least a fifth of the Latin words (one "salam" in an English sentence is not enough).
 */
export function isLikelyFinglish(folded: string): boolean {
  const words = folded.match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  const hits = finglishTokens(folded);
  const count = words.filter((w) => FINGLISH_WORDS.has(w)).length;
  return hits.length >= 2 && count / words.length >= 0.2;
}

/**
 * What search matches in a submission: its words and the author's name. The submission route
 * stores it and erasure recomputes it, so both go through here.
 */
export function submissionSearchText(parts: {
  title: string | null;
  body: string;
  expected: string | null;
  desiredOutcome: string | null;
  name: string;
}): string {
  return searchText([parts.title, parts.body, parts.expected, parts.desiredOutcome, parts.name]);
}
