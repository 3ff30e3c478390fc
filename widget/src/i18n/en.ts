/**
 * English strings for first render (summary, list, tabs). Every locale file is typed against this
 * one, and merchants override any key per language through `site.strings[lang]`.
 * `{name}` placeholders are filled by `fill()` in `shared/format.ts`.
 */
export const en = {
  loading: 'Loading reviews…',
  loadFailed: 'Reviews could not be loaded.',
  retry: 'Try again',
  heading: 'Customer reviews',
  outOf: '{avg} out of 5',
  countOne: '{n} review',
  countOther: '{n} reviews',
  noReviews: 'No reviews yet.',
  stars: '{n} out of 5 stars',
  barOne: '{n} star',
  bar: '{n} stars',
  verified: 'Verified buyer',
  helpful: 'Helpful ({n})',
  reply: 'Reply from {site}',
};

export type ReadStrings = typeof en;
