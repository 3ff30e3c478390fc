import { describe, expect, it } from 'vitest';
import { FLAGS, SiteSettings, type Flag } from '../../../shared/site.ts';
import { flagSubmission, holdsForStaff, type FlagContext, type FlagInput } from './flags.ts';

const ctx = (over: Partial<FlagContext> = {}): FlagContext => ({
  blockedWords: [],
  verified: true,
  kind: 'story',
  recentBodies: [],
  elapsedMs: 60_000,
  ...over,
});
const input = (body: string, over: Partial<FlagInput> = {}): FlagInput => ({ body, authorName: 'Sara', ...over });

describe('flagSubmission: words', () => {
  it.each<[string, FlagInput, Flag[]]>([
    ['a civil complaint has no flags', input('The kettle broke after a week, very disappointed.'), []],
    ['a civil Persian complaint has no flags', input('کتری بعد از یک هفته خراب شد، خیلی ناراحتم'), []],
    ['a URL', input('see https://example.com/x'), ['links']],
    ['a bare domain', input('cheaper at kettles.ir'), ['links']],
    ['an email address in the body', input('write to me at sara@example.com'), ['links']],
    ['a link in the author name', input('ok', { authorName: 'www.spam.example' }), ['links']],
    ['a decimal number is no link', input('rated 4.5 of 5, version 2.0'), []],
    ['two links are spam too', input('https://a.example.com and b.example.org'), ['links', 'spam']],
    ['promotion', input('Use discount code SAVE50 now'), ['spam']],
    ['Persian promotion', input('برای کد تخفیف عضو کانال ما شوید'), ['spam']],
    ['shouting', input('THIS IS THE WORST KETTLE I HAVE EVER BOUGHT'), ['spam']],
    ['a short capitalised word is not shouting', input('OK, fine'), []],
    ['excessive emoji', input('😡😡😡😡😡😡😡😡😡😡 no'), ['spam', 'repetition']],
    ['a character run', input('noooooooooooooo'), ['repetition']],
    ['a stretched Persian word is not a run', input('خیلیییی بد بود'), []],
    ['a repeated word', input('bad bad bad bad kettle'), ['repetition']],
    ['English abuse', input('you are idiots'), ['abuse']],
    ['masked abuse', input('what a sh1t service'), ['abuse']],
    ['Persian abuse', input('فروشنده احمق'), ['abuse']],
    ['Persian abuse with Arabic kaf', input('كثافت'), ['abuse']],
    ['Finglish abuse', input('koskesh'), ['abuse']],
    ['mild words are not abuse', input('damn, this sucks, what a stupid design, crap'), []],
    ['a word containing an abusive one is not abuse', input('the class was scrapped, Scunthorpe'), []],
    ['Finglish', input('salam, kalaa kheili kharab bood'), ['finglish']],
    ['a direction mark', input('good\u200F product'), ['bidi']],
    ['an Arabic letter mark', input('خوب\u061C است'), ['bidi']],
  ])('%s', (_name, i, expected) => {
    expect(flagSubmission(i, ctx())).toEqual(expected);
  });
});

describe('flagSubmission: blocked words', () => {
  it.each<[string, string[], string, boolean]>([
    ['a listed word', ['acme'], 'better than Acme', true],
    ['matched after folding', ['كيفيت'], 'کیفیت بد', true],
    ['a phrase', ['free shipping'], 'Free   shipping elsewhere', true],
    ['only whole words', ['ass'], 'first class', false],
    ['an entry with punctuation as typed', ['t.me/'], 'join t.me/deals', true],
    ['an empty list', [], 'anything', false],
  ])('%s', (_name, blockedWords, body, flagged) => {
    expect(flagSubmission(input(body), ctx({ blockedWords })).includes('blocked_word')).toBe(flagged);
  });
});

describe('flagSubmission: duplicates', () => {
  const earlier = 'The kettle arrived with a cracked lid and the handle came off on the second day of use';
  it.each<[string, string, string[], boolean]>([
    ['the same text', earlier, [earlier], true],
    ['the same text folded differently', earlier.toUpperCase() + '!!', [earlier], true],
    ['Persian with other letter forms', 'كيفيت خيلي بد', ['کیفیت خیلی بد'], true],
    ['a near copy', earlier.replace('second', '2nd'), [earlier], true],
    ['a different text', 'Lovely kettle, boils fast and looks great on the counter', [earlier], false],
    ['nothing recent', earlier, [], false],
    ['short texts need an exact match', 'very bad', ['very very bad'], false],
  ])('%s', (_name, body, recentBodies, flagged) => {
    expect(flagSubmission(input(body), ctx({ recentBodies })).includes('duplicate')).toBe(flagged);
  });
});

describe('flagSubmission: how it was sent', () => {
  it.each<[string, Partial<FlagContext>, Flag[]]>([
    ['an unverified review', { kind: 'review', verified: false }, ['unverified']],
    ['a verified review', { kind: 'review', verified: true }, []],
    ['an unverified complaint is not flagged', { kind: 'complaint', verified: false }, []],
    ['a filled honeypot', { honeypot: 'http://bot' }, ['honeypot']],
    ['a blank honeypot', { honeypot: '  ' }, []],
    ['sent too fast', { elapsedMs: 1200 }, ['too_fast']],
    ['sent at the limit', { elapsedMs: 3000 }, []],
    ['no timing sent', { elapsedMs: undefined }, []],
  ])('%s', (_name, over, expected) => {
    expect(flagSubmission(input('Fine kettle'), ctx(over))).toEqual(expected);
  });

  it('lists flags in the stable order of FLAGS', () => {
    const flags = flagSubmission(
      input('IDIOTS!!! SEE WWW.SPAM.EXAMPLE.COM AND EMAIL ME AT A@B.CO NOW NOW NOW NOW', { title: 'x\u200E' }),
      ctx({ kind: 'review', verified: false, honeypot: 'x', elapsedMs: 10, blockedWords: ['email'] }),
    );
    expect(flags).toEqual(['links', 'spam', 'repetition', 'abuse', 'blocked_word', 'bidi', 'unverified', 'honeypot', 'too_fast']);
  });
});

describe('holdsForStaff: which flags keep an item from auto-publishing', () => {
  const defaults = SiteSettings.parse({});
  it.each<[string, Flag[], Partial<Pick<SiteSettings, 'holdFlags' | 'holdUnverified'>>, boolean]>([
    ['a clean item is not held', [], {}, false],
    ['an unlinked shopper is not held by default', ['unverified'], {}, false],
    ['an unlinked shopper is held when the merchant holds unverified reviews', ['unverified'], { holdUnverified: true }, true],
    ['an old list naming unverified does not hold on its own', ['unverified'], { holdFlags: [...FLAGS] }, false],
    ['links hold by default', ['links'], {}, true],
    ['abuse holds an unlinked review whatever holdUnverified says', ['abuse', 'unverified'], {}, true],
    ['a flag left out of holdFlags does not hold', ['finglish'], { holdFlags: ['links'] }, false],
    ['nothing holds with an empty list and holdUnverified off', ['links', 'unverified'], { holdFlags: [] }, false],
  ])('%s', (_name, flags, over, held) => {
    expect(holdsForStaff(flags, { ...defaults, ...over })).toBe(held);
  });

  it('holds every flag but unverified by default', () => {
    expect(defaults.holdFlags).toEqual(FLAGS.filter((f) => f !== 'unverified'));
    expect(defaults.holdUnverified).toBe(false);
  });
});
