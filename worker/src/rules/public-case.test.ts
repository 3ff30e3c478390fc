import { describe, expect, it } from 'vitest';
import { SiteSettings } from '../../../shared/site.ts';
import { canUpdateReview, promisedResponseDue, publicCaseView, updateStatus, updateSummaryMoves, type CaseFacts, type CaseOrigin } from './public-case.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  ref: 'RB-AAAAAAAA',
  status: 'new',
  createdAt: T0 + 5_000,
  firstResponseAt: null,
  promisedAt: null,
  resolvedAt: null,
  rerating: null,
  ...over,
});
const origin = (over: Partial<CaseOrigin> = {}): CaseOrigin => ({ kind: 'review', status: 'published', lang: 'fa', hasContact: false, createdAt: T0, ...over });
const site = (responseTimeHours?: number) => ({ name: 'Kettle House', settings: { defaultLang: 'en' as const, ...(responseTimeHours === undefined ? {} : { responseTimeHours }) } });

describe('promisedResponseDue', () => {
  it.each([
    [8, T0 + 8 * H],
    [undefined, null],
  ])('with a promise of %s hours → %s', (hours, due) => {
    expect(promisedResponseDue(T0, hours)).toBe(due);
  });
});

describe('publicCaseView', () => {
  it('speaks the submission’s language, names the shop and promises what the merchant promised, from the submission', () => {
    const v = publicCaseView(facts(), origin(), site(8), []);
    expect(v).toMatchObject({ lang: 'fa', siteName: 'Kettle House', firstResponseDue: iso(T0 + 8 * H), hasContact: false });
  });

  it.each<[string, Partial<CaseFacts>, number | undefined, string | null]>([
    ['no promise set: none shown', {}, undefined, null],
    ['answered already: none shown', { firstResponseAt: T0 + H }, 8, null],
  ])('%s', (_name, over, hours, due) => {
    expect(publicCaseView(facts(over), origin(), site(hours), []).firstResponseDue).toBe(due);
  });

  it('falls back to the site language without a submission', () => {
    expect(publicCaseView(facts(), null, site(), []).lang).toBe('en');
  });

  it.each<[string, Partial<CaseFacts>, Partial<CaseOrigin>, boolean, boolean]>([
    ['a resolved case of a published review', { status: 'resolved' }, {}, true, true],
    ['a pending review cannot be updated in public', { status: 'resolved' }, { status: 'pending' }, true, false],
    ['a complaint is never public', { status: 'resolved' }, { kind: 'complaint' }, true, false],
    ['already rated', { status: 'resolved', rerating: 4 }, {}, false, false],
    ['not resolved yet', { status: 'in_progress' }, {}, false, false],
  ])('%s', (_name, over, o, canRate, canUpdate) => {
    const v = publicCaseView(facts(over), origin(o), site(), []);
    expect([v.canRate, v.canUpdateReview]).toEqual([canRate, canUpdate]);
  });

  it('canUpdateReview needs a submission', () => {
    expect(canUpdateReview(null)).toBe(false);
  });
});

describe('updateStatus: the same moderation as any submission', () => {
  const settings = SiteSettings.parse({});
  it.each<[string, 'pre' | 'auto', string[], 'published' | 'pending']>([
    ['pre-moderation holds everything', 'pre', [], 'pending'],
    ['auto publishes a clean update', 'auto', [], 'published'],
    ['auto holds a flagged one', 'auto', ['links'], 'pending'],
    ['auto publishes an update from an unlinked shopper by default', 'auto', ['unverified'], 'published'],
  ])('%s', (_name, moderation, flags, status) => {
    expect(updateStatus(flags as never, { ...settings, moderation })).toBe(status);
  });
});

describe('updateSummaryMoves: a review counts once, at its effective rating', () => {
  it.each<[string, { status: 'published' | 'pending'; rating: number | null }, number, boolean, { rating: number; delta: number }[]]>([
    ['publishing swaps the old rating for the new', { status: 'published', rating: 2 }, 4, true, [{ rating: 2, delta: -1 }, { rating: 4, delta: 1 }]],
    ['unpublishing swaps back', { status: 'published', rating: 2 }, 4, false, [{ rating: 4, delta: -1 }, { rating: 2, delta: 1 }]],
    ['the same rating moves nothing', { status: 'published', rating: 3 }, 3, true, []],
    ['an unpublished original counts for nothing', { status: 'pending', rating: 2 }, 4, true, []],
  ])('%s', (_name, original, rating, publishing, moves) => {
    expect(updateSummaryMoves(original, { rating }, publishing)).toEqual(moves);
  });
});
