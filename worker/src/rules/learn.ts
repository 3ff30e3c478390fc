/**
 * What a site's staff taught the router: a small naive Bayes model over normalised tokens, trained
 * by corrections (staff opened a case from an item the router left alone or was unsure about, or
 * closed a text-routed case as "not a problem"). Pure: the counts live in D1 (db/learning.ts) and
 * come in as a `LearnedModel`; this module turns texts into tokens, counts into a verdict.
 *
 * The model only joins the rules where they are unsure (see routing.ts): it can lift an uncertain
 * or signal-less text to routed or not routed, never overrule stars, a feeling or a complaint.
 */
import { foldForMatching } from './normalize.ts';
import { stem } from './stem.ts';

export interface LearnedModel {
  /** Corrections seen on each side. */
  docs: { unhappy: number; happy: number };
  /** Token → how many unhappy and how many happy corrections contained it. */
  tokens: ReadonlyMap<string, { unhappy: number; happy: number }>;
}

/** Corrections each way before the model may speak: fewer is noise, not learning. */
export const MIN_PER_SIDE = 3;
/** Log-odds a verdict needs (about 12 to 1): the model decides only when it is sure. */
export const DECISIVE_LOG_ODDS = 2.5;
/** At most this many distinct tokens are counted per text, so one essay does not swamp the model. */
export const MAX_TOKENS = 40;

const STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'is', 'it', 'to', 'in', 'on', 'of', 'for', 'my', 'me', 'i', 'this', 'that',
  'was', 'are', 'be', 'with', 'at', 'by', 'from', 'as', 'so',
  'و', 'از', 'به', 'با', 'در', 'که', 'این', 'را', 'رو', 'هم', 'من', 'یه', 'یک', 'برای', 'تا',
]);

export const EMPTY_MODEL: LearnedModel = { docs: { unhappy: 0, happy: 0 }, tokens: new Map() };

/** The distinct tokens of a text as the model counts them: folded, stemmed, stop words out. */
export function learnTokens(text: string): string[] {
  const folded = foldForMatching(text);
  const out = new Set<string>();
  for (const m of folded.matchAll(/[\p{L}\p{N}']+/gu)) {
    const word = m[0].replace(/'/g, '');
    if (word.length < 2 || STOP.has(word) || /^\d+$/.test(word)) continue;
    out.add(stem(word));
    if (out.size >= MAX_TOKENS) break;
  }
  return [...out];
}

/** True once both sides have enough corrections for the model to join the rules. */
export function isReady(model: LearnedModel): boolean {
  return model.docs.unhappy >= MIN_PER_SIDE && model.docs.happy >= MIN_PER_SIDE;
}

export interface LearnedVerdict {
  /** log P(text | unhappy) − log P(text | happy), over tokens the model has seen; 0 when unsure. */
  logOdds: number;
  /** 'unhappy' or 'happy' when decisive, null when the model has no opinion. */
  verdict: 'unhappy' | 'happy' | null;
  /** The seen tokens that pushed most towards the verdict. */
  evidence: string[];
}

/**
 * Bernoulli naive Bayes with add-one smoothing and equal priors (corrections are a biased sample
 * of traffic, so their proportions say nothing about new texts). Only tokens the model has seen
 * count: an unseen word is not evidence of anything.
 */
export function predict(model: LearnedModel, text: string, decisive = DECISIVE_LOG_ODDS): LearnedVerdict {
  if (!isReady(model)) return { logOdds: 0, verdict: null, evidence: [] };
  const { unhappy: nu, happy: nh } = model.docs;
  let logOdds = 0;
  const parts: { token: string; w: number }[] = [];
  for (const token of learnTokens(text)) {
    const c = model.tokens.get(token);
    if (!c || c.unhappy + c.happy === 0) continue;
    const w = Math.log((c.unhappy + 1) / (nu + 2)) - Math.log((c.happy + 1) / (nh + 2));
    logOdds += w;
    parts.push({ token, w });
  }
  const verdict = logOdds >= decisive ? 'unhappy' : logOdds <= -decisive ? 'happy' : null;
  const sign = verdict === 'happy' ? -1 : 1;
  const evidence = parts
    .filter((p) => p.w * sign > 0)
    .sort((a, b) => b.w * sign - a.w * sign)
    .slice(0, 3)
    .map((p) => p.token);
  return { logOdds: Math.round(logOdds * 100) / 100, verdict, evidence };
}

/** The words that lean most each way, for the console's "Learned from your team" panel. */
export function topWords(model: LearnedModel, limit = 8): { unhappy: string[]; happy: string[] } {
  const { unhappy: nu, happy: nh } = model.docs;
  const scored = [...model.tokens].map(([token, c]) => ({
    token,
    w: Math.log((c.unhappy + 1) / (nu + 2)) - Math.log((c.happy + 1) / (nh + 2)),
    n: c.unhappy + c.happy,
  }));
  // A word seen once is an anecdote: the panel shows words seen at least twice first.
  const rank = (a: { w: number; n: number }, b: { w: number; n: number }) => Math.min(b.n, 2) - Math.min(a.n, 2);
  return {
    unhappy: scored.filter((s) => s.w > 0).sort((a, b) => rank(a, b) || b.w - a.w).slice(0, limit).map((s) => s.token),
    happy: scored.filter((s) => s.w < 0).sort((a, b) => rank(a, b) || a.w - b.w).slice(0, limit).map((s) => s.token),
  };
}

/**
 * Whether a case's routing reason came from the text (so "not a problem" is a correction of the
 * router) rather than from stars, a feeling or the complaint form (which the model never overrules).
 */
export function routedByText(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && /^(negative story|rating [345], (negative|clearly negative) text|complaint words|learned)/.test(reason);
}

/** The root cause that says a case was no problem at all: closing with it is a correction. */
export const NOT_A_PROBLEM = 'not_a_problem';

/** True when a case change closes (or resolves) the case as "not a problem". */
export function closesAsNotAProblem(status: string | undefined, rootCause: string | null | undefined): boolean {
  return (status === 'closed' || status === 'resolved') && rootCause === NOT_A_PROBLEM;
}
