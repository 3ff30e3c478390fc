import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES } from './submission.ts';
import { CASE_REASON_KINDS, caseReasonText, parseCaseReason, type CaseReason } from './case-reason.ts';

describe('caseReasonText', () => {
  it.each<[CaseReason, string]>([
    [{ kind: 'rating', stars: 1 }, 'rating 1'],
    [{ kind: 'feeling', stars: 2, evidence: ['late'] }, 'feeling 2: late'],
    [{ kind: 'complaint', category: 'delivery', evidence: ['late', 'never again'] }, 'complaint: delivery (late, never again)'],
    [{ kind: 'complaint', evidence: ['refund'] }, 'complaint: refund'],
    [{ kind: 'rating_negative_text', stars: 3 }, 'rating 3, negative text'],
    [{ kind: 'learned', evidence: ['خراب'] }, 'learned from staff: خراب'],
    [{ kind: 'rating', stars: 2, priorCases: 1 }, 'rating 2; repeat customer (1 earlier case)'],
    [{ kind: 'negative_story', priorCases: 3 }, 'negative story; repeat customer (3 earlier cases)'],
  ])('writes %j as "%s"', (reason, text) => {
    expect(caseReasonText(reason)).toBe(text);
  });
});

describe('parseCaseReason', () => {
  it('reads back what caseReasonText wrote, for every kind', () => {
    const word = fc.stringMatching(/^[a-z\u0600-\u06FF][a-z\u0600-\u06FF ]{0,12}[a-z\u0600-\u06FF]$/);
    const reason = fc.record({
      kind: fc.constantFrom(...CASE_REASON_KINDS.filter((k) => k !== 'text')),
      stars: fc.integer({ min: 1, max: 5 }),
      category: fc.option(fc.constantFrom(...COMPLAINT_CATEGORIES), { nil: undefined }),
      evidence: fc.array(word, { maxLength: 3 }),
      priorCases: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(reason, (r) => {
        const numbered = /rating|feeling/.test(r.kind);
        const cleaned: CaseReason = {
          kind: r.kind,
          ...(numbered ? { stars: r.stars } : {}),
          ...(r.kind === 'complaint' && r.category ? { category: r.category } : {}),
          // Words after "complaint:" without a category must not look like one.
          evidence: r.kind === 'complaint' && !r.category ? r.evidence.filter((w) => !(COMPLAINT_CATEGORIES as readonly string[]).includes(w)) : r.evidence,
          ...(r.priorCases ? { priorCases: r.priorCases } : {}),
        };
        const back = parseCaseReason(caseReasonText(cleaned));
        expect(back).toEqual(cleaned);
      }),
    );
  });

  it('keeps a sentence no rule wrote as text', () => {
    expect(parseCaseReason('imported from Judge.me')).toEqual({ kind: 'text', text: 'imported from Judge.me' });
  });

  it('reads a complaint without a category whose word is not a category', () => {
    expect(parseCaseReason('complaint: refund')).toEqual({ kind: 'complaint', evidence: ['refund'] });
  });
});
