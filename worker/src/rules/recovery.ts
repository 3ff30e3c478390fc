/** When a re-rating counts as a won-back customer. */

/** Recovered: re-rated 4 or 5 stars, or at least 2 stars above the rating that opened the case. */
export function isRecovered(originalRating: number | null, rerating: number): boolean {
  if (rerating >= 4) return true;
  return originalRating !== null && rerating - originalRating >= 2;
}
