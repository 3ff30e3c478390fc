/**
 * A case's stored reason sentence (shared/case-reason.ts) said in the console's language: a
 * summary, the shopper's own words that decided it (shown as typed), and whether the customer
 * is a repeat. A sentence no rule wrote is shown as it came.
 */
import { parseCaseReason } from '../../../shared/case-reason.ts';
import { formatNumber } from '../../../shared/format.ts';
import type { Lang } from '../../../shared/submission.ts';
import type { Messages } from '../i18n/en.ts';

export interface ReasonView {
  summary: string;
  /** The shopper's words; render them inside `<bdi>`. */
  words: string[];
  repeat: string | null;
  /** True when `summary` is the stored sentence itself (no rule recognised it). */
  raw: boolean;
}

export function reasonView(sentence: string, m: Messages, lang: Lang): ReasonView {
  const r = parseCaseReason(sentence);
  const repeat = r.priorCases ? m.reasonMore.repeat(formatNumber(r.priorCases, lang), r.priorCases === 1) : null;
  if (r.kind === 'text') return { summary: sentence, words: [], repeat, raw: true };
  const label = m.reason[r.kind];
  let summary = typeof label === 'function' ? label(formatNumber(r.stars ?? 0, lang)) : label;
  if (r.kind === 'complaint' && r.category && r.category in m.category) {
    summary = m.reasonMore.about(m.category[r.category as keyof Messages['category']]);
  }
  return { summary, words: r.evidence ?? [], repeat, raw: false };
}
