/**
 * Light stemming for the sentiment rules and the learned model, so one lexicon entry meets the
 * forms shoppers type: English "broke / broken / breaks / breaking" → "break", "stopped" →
 * "stop", "leaking" → "leak"; Persian verb forms with their spoken endings and prefixes reduced to
 * the past stem (سوخت، سوخته، میسوزه → سوخت; شکسته، میشکنه → شکست). Deliberately light: a stem
 * only has to make two forms of one word meet, never to be a dictionary word.
 */

/** Irregular English forms → the stem their regular siblings reduce to. */
const EN_IRREGULAR: Record<string, string> = {
  broke: 'break', broken: 'break', tore: 'tear', torn: 'tear', died: 'die', dies: 'die', dying: 'die', dead: 'die',
  fell: 'fall', fallen: 'fall', shrank: 'shrink', shrunk: 'shrink', stank: 'stink', stunk: 'stink', burnt: 'burn',
  melted: 'melt', bent: 'bend', sent: 'send', came: 'come', went: 'go', gone: 'go', lost: 'lose',
  ran: 'run', runs: 'run', running: 'run', wore: 'wear', worn: 'wear', froze: 'freeze', frozen: 'freeze',
  bought: 'buy', threw: 'throw', thrown: 'throw', took: 'take', taken: 'take', got: 'get', gotten: 'get',
  split: 'split', fit: 'fit', fits: 'fit', fitted: 'fit', fitting: 'fit', leaked: 'leak', leaking: 'leak', leaks: 'leak',
  felt: 'feel', made: 'make', paid: 'pay', wasted: 'waste', wasting: 'waste', does: 'do', did: 'do', done: 'do',
  better: 'better', worse: 'worse', best: 'best', worst: 'worst',
};

/** English: irregular forms, then one of -ing, -ed, -es, -s, -ly with the doubled consonant undone. */
export function stemEn(word: string): string {
  const w = suffixless(word);
  // A final e comes and goes with the suffix (fade, faded, fading): drop it everywhere.
  return w.length > 3 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w;
}

function suffixless(word: string): string {
  // Own keys only: a shopper's "constructor" or "__proto__" must not find Object's members.
  const irregular = Object.hasOwn(EN_IRREGULAR, word) ? EN_IRREGULAR[word] : undefined;
  if (irregular) return irregular;
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ied') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  else if (w.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  else return w;
  // stopp → stop, ripp → rip; but keep "ll", "ss" (fall, press).
  if (/([bdgmnprt])\1$/.test(w)) return w.slice(0, -1);
  // "faded" → "fad": the lookup also tries the stem with an e put back.
  return w;
}

/** Persian present stems of the verbs shop reviews use, by their past stem. */
const FA_PRESENT: Record<string, string> = {
  'سوخت': 'سوز', 'شکست': 'شکن', 'افتاد': 'افت', 'رسید': 'رس', 'ریخت': 'ریز', 'کرد': 'کن', 'شد': 'ش',
  'داشت': 'دار', 'خرید': 'خر', 'رفت': 'رو', 'داد': 'ده', 'آمد': 'آی', 'اومد': 'آی', 'گرفت': 'گیر',
  'ترکید': 'ترک', 'پوسید': 'پوس', 'چکید': 'چک', 'خورد': 'خور', 'ارزید': 'ارز', 'کشید': 'کش',
  'بست': 'بند', 'ماند': 'مان', 'موند': 'مون', 'زد': 'زن',
};
const FA_PRESENT_TO_PAST: Record<string, string> = Object.fromEntries(Object.entries(FA_PRESENT).map(([past, present]) => [present, past]));

// Spoken and written person endings, longest first. "ه" is both the spoken 3rd person (میسوزه)
// and the perfect participle (سوخته): both reduce to the stem.
const FA_ENDINGS = ['ایم', 'اید', 'اند', 'یم', 'ید', 'ند', 'ین', 'ام', 'ای', 'ه', 'م', 'ن', 'ی', 'د'];

/**
 * Persian: a verb form reduced to its past stem when it is a known verb (میسوزه, سوخته, بسوزه,
 * نمیسوزه → سوخت, with `negated` for ن / نمی). Words that are not forms of a listed verb are
 * returned unchanged.
 */
export function stemFaVerb(word: string): { stem: string; negated: boolean } | null {
  let w = word;
  let negated = false;
  if (w.startsWith('نمی')) {
    negated = true;
    w = w.slice(3);
  } else if (w.startsWith('می')) w = w.slice(2);
  else if (w.startsWith('ن') && w.length > 3) {
    const rest = w.slice(1);
    const found = stemFaVerb(rest);
    if (found && !found.negated) return { stem: found.stem, negated: true };
  } else if (w.startsWith('ب') && w.length > 3) w = w.slice(1);
  for (const candidate of [w, ...FA_ENDINGS.filter((e) => w.endsWith(e) && w.length - e.length >= 1).map((e) => w.slice(0, -e.length))]) {
    if (Object.hasOwn(FA_PRESENT, candidate) && candidate.length >= 2) return { stem: candidate, negated };
    // A present stem only counts behind a prefix (میسوزه, بشکنه): bare, most are other words.
    const past = Object.hasOwn(FA_PRESENT_TO_PAST, candidate) ? FA_PRESENT_TO_PAST[candidate] : undefined;
    if (past !== undefined && w !== word) return { stem: past, negated };
  }
  return null;
}

/** One stem for any word, for the learned model (English or Persian). */
export function stem(word: string): string {
  if (/^[a-z']+$/.test(word)) return stemEn(word);
  if (/^\p{Script=Arabic}+$/u.test(word)) {
    const verb = stemFaVerb(word);
    if (verb) return (verb.negated ? 'ن' : '') + verb.stem;
    for (const suffix of ['های', 'ها', 'ش', 'ه']) if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}
