import { describe, expect, it } from 'vitest';
import { decide, decisionEffect, type DecisionState } from './decision.ts';

describe('decisionEffect', () => {
  it.each([
    ['approving a pending review adds its rating', 'pending', 'published', 4, { summaryDelta: 1, changesPublic: true }],
    ['hiding a published review removes its rating', 'published', 'hidden', 4, { summaryDelta: -1, changesPublic: true }],
    ['rejecting a published review removes its rating', 'published', 'rejected', 2, { summaryDelta: -1, changesPublic: true }],
    ['marking a published review as spam removes its rating', 'published', 'spam', 1, { summaryDelta: -1, changesPublic: true }],
    ['rejecting a pending review changes nothing public', 'pending', 'rejected', 5, { summaryDelta: 0, changesPublic: false }],
    ['approving a published review again changes nothing', 'published', 'published', 5, { summaryDelta: 0, changesPublic: false }],
    ['approving a story changes the page but no summary', 'pending', 'published', null, { summaryDelta: 0, changesPublic: true }],
    ['un-hiding a hidden review adds its rating back', 'hidden', 'published', 3, { summaryDelta: 1, changesPublic: true }],
  ] as const)('%s', (_name, from, to, rating, effect) => {
    expect(decisionEffect(from, to, rating)).toEqual(effect);
  });
});

describe('decide', () => {
  const pending: DecisionState = { status: 'pending', publishedAt: null, decidedAt: null, decidedBy: null, decisionReason: null };

  it('stamps publishedAt when an item is first published', () => {
    expect(decide(pending, 'approve', 'stf_1', null, 1000)).toEqual({
      status: 'published',
      publishedAt: 1000,
      decidedAt: 1000,
      decidedBy: 'stf_1',
      decisionReason: null,
    });
  });

  it('keeps the first publishedAt when a published item is approved again', () => {
    const published = decide(pending, 'approve', 'stf_1', null, 1000);
    expect(decide(published, 'approve', 'stf_2', null, 2000).publishedAt).toBe(1000);
  });

  it('keeps publishedAt and records the reason when a published item is hidden', () => {
    const published = decide(pending, 'approve', 'stf_1', null, 1000);
    expect(decide(published, 'hide', 'stf_2', 'off topic', 2000)).toMatchObject({
      status: 'hidden',
      publishedAt: 1000,
      decisionReason: 'off topic',
      decidedBy: 'stf_2',
    });
  });
});
