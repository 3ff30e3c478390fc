/**
 * Is this shopper unhappy? A lexicon scorer for English, Persian and Finglish that runs inside
 * the Worker with no external service. Text is folded (normalize.ts), keyboard-layout slips are
 * undone, then words and phrases are looked up with negation, intensity, contrast ("..., but")
 * and sarcasm taken into account. The result says why: the phrases that counted and the intents
 * (refund, churn, safety, ...) they signal.
 */
import type { Lang } from '../../../shared/submission.ts';
import { EN } from './lexicon/en.ts';
import { FA } from './lexicon/fa.ts';
import type { Intent, LanguagePack } from './lexicon/types.ts';
import { fixLayoutSlips, foldForMatching, isLikelyFinglish, scriptCounts } from './normalize.ts';
import { stemEn, stemFaVerb } from './stem.ts';
import { TypoIndex } from './typo.ts';

/** Stored on the case with the score, so a later change of method is visible in the data. */
export const SENTIMENT_METHOD = 'lexicon-v2';

export type SentimentLang = Lang | 'mixed';

export interface Sentiment {
  /** Sum of the weighted hits; below zero is unhappy, -1 or lower clearly so. */
  score: number;
  lang: SentimentLang;
  method: string;
  /** The words and phrases that counted, as folded, negated ones with their negation. */
  hits: string[];
  /** Distinct intents in order of appearance. */
  intents: Intent[];
  /** Each hit with its weight after negation and intensity, and its intent. */
  details: { label: string; value: number; intent?: Intent | undefined }[];
  /** The weighted praise and the weighted complaint that make up the score, for "signals conflict". */
  positive: number;
  negative: number;
}

// 'other': the sentence is about another product ("my previous one broke", "قبلیم سوخت"), so its
// complaints are not about this purchase.
type Kind = 'lex' | 'neg' | 'post' | 'int' | 'contrast' | 'other' | 'expect';
interface Entry {
  kind: Kind;
  w: number;
  intent?: Intent | undefined;
  sarcasm?: boolean;
}

// Intents that stay complaints when negated: "no refund", "never arrived" are still unhappy,
// while "not broken" or "not late" are the opposite of a defect or a delay.
const STICKY: ReadonlySet<Intent> = new Set(['refund', 'chargeback', 'return', 'waiting', 'churn', 'legal', 'fraud', 'complaint']);

const table = new Map<string, Entry>();
/** The same keys with every word stemmed (stem.ts), so "stopped working" meets "stops working". */
const stemTable = new Map<string, Entry>();
/** Single lexicon words of six letters or more, for typo matching at edit distance one. */
const typoIndex = new TypoIndex();
let longest = 1;
/** First words of the multi-word keys: only these start a phrase lookup. */
const phraseStarts = new Set<string>();
const stemStarts = new Set<string>();
const persianVocab = new Set<string>();
const latinVocab = new Set<string>();

function addVocab(phrase: string): void {
  for (const word of phrase.split(' ')) {
    if (/^\p{Script=Arabic}+$/u.test(word)) persianVocab.add(word);
    else if (/^[a-z]+$/.test(word)) latinVocab.add(word);
  }
}

function add(key: string, entry: Entry): void {
  const folded = foldForMatching(key);
  const existing = table.get(folded);
  // A lexicon weight wins over a grammatical role when a key is listed twice.
  if (existing && existing.kind === 'lex' && entry.kind !== 'lex') return;
  table.set(folded, entry);
  const stemmed = stemKey(folded);
  const previous = stemTable.get(stemmed);
  if (!previous || (previous.kind !== 'lex' && entry.kind === 'lex')) stemTable.set(stemmed, entry);
  if (entry.kind === 'lex' && !folded.includes(' ') && folded.length >= 6) typoIndex.add(folded);
  const parts = folded.split(' ');
  longest = Math.max(longest, parts.length);
  if (parts.length > 1 && parts[0]) {
    phraseStarts.add(parts[0]);
    stemStarts.add(stemWord(parts[0]));
  }
  addVocab(folded);
}

function stemWord(word: string): string {
  if (/^[a-z']+$/.test(word)) return stemEn(word);
  if (!/^\p{Script=Arabic}+$/u.test(word)) return word;
  const verb = stemFaVerb(word);
  if (verb) return (verb.negated ? 'ن' : '') + verb.stem;
  // Spoken copula and possessive (بازیه، رنگش، کیفیتشه) do not change what a phrase means.
  let w = word;
  if (w.length > 3 && w.endsWith('ه')) w = w.slice(0, -1);
  if (w.length > 3 && (w.endsWith('ش') || w.endsWith('م'))) w = w.slice(0, -1);
  if (w === word) return w;
  const again = stemFaVerb(w);
  return again ? (again.negated ? 'ن' : '') + again.stem : w;
}

function stemKey(phrase: string): string {
  return phrase.split(' ').map(stemWord).join(' ');
}

function load(pack: LanguagePack): void {
  const sarcasm = new Set(pack.sarcasmProne.map(foldForMatching));
  for (const [key, value] of Object.entries(pack.words)) {
    const [w, intent] = typeof value === 'number' ? [value, undefined] : value;
    add(key, { kind: 'lex', w, intent, sarcasm: sarcasm.has(foldForMatching(key)) });
  }
  for (const key of pack.negators) add(key, { kind: 'neg', w: 0 });
  for (const key of pack.postNegators) add(key, { kind: 'post', w: 0 });
  for (const [key, w] of Object.entries(pack.intensifiers)) add(key, { kind: 'int', w });
  for (const key of pack.contrast) add(key, { kind: 'contrast', w: 0 });
  for (const key of pack.otherProduct) add(key, { kind: 'other', w: 0 });
  for (const key of pack.expectation) add(key, { kind: 'expect', w: 0 });
  for (const key of pack.common) addVocab(foldForMatching(key));
}
load(EN);
load(FA);

const patterns: { re: RegExp; w: number; intent: Intent | null }[] = [...EN.patterns, ...FA.patterns].map(
  ([source, w, intent]) => ({ re: new RegExp(source, 'u'), w, intent }),
);

const vocab = { persian: persianVocab, english: latinVocab };

// Suffixes tried when a word is not listed as typed: spoken copula (خوبه), person endings
// (راضیم), plural and comparative; English plural, past and adverb endings.
const FA_SUFFIXES = ['ترین', 'هایی', 'های', 'ها', 'تر', 'است', 'ست', 'شون', 'مون', 'تون', 'اش', 'یه', 'ام', 'یم', 'ید', 'ند', 'ه', 'م', 'ی', 'ش', 'ن'];
const EN_SUFFIXES = ['ing', 'ed', 'es', 'ly', 's', 'd'];

interface Lookup {
  entry: Entry;
  /** True when the word itself carries the negation (نپسندیدم, نمی‌ارزه). */
  negated: boolean;
}

function lexOnly(word: string): Entry | undefined {
  const entry = table.get(word);
  return entry && entry.kind === 'lex' ? entry : undefined;
}

function lexStem(word: string): Entry | undefined {
  const entry = stemTable.get(word);
  return entry && entry.kind === 'lex' ? entry : undefined;
}

/** A lexicon word one edit away from an unknown word of five letters or more ("terible"). */
function typo(word: string): Entry | undefined {
  // Seven Latin letters (a six-letter "washed" is one slip from "wasted"), six Persian ones.
  if (word.length < (/^[a-z]/.test(word) ? 7 : 6) || knownWord(word)) return undefined;
  const candidate = typoIndex.find(word);
  return candidate === undefined ? undefined : lexOnly(candidate);
}

function knownWord(word: string): boolean {
  return latinVocab.has(word) || persianVocab.has(word);
}

function lookupWord(word: string): Lookup | undefined {
  const direct = table.get(word);
  if (direct) return { entry: direct, negated: false };
  const found = lookupInflected(word);
  if (found) return found;
  const fixed = typo(word);
  return fixed ? { entry: fixed, negated: false } : undefined;
}

function lookupInflected(word: string): Lookup | undefined {
  if (/^[a-z']+$/.test(word)) {
    const single = word.replace(/([a-z])\1+/g, '$1');
    const candidates = [single, ...EN_SUFFIXES.filter((s) => word.endsWith(s)).map((s) => word.slice(0, -s.length))];
    for (const c of candidates) {
      const hit = c.length >= 3 ? lexOnly(c) : undefined;
      if (hit) return { entry: hit, negated: false };
    }
    const stem = stemEn(word);
    const byStem = lexStem(stem) ?? lexStem(stem + 'e');
    return byStem ? { entry: byStem, negated: false } : undefined;
  }
  if (!/^\p{Script=Arabic}+$/u.test(word)) return undefined;
  for (const suffix of FA_SUFFIXES) {
    // Shorter stems are too often another word: "بدید" (give) is not "بد" (bad) + ید.
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const hit = lexOnly(word.slice(0, -suffix.length));
      if (hit) return { entry: hit, negated: false };
    }
  }
  // A form of a listed verb: سوخته, میسوزه, نسوخت all meet the entry for سوخت.
  const verb = stemFaVerb(word);
  if (verb) {
    const hit = lexStem(verb.stem);
    if (hit) return { entry: hit, negated: verb.negated };
  }
  // Verb negation: نمی + a listed می-form, or ن + a listed word of three letters or more.
  if (word.startsWith('نمی')) {
    const hit = lexOnly('می' + word.slice(3));
    if (hit) return { entry: hit, negated: true };
  } else if (word.startsWith('ن') && word.length >= 4) {
    const hit = lexOnly(word.slice(1));
    if (hit) return { entry: hit, negated: true };
  }
  return undefined;
}

interface Token {
  text: string;
  stem: string;
  boundary: boolean;
  /** A comma (or dash) came just before: the end of a negation's or intensifier's reach. */
  pause: boolean;
}

const TOKEN = /[\p{L}\p{N}']+|[.!?؟;]+|[,،\-–—]+|\p{Extended_Pictographic}|:-?[()]/gu;

function tokenize(prepared: string): Token[] {
  const out: Token[] = [];
  let pause = false;
  for (const m of prepared.matchAll(TOKEN)) {
    const raw = m[0].replace(/^'+|'+$/g, '');
    if (!raw) continue;
    if (/^[,،\-–—]+$/.test(raw)) {
      pause = true;
      continue;
    }
    out.push({ text: raw, stem: stemWord(raw), boundary: /^[.!?؟;]+$/.test(raw), pause });
    pause = false;
  }
  return out;
}

function expandContractions(text: string): string {
  return text
    .replace(/\bcan't\b|\bcannot\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\b(\w+)n't\b/g, '$1 not')
    .replace(/\b(dont|didnt|doesnt|isnt|wasnt|wont|havent|hasnt|arent|werent|cant|couldnt|wouldnt)\b/g, (w) =>
      w === 'wont' ? 'will not' : w === 'cant' ? 'can not' : `${w.slice(0, -2)} not`,
    );
}

interface Hit {
  label: string;
  value: number;
  intent?: Intent | undefined;
  sarcasm: boolean;
  negated: boolean;
  sentence: number;
  /** 0 before a contrast word in its sentence, 1 after it, -1 when the sentence has none. */
  side: number;
  index: number;
}

function negate(value: number): number {
  // "not happy" is clearly negative; "not bad" only mildly positive.
  return value > 0 ? -0.75 * value : -0.5 * value;
}

function detectLang(folded: string, hint: Lang | undefined): SentimentLang {
  const { persian, latin } = scriptCounts(folded);
  const total = persian + latin;
  if (total === 0) return hint ?? 'en';
  const latinIsPersian = latin > 0 && isLikelyFinglish(folded);
  if (persian / total >= 0.15 && latin / total >= 0.15 && !latinIsPersian) return 'mixed';
  if (persian >= latin || latinIsPersian) return 'fa';
  return 'en';
}

// A negated verb that turned no listed word is itself a complaint in a shop review ("does not
// close", "طرف صدامو نمیشنوه", "تحویل ندادن"), except for verbs of thinking, wanting and being
// able, which people negate in praise ("can't wait", "can't go wrong", "فکر نمیکردم").
const EN_AUX = new Set(['do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'is', 'was', 'are', 'were', 'has', 'have', 'had']);
const EN_NOT_A_COMPLAINT = new Set([
  'think', 'thought', 'believe', 'know', 'knew', 'hesitate', 'change', 'expect', 'expected', 'mind', 'need', 'doubt', 'care',
  'understand', 'want', 'wait', 'stop', 'get', 'live', 'imagine', 'go', 'beat', 'fault', 'ask', 'be', 'say', 'praise', 'find',
  'have', 'had', 'see', 'use', 'regret', 'disappoint', 'let', 'put', 'even', 'only', 'just', 'really', 'too', 'a', 'an', 'the',
  'that', 'this', 'it', 'as', 'so', 'very', 'at', 'all', 'much', 'my', 'any', 'bother', 'overheat', 'leak', 'break', 'fade',
  'shrink', 'rip', 'tear', 'crack', 'mean', 'happen', 'realise', 'realize', 'notice', 'feel', 'hurt', 'come', 'make',
]);
const FA_NOT_A_COMPLAINT = new Set([
  'نمیتونم', 'نمیتونه', 'نمیتونید', 'نمیتونی', 'نمیدونم', 'نمیدونستم', 'نمیدونید', 'نمیخوام', 'نمیخواستم', 'نمیکردم',
  'نمیشه', 'نمیشد', 'نمیکنم', 'نمیذاره', 'نمیذارن', 'نمیزارن', 'نمیزاره', 'نمیزارم', 'نمیگم', 'نمیفته', 'نمیگیره', 'نمیره', 'نمیخوره',
]);
const FA_NEGATED_PAST = new Set([
  'ندادن', 'ندادند', 'نداد', 'ندادید', 'نیومد', 'نیومده', 'نیامد', 'نیامده', 'نکرد', 'نکردن', 'نکردند', 'نرفت', 'نگرفت',
  'نفرستادن', 'نفرستادند', 'نفرستاد', 'نشنید', 'ندید', 'نموند', 'نماند', 'نکشید',
]);

/** Intents that make a mixed text's verdict a complaint (not a wish: a defect, harm, a wait). */
const VERDICT_INTENTS: ReadonlySet<Intent> = new Set(['defect', 'safety', 'fraud', 'waiting', 'refund', 'return']);
/** "Sadly", "حیف": what follows in the sentence is the verdict, as after a "but". */
const REGRET = new Set(['unfortunately', 'sadly', 'shame', 'a shame', 'such a shame', 'pity', 'too bad', 'متاسفانه', 'متأسفانه', 'حیف']);
const NO_LONGER = new Set(['دیگه', 'دیگر', 'دیگع']);
const FA_EMPHASIS = new Set(['هم', 'اصلا', 'اصلاً', 'زیاد', 'خیلی', 'هیچ']);

function isNegatedFaVerb(word: string): boolean {
  if (FA_NOT_A_COMPLAINT.has(word)) return false;
  return (word.startsWith('نمی') && word.length >= 5) || FA_NEGATED_PAST.has(word);
}

/** Scores one text. `lang` is a hint for text with no letters; mixed text is scored in both. */
export function scoreText(text: string, lang?: Lang): Sentiment {
  const folded = foldForMatching(text);
  const repaired = fixLayoutSlips(folded, vocab);
  const tokens = tokenize(expandContractions(repaired));

  const hits: Hit[] = [];
  let sentence = 0;
  let contrastAt = -1;
  let negLeft = 0;
  let negLabel = '';
  let intensity = 1;
  let intLeft = 0;
  const contrastSentences = new Set<number>();
  const otherSentences = new Set<number>();
  const expectSentences = new Set<number>();
  // "does not close": counted as a complaint only if the "not" turns no listed word after it
  // ("doesn't leave my skin greasy" is praise).
  let pendingNot: Hit | null = null;
  const settle = () => {
    if (pendingNot) hits.push(pendingNot);
    pendingNot = null;
  };

  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    if (!token) break;
    if (token.boundary) {
      settle();
      sentence += 1;
      contrastAt = -1;
      negLeft = 0;
      intLeft = 0;
      i += 1;
      continue;
    }
    if (token.pause) {
      settle();
      negLeft = 0;
      intLeft = 0;
    }
    // Longest phrase first, never across a sentence boundary.
    let matched: { entry: Entry; negated: boolean; length: number; label: string } | undefined;
    const startsPhrase = phraseStarts.has(token.text) || stemStarts.has(token.stem);
    for (let n = startsPhrase ? Math.min(longest, tokens.length - i) : 1; n >= 1; n -= 1) {
      const span = tokens.slice(i, i + n);
      if (span.some((t) => t.boundary)) continue;
      const key = span.map((t) => t.text).join(' ');
      const stems = span.map((t) => t.stem);
      const phrase = n === 1 ? undefined : (table.get(key) ?? stemTable.get(stems.join(' ')));
      // A listed verb phrase with its verb negated (آب نرفت, خراب نشد) is that phrase, turned.
      const lastStem = stems[n - 1] ?? '';
      const unNegated = n > 1 && !phrase && lastStem.startsWith('ن') ? lexStem([...stems.slice(0, -1), lastStem.slice(1)].join(' ')) : undefined;
      const found = n === 1 ? lookupWord(key) : phrase ? { entry: phrase, negated: false } : unNegated ? { entry: unNegated, negated: true } : undefined;
      if (found) {
        matched = { ...found, length: n, label: key };
        break;
      }
    }
    i += matched?.length ?? 1;
    if (!matched) {
      const at = i - 1;
      const last = hits[hits.length - 1];
      if (negLeft === 3 && negLabel === 'not' && EN_AUX.has(tokens[at - 2]?.text ?? '') && /^[a-z]{3,}$/.test(token.text) && !EN_NOT_A_COMPLAINT.has(token.text)) {
        pendingNot = { label: `not ${token.text}`, value: -1, sarcasm: false, negated: false, sentence, side: contrastAt >= 0 ? 1 : -1, index: i };
        // The verb itself does not use up the negation's reach.
        continue;
      }
      if (isNegatedFaVerb(token.text)) {
        // "No longer": دیگه before a negated verb is a thing that stopped working (دیگه شارژ نمیکنه),
        // unless the verb turns a complaint (دیگه داغ نمیکنه is praise).
        const noLonger = [1, 2, 3].some((back) => NO_LONGER.has(tokens[at - back]?.text ?? ''));
        // "داغ هم نمیکنه": an emphasis word between the hit and its negated verb does not part them.
        const adjacent = at === last?.index || (at === (last?.index ?? -2) + 1 && FA_EMPHASIS.has(tokens[at - 1]?.text ?? ''));
        if (last && last.sentence === sentence && !last.negated && adjacent) flip(last, `${last.label} ${token.text}`);
        else {
          hits.push({
            label: noLonger ? `دیگه ${token.text}` : token.text,
            value: noLonger ? -2.5 : -1,
            intent: noLonger ? 'defect' : undefined,
            sarcasm: false,
            negated: false,
            sentence,
            side: contrastAt >= 0 ? 1 : -1,
            index: i,
          });
        }
        continue;
      }
      if (negLeft > 0) negLeft -= 1;
      if (negLeft === 0) settle();
      if (intLeft > 0) intLeft -= 1;
      continue;
    }
    const { entry } = matched;
    switch (entry.kind) {
      case 'neg':
        negLeft = 3;
        negLabel = matched.label;
        break;
      case 'int':
        intensity = intLeft > 0 ? intensity * entry.w : entry.w;
        intLeft = 2;
        break;
      case 'other':
        otherSentences.add(sentence);
        break;
      case 'expect':
        expectSentences.add(sentence);
        break;
      case 'contrast':
        // "Mic is useless though." A contrast word that ends its clause looks back at another
        // sentence; the clause it ends is the verdict, not the part before a "but".
        if (matched.label === 'though' || matched.label === 'tho' || matched.label === 'however') {
          const next = tokens[i];
          if (!next || next.boundary || next.pause) break;
        }
        negLeft = 0;
        contrastAt = i;
        contrastSentences.add(sentence);
        for (const h of hits) if (h.sentence === sentence) h.side = 0;
        break;
      case 'post': {
        const last = hits[hits.length - 1];
        if (last && last.sentence === sentence && !last.negated && i - matched.length - last.index <= 1) {
          flip(last, `${last.label} ${matched.label}`);
        }
        break;
      }
      case 'lex': {
        const value = entry.w * (intLeft > 0 ? intensity : 1);
        const hit: Hit = {
          label: matched.label,
          value,
          intent: entry.intent,
          sarcasm: Boolean(entry.sarcasm) && entry.w > 0,
          negated: false,
          sentence,
          side: contrastAt >= 0 ? 1 : -1,
          index: i,
        };
        hits.push(hit);
        if (matched.negated) flip(hit, hit.label);
        if (negLeft > 0) {
          flip(hit, `${negLabel} ${hit.label}`);
          negLeft = 0;
          pendingNot = null;
        }
        intLeft = 0;
        break;
      }
    }
  }

  settle();

  function flip(hit: Hit, label: string): void {
    if (hit.intent && STICKY.has(hit.intent)) return;
    hit.value = negate(hit.value);
    hit.negated = true;
    hit.intent = undefined;
    hit.sarcasm = false;
    hit.label = label;
  }

  // Praise next to a complaint, with no "but" to mark the text as mixed, is usually irony:
  // "great, another broken kettle", "عالی بود، دو هفته منتظر".
  // Praise that outnumbers the complaint is more likely sincere ("the refund came in a day,
  // great service, thanks").
  const negatives = hits.filter((h) => h.value < 0);
  // Repeating the praise ("perfect, just perfect") is itself an ironic tone, so praise counts once per word.
  const praise = new Set(hits.filter((h) => h.sarcasm && h.value > 0).map((h) => h.label));
  const complaint = negatives.reduce((sum, h) => sum + h.value, 0) <= -2 || negatives.some((h) => h.intent !== undefined);
  // A defect or a fraud makes one more word of praise ironic: "Wonderful, it died. Thanks a lot."
  const serious = negatives.some((h) => h.intent === 'defect' || h.intent === 'fraud');
  if (complaint && praise.size <= negatives.length + (serious ? 1 : 0) && contrastSentences.size === 0) {
    for (const h of hits) {
      if (h.sarcasm && h.value > 0) {
        h.value = -0.5 * h.value;
        h.label = `${h.label} (sarcasm)`;
      }
    }
  }

  let score = 0;
  let positive = 0;
  let negative = 0;
  for (const h of hits) {
    // In a sentence with "but", what follows it is the verdict.
    let weight = !contrastSentences.has(h.sentence) ? 1 : h.side === 0 ? 0.5 : h.side === 1 ? 1.5 : 1;
    // "My previous kettle broke, this one is great": the complaint is about another product.
    const feared = expectSentences.has(h.sentence) && contrastSentences.has(h.sentence) && h.side === 0;
    if ((otherSentences.has(h.sentence) || feared) && h.value < 0) {
      weight *= 0.2;
      h.intent = undefined;
    }
    score += h.value * weight;
    if (h.value > 0) positive += h.value * weight;
    else negative += h.value * weight;
  }
  // A real problem given as the verdict of a mixed text, after a "but" or a "sadly" ("lovely, but
  // it tore", "حیف که پاره شد"), is a complaint however much praise came before it: the guideline
  // labels such texts unhappy, and praise is not something the shop can put right.
  const regret = hits.filter((h) => REGRET.has(h.label));
  const verdictProblem = hits.some(
    (h) =>
      h.value < 0 &&
      !h.negated &&
      h.intent !== undefined &&
      VERDICT_INTENTS.has(h.intent) &&
      (h.side === 1 || regret.some((r) => r.sentence === h.sentence && r.index < h.index)),
  );
  if (verdictProblem && score > -1) {
    negative += -1 - score;
    score = -1;
  }
  const intents: Intent[] = [];
  for (const h of hits) if (h.intent && !intents.includes(h.intent)) intents.push(h.intent);
  // Patterns run sentence by sentence, so a sentence about another product discounts them too.
  const sentences: string[] = [];
  let s = 0;
  for (const t of tokens) {
    if (t.boundary) s += 1;
    else sentences[s] = sentences[s] ? `${sentences[s]} ${t.text}` : t.text;
  }
  for (const p of patterns) {
    if (p.intent && intents.includes(p.intent)) continue;
    for (const [index, text] of sentences.entries()) {
      const m = text === undefined ? null : p.re.exec(text);
      if (!m) continue;
      // A span the lexicon already weighed (and maybe discounted) is not counted twice.
      const span = m[0].trim();
      if (hits.some((h) => h.label.includes(span))) break;
      const other = otherSentences.has(index) && p.w < 0;
      const value = other ? p.w * 0.2 : p.w;
      score += value;
      if (value < 0) negative += value;
      else positive += value;
      hits.push({ label: span, value, intent: other ? undefined : (p.intent ?? undefined), sarcasm: false, negated: false, sentence: index, side: -1, index: 0 });
      if (p.intent && !other) intents.push(p.intent);
      break;
    }
  }
  return {
    score: Math.round(score * 100) / 100,
    lang: detectLang(repaired, lang),
    method: SENTIMENT_METHOD,
    hits: hits.map((h) => h.label),
    intents,
    details: hits.map((h) => ({ label: h.label, value: Math.round(h.value * 100) / 100, intent: h.intent })),
    positive: Math.round(positive * 100) / 100,
    negative: Math.round(negative * 100) / 100,
  };
}
