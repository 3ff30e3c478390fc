import { describe, expect, it } from 'vitest';
import type { PublicReview } from '../../../shared/review.ts';
import { initialList, listQuery, withHelpful, withPage } from './paging.ts';

function review(id: string, rating = 5): PublicReview {
  return {
    id,
    rating,
    title: null,
    body: `body ${id}`,
    author: { name: 'A' },
    verified: false,
    helpful: 0,
    lang: 'en',
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
    reply: null,
    update: null,
  };
}

describe('listQuery', () => {
  it('asks for the first page without a cursor when the sort or filter changes', () => {
    const q = new URLSearchParams(listQuery('sku-1', { sort: 'lowest', stars: 2, cursor: 'c1' }, false));
    expect(Object.fromEntries(q)).toEqual({ subject: 'sku-1', sort: 'lowest', stars: '2', limit: '10' });
  });
  it('passes the cursor for the next page and omits an unset filter', () => {
    const q = new URLSearchParams(listQuery('', { sort: 'newest', stars: null, cursor: 'abc' }, true));
    expect(q.get('cursor')).toBe('abc');
    expect(q.has('stars')).toBe(false);
  });
});

describe('withPage', () => {
  it('appends the next page without repeating reviews and takes its cursor', () => {
    const state = initialList({ items: [review('a'), review('b')], nextCursor: 'c1' });
    const next = withPage(state, { items: [review('b'), review('c')], nextCursor: null }, true);
    expect(next.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(next.cursor).toBeNull();
  });
  it('replaces the items for a fresh first page', () => {
    const state = initialList({ items: [review('a')], nextCursor: 'c1' });
    const next = withPage({ ...state, stars: 1 }, { items: [review('z', 1)], nextCursor: 'c9' }, false);
    expect(next.items.map((r) => r.id)).toEqual(['z']);
    expect(next).toMatchObject({ stars: 1, cursor: 'c9' });
  });
});

describe('withHelpful', () => {
  it('updates only the voted review', () => {
    const state = initialList({ items: [review('a'), review('b')], nextCursor: null });
    expect(withHelpful(state, 'b', 3).items.map((r) => r.helpful)).toEqual([0, 3]);
  });
});
