/**
 * The review list's paging state: sort, star filter and the keyset cursor. Changing the sort or
 * filter starts again from the first page; "show more" appends the next page without repeating
 * a review the shopper already sees.
 */
import type { PublicReview, ReviewsPage, Sort } from '../../../shared/review.ts';

export interface ListState {
  sort: Sort;
  stars: number | null;
  /** Only reviews with photos (`?photos=1`). */
  photos?: boolean;
  items: PublicReview[];
  cursor: string | null;
}

export const PAGE_SIZE = 10;

/** The state of the first page, as the bootstrap delivers it. */
export function initialList(page: ReviewsPage): ListState {
  return { sort: 'newest', stars: null, items: page.items, cursor: page.nextCursor };
}

/** The query of `GET /v1/sites/{site}/reviews` for the next page (`more`) or a fresh first page. */
export function listQuery(subject: string, state: Pick<ListState, 'sort' | 'stars' | 'cursor' | 'photos'>, more: boolean): string {
  const q = new URLSearchParams({ subject, sort: state.sort, limit: String(PAGE_SIZE) });
  if (state.stars) q.set('stars', String(state.stars));
  if (state.photos) q.set('photos', '1');
  if (more && state.cursor) q.set('cursor', state.cursor);
  return q.toString();
}

export function withPage(state: ListState, page: ReviewsPage, more: boolean): ListState {
  const seen = new Set(more ? state.items.map((r) => r.id) : []);
  const fresh = page.items.filter((r) => !seen.has(r.id));
  return { ...state, items: more ? [...state.items, ...fresh] : fresh, cursor: page.nextCursor };
}

/** Updates one review after a helpful vote, leaving the rest untouched. */
export function withHelpful(state: ListState, id: string, helpful: number): ListState {
  return { ...state, items: state.items.map((r) => (r.id === id ? { ...r, helpful } : r)) };
}
