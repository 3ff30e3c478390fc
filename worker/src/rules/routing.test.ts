import { describe, expect, it } from 'vitest';
import { SiteSettings } from '../../../shared/site.ts';
import { decideRouting, type RoutingInput } from './routing.ts';

const settings = SiteSettings.parse({});
const decide = (input: RoutingInput, priorCases = 0, s: SiteSettings = settings) =>
  decideRouting(input, { settings: s, priorCases });

describe('decideRouting: when a case opens', () => {
  it.each<[string, RoutingInput, boolean]>([
    ['rating 1, even with kind words', { kind: 'review', rating: 1, body: 'Nice people' }, true],
    ['rating 2', { kind: 'review', rating: 2, body: 'ok' }, true],
    ['rating 3 with negative text', { kind: 'review', rating: 3, body: 'not happy with the finish' }, true],
    ['rating 3 with neutral text', { kind: 'review', rating: 3, body: 'It is a kettle' }, false],
    ['rating 3 with positive text', { kind: 'review', rating: 3, body: 'good enough' }, false],
    ['rating 4 with praise', { kind: 'review', rating: 4, body: 'Good value, fast delivery' }, false],
    ['rating 5 with ironic text', { kind: 'review', rating: 5, body: 'great, another broken kettle. useless, terrible' }, true],
    ['every complaint, even a polite one', { kind: 'complaint', body: 'Just letting you know', category: 'other' }, true],
    ['a negative story', { kind: 'story', body: 'راضی نیستم، خیلی بد بود' }, true],
    ['a happy story', { kind: 'story', body: 'عالی بود، ممنون' }, false],
    ['complaint words in a 4-star review', { kind: 'review', rating: 4, body: 'I want a refund for the second one' }, true],
    ['Persian complaint words in a story', { kind: 'story', body: 'هنوز نرسیده' }, true],
    ['safety words under five stars', { kind: 'review', rating: 5, body: 'love it but the plug caught fire once' }, true],
    ['a refund mentioned in praise', { kind: 'review', rating: 5, body: 'The refund came in a day, great service, thanks!' }, false],
    ['a passing delay in a happy review', { kind: 'review', rating: 5, body: 'A day late but works great and looks lovely' }, false],
    ['the desired outcome counts', { kind: 'story', body: 'About my order', desiredOutcome: 'پولم را برگردانید' }, true],
  ])('%s → %s', (_name, input, open) => {
    expect(decide(input).open).toBe(open);
  });
});

describe('decideRouting: priority', () => {
  it.each<[string, RoutingInput, number, string | null]>([
    ['1 star is P1', { kind: 'review', rating: 1, body: 'meh' }, 0, 'P1'],
    ['2 stars is P2', { kind: 'review', rating: 2, body: 'meh' }, 0, 'P2'],
    ['a complaint is P2', { kind: 'complaint', body: 'late', category: 'delivery' }, 0, 'P2'],
    ['a complaint about safety is P1', { kind: 'complaint', body: 'خطرناک است، برق گرفت', category: 'product' }, 0, 'P1'],
    ['legal words are P1', { kind: 'story', body: 'I am calling my lawyer' }, 0, 'P1'],
    ['churn words are P1', { kind: 'review', rating: 3, body: 'دیگه ازتون نمیخرم' }, 0, 'P1'],
    ['a repeat complainer is P1', { kind: 'review', rating: 2, body: 'bad' }, 1, 'P1'],
    ['a mildly negative 3 is P3', { kind: 'review', rating: 3, body: 'a bit disappointed' }, 0, 'P3'],
    ['a clearly negative 3 is P2', { kind: 'review', rating: 3, body: 'terrible, awful, waste of money' }, 0, 'P2'],
    ['a mildly negative story is P3', { kind: 'story', body: 'not great' }, 0, 'P3'],
    ['a refund request is at least P2', { kind: 'story', body: 'refund please' }, 0, 'P2'],
    ['no case, no priority', { kind: 'review', rating: 5, body: 'lovely' }, 0, null],
  ])('%s', (_name, input, prior, priority) => {
    expect(decide(input, prior).priority).toBe(priority);
  });
});

describe('decideRouting: reason, score and method', () => {
  it.each<[RoutingInput, number, string]>([
    [{ kind: 'review', rating: 1, body: 'fine' }, 0, 'rating 1'],
    [{ kind: 'complaint', body: 'Where is it?', category: 'delivery' }, 0, 'complaint: delivery'],
    [{ kind: 'complaint', body: 'I want a refund', category: 'billing' }, 0, 'complaint: billing (refund)'],
    [{ kind: 'story', body: 'I want a refund, never again' }, 0, 'negative story: refund, never again'],
    [{ kind: 'review', rating: 3, body: 'not happy' }, 0, 'rating 3, negative text: not happy'],
    [{ kind: 'review', rating: 2, body: 'meh' }, 2, 'rating 2: meh; repeat customer (2 earlier cases)'],
  ])('%j → %s', (input, prior, reason) => {
    expect(decide(input, prior).reason).toBe(reason);
  });

  it('returns the score and method so they are stored on the case', () => {
    const d = decide({ kind: 'story', body: 'خیلی بد بود' });
    expect(d.score).toBeLessThan(-1);
    expect(d.method).toBe('lexicon-v2');
  });
});

describe('decideRouting: site thresholds', () => {
  it('opens for a 3 when the merchant lowers the bar', () => {
    const strict = SiteSettings.parse({ recovery: { lowRating: 3 } });
    expect(decide({ kind: 'review', rating: 3, body: 'fine' }, 0, strict).open).toBe(true);
  });

  it('needs a more negative text when the merchant raises the threshold', () => {
    const lenient = SiteSettings.parse({ recovery: { negativeScore: -5 } });
    expect(decide({ kind: 'story', body: 'not great' }, 0, lenient).open).toBe(false);
  });

  it('ignores complaint phrases when the merchant turns them off', () => {
    const off = SiteSettings.parse({ recovery: { intents: false } });
    expect(decide({ kind: 'review', rating: 4, body: 'I want a refund for the second one' }, 0, off).open).toBe(false);
  });

  it('counts repeat complainers from the site threshold', () => {
    const three = SiteSettings.parse({ recovery: { repeatCases: 3 } });
    expect(decide({ kind: 'review', rating: 2, body: 'bad' }, 2, three).priority).toBe('P2');
  });
});

describe('decideRouting: a story’s feeling is asked, not guessed', () => {
  it.each<[string, RoutingInput, boolean, string | null, RegExp]>([
    ['feeling 1 opens a P1 case, whatever the text', { kind: 'story', feeling: 1, body: 'We visited on Sunday' }, true, 'P1', /^feeling 1/],
    ['feeling 2 opens a P2 case', { kind: 'story', feeling: 2, body: 'We visited on Sunday' }, true, 'P2', /^feeling 2/],
    ['feeling 3 with negative text routes like 3 stars', { kind: 'story', feeling: 3, body: 'not happy with the finish' }, true, 'P3', /^feeling 3, negative text/],
    ['feeling 3 with neutral text does not', { kind: 'story', feeling: 3, body: 'It is a kettle' }, false, null, /not unhappy/],
    ['feeling 5 with mild complaint words does not', { kind: 'story', feeling: 5, body: 'not happy with the box, but love it' }, false, null, /not unhappy/],
    ['feeling 5 with clearly negative text still does', { kind: 'story', feeling: 5, body: 'great, another broken kettle. useless, terrible' }, true, 'P2', /^feeling 5, clearly negative/],
    ['no feeling: the text decides, as before', { kind: 'story', body: 'راضی نیستم، خیلی بد بود' }, true, 'P2', /^negative story/],
    ['a feeling on a review is ignored (reviews have stars)', { kind: 'review', rating: 5, feeling: 1, body: 'Lovely' }, false, null, /not unhappy/],
  ])('%s', (_name, input, open, priority, reason) => {
    const d = decide(input);
    expect(d.open).toBe(open);
    expect(d.priority).toBe(priority);
    expect(d.reason).toMatch(reason);
  });
});

describe('decideRouting: the needs-a-look lane', () => {
  it.each<[string, RoutingInput, boolean]>([
    ['a weak complaint in a story', { kind: 'story', body: "It's a bit pricey" }, true],
    ['praise and complaint that cancel out', { kind: 'story', body: 'Delicious coffee, awful packaging.' }, true],
    ['a weak complaint in a four-star review', { kind: 'review', rating: 4, body: 'Flimsy lid' }, true],
    ['plain praise', { kind: 'story', body: 'Works great, thanks' }, false],
    ['a story with no word the rules can read', { kind: 'story', body: 'The zorbex flange zings' }, true],
    ['a review with no word the rules can read (the stars decide)', { kind: 'review', rating: 5, body: 'The clasp is brass and the chain is steel' }, false],
    ['a clear complaint (routed, not unsure)', { kind: 'story', body: 'It broke after two days' }, false],
    ['a low rating (the stars decide)', { kind: 'review', rating: 1, body: "It's a bit pricey" }, false],
    ['a complaint (always a case)', { kind: 'complaint', body: "It's a bit pricey" }, false],
  ])('%s: uncertain = %s', (_name, input, uncertain) => {
    expect(decide(input).uncertain).toBe(uncertain);
  });

  it('lets the base model lift an unsure story that reads like unhappy reviews', () => {
    const d = decide({ kind: 'story', body: 'سه هفته گذشته هنوز دستم نرسیده' });
    expect(d).toMatchObject({ open: true, priority: 'P3' });
    expect(d.reason).toMatch(/^resembles unhappy reviews: /);
  });

  it('says so in the reason and opens nothing', () => {
    expect(decide({ kind: 'story', body: "It's a bit pricey" })).toMatchObject({ open: false, reason: 'needs a look' });
  });
});

describe('decideRouting: the site learned from its staff', () => {
  const learned = (unhappy: string[], happy: string[]) => ({
    docs: { unhappy: 5, happy: 5 },
    tokens: new Map<string, { unhappy: number; happy: number }>([...unhappy.map((t) => [t, { unhappy: 5, happy: 0 }] as const), ...happy.map((t) => [t, { unhappy: 0, happy: 5 }] as const)]),
  });
  const ctx = (model: ReturnType<typeof learned>) => ({ settings, priorCases: 0, learned: model });

  it('lifts a text the rules know nothing about to a case', () => {
    const d = decideRouting({ kind: 'story', body: 'The clasp slips' }, ctx(learned(['clasp', 'slip'], ['teal'])));
    expect(d).toMatchObject({ open: true, priority: 'P3' });
    expect(d.reason).toMatch(/^learned from staff: /);
  });

  it('settles an unsure text as not unhappy', () => {
    const d = decideRouting({ kind: 'story', body: "It's a bit pricey" }, ctx(learned([], ['pricey', 'bit'])));
    expect(d).toMatchObject({ open: false, uncertain: false });
  });

  it('never overrules stars, a complaint or a clear text', () => {
    const model = learned([], ['broke', 'break', 'pricey', 'fine']);
    expect(decideRouting({ kind: 'review', rating: 1, body: 'fine' }, ctx(model)).open).toBe(true);
    expect(decideRouting({ kind: 'complaint', body: 'fine' }, ctx(model)).open).toBe(true);
    expect(decideRouting({ kind: 'story', body: 'It broke after two days' }, ctx(model)).open).toBe(true);
  });

  it('says nothing before it has enough corrections', () => {
    const young = { docs: { unhappy: 1, happy: 1 }, tokens: new Map<string, { unhappy: number; happy: number }>([['clasp', { unhappy: 1, happy: 0 }]]) };
    expect(decideRouting({ kind: 'story', body: 'The clasp slips' }, ctx(young)).open).toBe(false);
  });
});
