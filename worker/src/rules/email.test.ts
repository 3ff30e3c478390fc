import { describe, expect, it } from 'vitest';
import { decideDispatch, EMAIL_MAX_ATTEMPTS, retryAfterFailure, reviewEmailPlan, reviewRequestDueAt, type DispatchFacts } from './email.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);

describe('reviewRequestDueAt', () => {
  it.each([
    { name: 'counts from delivery when given', purchasedAt: 0, deliveredAt: 5 * DAY, delayDays: 30, due: 35 * DAY },
    { name: 'counts from purchase without a delivery date', purchasedAt: 2 * DAY, deliveredAt: null, delayDays: 30, due: 32 * DAY },
    { name: 'a zero delay is due at once', purchasedAt: 0, deliveredAt: DAY, delayDays: 0, due: DAY },
  ])('$name', ({ purchasedAt, deliveredAt, delayDays, due }) => {
    expect(reviewRequestDueAt({ purchasedAt, deliveredAt, delayDays })).toBe(due);
  });
});

describe('reviewEmailPlan', () => {
  it('plans a request and one reminder the given days later', () => {
    expect(reviewEmailPlan(10 * DAY, 7)).toEqual([
      { kind: 'review.request', dueAt: 10 * DAY },
      { kind: 'review.reminder', dueAt: 17 * DAY },
    ]);
  });
  it('plans no reminder when reminders are off', () => {
    expect(reviewEmailPlan(10 * DAY, 0)).toEqual([{ kind: 'review.request', dueAt: 10 * DAY }]);
  });
});

const base: DispatchFacts = {
  kind: 'review.request',
  mode: 'rebound',
  suppressed: false,
  wrote: false,
  requestSent: false,
  lastRequestAt: null,
  quietPeriodDays: 90,
  stillWanted: true,
};

describe('decideDispatch', () => {
  it.each<[string, Partial<DispatchFacts>, ReturnType<typeof decideDispatch>]>([
    ['sends a due review request', {}, { action: 'send' }],
    ['sends when the site sends and fires the webhook', { mode: 'both' }, { action: 'send' }],
    ['suppresses anything to an unsubscribed address', { suppressed: true }, { action: 'suppress', reason: 'unsubscribed' }],
    ['suppresses a case message to an unsubscribed address', { kind: 'case.message', suppressed: true }, { action: 'suppress', reason: 'unsubscribed' }],
    ['suppresses even the double opt-in confirmation', { kind: 'confirm', suppressed: true }, { action: 'suppress', reason: 'unsubscribed' }],
    ['cancels a review request when the site sends its own mail', { mode: 'webhook' }, { action: 'cancel', reason: 'the site sends its own review requests' }],
    ['cancels a review request once the customer wrote', { wrote: true }, { action: 'cancel', reason: 'the customer already wrote' }],
    ['cancels a reminder once the customer wrote', { kind: 'review.reminder', requestSent: true, wrote: true }, { action: 'cancel', reason: 'the customer already wrote' }],
    ['sends a reminder when the request went and nothing was written', { kind: 'review.reminder', requestSent: true }, { action: 'send' }],
    ['cancels a reminder whose request never went', { kind: 'review.reminder' }, { action: 'cancel', reason: 'the request was not sent' }],
    ['cancels a request inside the quiet period of an earlier one', { lastRequestAt: NOW - 10 * DAY }, { action: 'cancel', reason: 'quiet period' }],
    ['sends a request after the quiet period', { lastRequestAt: NOW - 91 * DAY }, { action: 'send' }],
    ['case messages ignore the review-request rules', { kind: 'case.message', mode: 'webhook', wrote: true }, { action: 'send' }],
    ['cancels what is no longer wanted', { kind: 'reply.published', stillWanted: false }, { action: 'cancel', reason: 'no longer wanted' }],
  ])('%s', (_name, facts, expected) => {
    expect(decideDispatch({ ...base, ...facts }, NOW)).toEqual(expected);
  });

  it('never reads how happy the customer is: the facts have no rating or sentiment', () => {
    expect(Object.keys(base).sort()).toEqual(['kind', 'lastRequestAt', 'mode', 'quietPeriodDays', 'requestSent', 'stillWanted', 'suppressed', 'wrote']);
  });
});

describe('retryAfterFailure', () => {
  it.each([
    [1, { action: 'retry', dueAt: NOW + 60_000 }],
    [2, { action: 'retry', dueAt: NOW + 300_000 }],
    [4, { action: 'retry', dueAt: NOW + 7_200_000 }],
    [EMAIL_MAX_ATTEMPTS, { action: 'fail' }],
    [EMAIL_MAX_ATTEMPTS + 3, { action: 'fail' }],
  ])('after attempt %i', (attempts, expected) => {
    expect(retryAfterFailure(attempts, NOW)).toEqual(expected);
  });
});
