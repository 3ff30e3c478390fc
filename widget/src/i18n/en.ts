/**
 * English strings for first render (summary, list, tabs). Every locale file is typed against this
 * one, and merchants override any key per language through `site.strings[lang]`.
 * `{name}` placeholders are filled by `fill()` in `lib/format.ts`.
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
  bar: '{n} stars: {count}',
  sortBy: 'Sort by',
  sort_newest: 'Newest',
  sort_oldest: 'Oldest',
  sort_highest: 'Highest rated',
  sort_lowest: 'Lowest rated',
  sort_helpful: 'Most helpful',
  filter: 'Rating',
  allStars: 'All ratings',
  filterStars: '{n} stars',
  verified: 'Verified buyer',
  helpful: 'Helpful ({n})',
  voted: 'Thanks for your vote',
  reply: 'Reply from {site}',
  more: 'Show more reviews',
  noMatch: 'No reviews match this filter.',
  share: 'Share your feedback',
  tab_review: 'Write a review',
  tab_complaint: 'Report a problem',
  tab_story: 'Tell a story',
  formLoading: 'Loading the form…',
  outboxSent: 'Your earlier message has been sent. Thank you!',
};

export type ReadStrings = typeof en;
