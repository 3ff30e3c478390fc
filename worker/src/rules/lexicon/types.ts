/**
 * The shape of a sentiment lexicon. A key is one word or a phrase of words separated by single
 * spaces, written as people type it (the rules fold every key before use, so half-spaces, Arabic
 * letter forms and case do not matter). A value is a weight from -3 (angry) to +3 (delighted),
 * or a weight with the intent the phrase signals.
 */
export const INTENTS = [
  'refund',
  'chargeback',
  'return',
  'churn',
  'waiting',
  'delay',
  'defect',
  'complaint',
  'legal',
  'fraud',
  'safety',
] as const;
export type Intent = (typeof INTENTS)[number];

export type LexValue = number | readonly [number, Intent];
export type Lexicon = Readonly<Record<string, LexValue>>;

/** One language's word lists. */
export interface LanguagePack {
  words: Lexicon;
  /** Words that turn the polarity of what follows ("not", "never", "نه"). */
  negators: readonly string[];
  /** Negated verbs that turn the polarity of what comes before them ("راضی نیستم"). */
  postNegators: readonly string[];
  /** Multipliers for the next sentiment word: "very" 1.5, "slightly" 0.5. */
  intensifiers: Readonly<Record<string, number>>;
  /** Praise words that people also use ironically ("great, another broken kettle"). */
  sarcasmProne: readonly string[];
  /** "but", "however", "ولی": the clause after them carries the writer's verdict. */
  contrast: readonly string[];
  /**
   * Intent phrases with gaps, as regular-expression sources over folded text (words separated
   * by single spaces): "پولم رو لطفا پس بدید". Counted only when the lexicon did not already
   * find the same intent. A pattern without an intent (a time to failure, "after two weeks")
   * only adds its weight.
   */
  patterns: readonly (readonly [source: string, weight: number, intent: Intent | null])[];
  /**
   * Words that put a sentence about another product ("previous", "قبلیم"): its complaints are
   * the reason for this purchase, not about it.
   */
  otherProduct: readonly string[];
  /**
   * "I thought", "نگران بودم": in a sentence with a contrast, what the shopper feared before it
   * ("I was worried it would break, but it's solid") is not a complaint.
   */
  expectation: readonly string[];
  /** Ordinary words that are not in the lexicon, so layout-slip repair knows them. */
  common: readonly string[];
}
