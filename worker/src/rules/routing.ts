/**
 * Which submissions open (or join) a recovery case, and how urgent the case is.
 *
 * A case opens for a rating (or a story's feeling) at or below the site's `lowRating` (2), every
 * complaint, a rating or feeling of 3 with negative text, a story without a feeling whose text is negative, a high rating whose text is clearly negative (irony, or a
 * shopper who misread the stars), and any text with complaint phrases in either language.
 * Priority: P1 for one star, churn, legal, fraud or safety words, or a repeat complainer; P2 for
 * other unhappy customers; P3 for the mildly negative. Publication never depends on any of this.
 */
import type { SiteSettings } from '../../../shared/site.ts';
import type { Kind, Lang } from '../../../shared/submission.ts';
import type { Intent } from './lexicon/types.ts';
import { BASE_DOCS, BASE_TOKENS } from './lexicon/base-model.ts';
import { predict, type LearnedModel } from './learn.ts';
import { scoreText } from './sentiment.ts';
import { caseReasonText, type CaseReason } from '../../../shared/case-reason.ts';

export type Priority = 'P1' | 'P2' | 'P3';

export interface RoutingInput {
  kind: Kind;
  rating?: number | undefined;
  /** A story's own answer to "how did it go?" (1..5): asked, so it counts like a review's stars. */
  feeling?: number | undefined;
  title?: string | undefined;
  body: string;
  expected?: string | undefined;
  desiredOutcome?: string | undefined;
  /** The complaint's category, named in the reason ("complaint: delivery"). */
  category?: string | undefined;
  /** The language the shopper used, a hint for text without letters. */
  lang?: Lang | undefined;
}

export interface RoutingContext {
  settings: SiteSettings;
  /** How many earlier cases this customer has had on this site (repeat complainers are P1). */
  priorCases: number;
  /** What this site's staff taught the router (learn.ts); it only speaks where the rules are unsure. */
  learned?: LearnedModel | undefined;
}

export interface RoutingDecision {
  /** True when the submission must open or join a recovery case. */
  open: boolean;
  priority: Priority | null;
  /** Why, in words staff can read: "rating 1", "complaint: delivery", "negative story: refund". */
  reason: string;
  /** Sentiment score, negative is unhappy. */
  score: number;
  method: string;
  /** Complaint intents found in the text (refund, churn, safety, ...). */
  intents: Intent[];
  /**
   * True when the text alone decided nothing for sure (a score between the thresholds, or praise
   * and complaint that cancel out): the item goes to the "needs a look" lane for staff.
   */
  uncertain: boolean;
}

/**
 * The base model: the same naive Bayes as a site's, counted over the project's labelled dev sets
 * (lexicon/base-model.ts, `npm run eval:train`). It may only lift a story or a 3-star review the
 * rules are unsure about or cannot read to a case; its threshold was chosen on a probe set it was
 * not trained on (docs/SENTIMENT.md).
 */
const BASE: LearnedModel = {
  docs: BASE_DOCS,
  tokens: new Map(Object.entries(BASE_TOKENS).map(([t, [unhappy, happy]]) => [t, { unhappy, happy }])),
};
const BASE_DECISIVE = 1;

/** Weighted complaint and praise both at least this strong, cancelling out, is a conflict. */
const CONFLICT = 2;
/** A text-only score above the routing threshold but at most this is too weak to call happy. */
const UNSURE_SCORE = -0.4;

/** Intents that make a case P1 on their own: the customer may leave, sue, or be in danger. */
export const URGENT_INTENTS: ReadonlySet<Intent> = new Set(['churn', 'legal', 'fraud', 'safety', 'chargeback']);
/** Intents that a happy text may mention in passing ("arrived late but works great"). */
const SOFT_INTENTS: ReadonlySet<Intent> = new Set(['defect', 'delay']);

const DEFAULT_RECOVERY: SiteSettings['recovery'] = {
  lowRating: 2,
  negativeScore: -1,
  clearlyNegativeScore: -3,
  repeatCases: 1,
  intents: true,
};

const RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3 };
function atLeast(current: Priority, floor: Priority): Priority {
  return RANK[floor] < RANK[current] ? floor : current;
}

function evidenceList(hits: readonly string[], limit = 3): string[] {
  return [...new Set(hits)].slice(0, limit);
}

export function decideRouting(input: RoutingInput, ctx: RoutingContext): RoutingDecision {
  // Sites stored before `recovery` existed parse with the default, but a hand-built settings
  // object (tests, scripts) may lack it.
  const rules = ctx.settings.recovery ?? DEFAULT_RECOVERY;
  const text = [input.title, input.body, input.expected, input.desiredOutcome].filter(Boolean).join('. ');
  const s = scoreText(text, input.lang);
  const rating = input.kind === 'review' ? input.rating : undefined;
  // A story's feeling is the shopper's own answer: it routes as stars do, named as a feeling.
  const feeling = input.kind === 'story' ? input.feeling : undefined;
  const stars = rating ?? feeling;
  const said = rating !== undefined ? 'rating' : 'feeling';
  const negative = s.score <= rules.negativeScore;
  const clearlyNegative = s.score <= rules.clearlyNegativeScore;
  const urgent = s.intents.filter((i) => URGENT_INTENTS.has(i));
  const hard = s.intents.filter((i) => !SOFT_INTENTS.has(i));
  // Intent phrases first: they say best what the customer wants. Then the negative words.
  const why = evidenceList([
    ...s.details.filter((d) => d.intent).map((d) => d.label),
    ...s.details.filter((d) => !d.intent && d.value < 0).sort((a, b) => a.value - b.value).map((d) => d.label),
  ]);

  let priority: Priority | null = null;
  // The reason is kept as parts and stored as one sentence (shared/case-reason.ts), which the
  // console reads back and says in the staff's language.
  let reason: CaseReason = { kind: 'not_unhappy' };
  if (stars !== undefined && stars <= rules.lowRating) {
    priority = stars <= 1 ? 'P1' : 'P2';
    reason = { kind: said, stars };
  } else if (input.kind === 'complaint') {
    priority = 'P2';
    reason = { kind: 'complaint', category: input.category };
  } else if (stars === 3 && negative) {
    priority = clearlyNegative ? 'P2' : 'P3';
    reason = { kind: `${said}_negative_text`, stars: 3 };
  } else if (input.kind === 'story' && stars === undefined && negative) {
    priority = clearlyNegative ? 'P2' : 'P3';
    reason = { kind: 'negative_story' };
  } else if (stars !== undefined && clearlyNegative) {
    priority = 'P2';
    reason = { kind: `${said}_clearly_negative`, stars };
  } else if (rules.intents && (urgent.length > 0 || (s.intents.length > 0 && (hard.length > 0 ? s.score < 1 : negative)))) {
    // A complaint phrase in an otherwise glowing text ("the refund came in a day, great
    // service") is no reason for a case, unless it is about churn, the law or safety.
    priority = hard.length > 0 ? 'P2' : 'P3';
    reason = { kind: 'complaint_words' };
  }

  // Only where the text alone decides (a story, or a review of 3 stars and up) can the rules be
  // unsure, and only there may the site's learned model lift the item either way.
  const textDecides = input.kind === 'story' || (input.kind === 'review' && rating !== undefined && rating > rules.lowRating);
  let uncertain = false;
  if (priority === null && textDecides) {
    // Four or five stars need clearly negative text to open a case; weaker complaint is unsure.
    const high = rating !== undefined && rating >= 4;
    const threshold = high ? rules.clearlyNegativeScore : rules.negativeScore;
    uncertain = (s.score > threshold && s.score <= (high ? rules.negativeScore : UNSURE_SCORE)) || (s.negative <= -CONFLICT && s.positive >= CONFLICT && s.score > threshold && s.score < CONFLICT);
    const silent = s.hits.length === 0;
    // A story whose words the rules cannot read at all is not "happy": staff take a look, unless
    // the shopper said how it went (their feeling is the answer the text could not give).
    if (silent && input.kind === 'story' && feeling === undefined && text.trim().split(/\s+/).length >= 3) uncertain = true;
    const learned = ctx.learned && (uncertain || silent) ? predict(ctx.learned, text) : null;
    if (learned?.verdict === 'unhappy') {
      priority = 'P3';
      reason = { kind: 'learned', evidence: learned.evidence };
      uncertain = false;
    } else if (learned?.verdict === 'happy') {
      uncertain = false;
    } else if (uncertain && (input.kind === 'story' || rating === 3)) {
      const base = predict(BASE, text, BASE_DECISIVE);
      if (base.verdict === 'unhappy') {
        priority = 'P3';
        reason = { kind: 'resembles', evidence: base.evidence };
        uncertain = false;
      }
    }
  }
  if (priority === null) {
    return { open: false, priority: null, reason: caseReasonText({ kind: uncertain ? 'needs_look' : 'not_unhappy' }), score: s.score, method: s.method, intents: s.intents, uncertain };
  }
  if (hard.length > 0) priority = atLeast(priority, 'P2');
  if (clearlyNegative) priority = atLeast(priority, 'P2');
  if (urgent.length > 0) priority = atLeast(priority, 'P1');
  if (why.length && reason.kind !== 'learned' && reason.kind !== 'resembles') reason = { ...reason, evidence: why };
  if (ctx.priorCases >= rules.repeatCases) {
    priority = 'P1';
    reason = { ...reason, priorCases: ctx.priorCases };
  }
  return { open: true, priority, reason: caseReasonText(reason), score: s.score, method: s.method, intents: s.intents, uncertain: false };
}
