import { html } from 'lit';
import type { Summary } from '../../../../shared/review.ts';
import type { ReadStrings } from '../../i18n/en.ts';
import { fill, formatNumber } from '../../../../shared/format.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { stars } from '../rb-stars/rb-stars.ts';

/**
 * The average rating, the number of ratings and a five-bar distribution; each bar is a toggle
 * button (named by its visible text, e.g. "5 stars 30") that filters the list by its stars (`onFilter(null)` clears the filter). A template
 * rendered inside `<rb-feedback>`'s shadow root, styled by `rb-summary.styles.ts`. `cta` (the lazy
 * chunk's "Write a review" button) comes first in tab order, so writing a review is one Tab away.
 * @csspart summary - The whole block. @csspart average - The average, to one decimal.
 * @csspart bar - One distribution bar button.
 */
export function summary(data: Summary, s: ReadStrings, lang: Lang, active: number | null, onFilter: (stars: number | null) => void, cta?: unknown) {
  const { count, average, distribution } = data;
  const n = (v: number, digits?: number) => formatNumber(v, lang, digits);
  // Rendered only with reviews, so there is an average (the empty state has no summary).
  const avg = n(average ?? 0, 1);
  return html`<div part="summary" class="summary">
    <div class="score">
      <span part="average" class="average">${avg}</span>
      ${stars(average ?? 0, fill(s.outOf, { avg }))}
      <span class="muted">${fill(count === 1 ? s.countOne : s.countOther, { n: n(count) })}</span>
      <div class="cta">${cta}</div>
    </div>
    <ol>
      ${[5, 4, 3, 2, 1].map((star) => {
        const c = distribution[star - 1] ?? 0;
        return html`<li>
          <button
            part="bar"
            type="button"
            aria-pressed=${active === star}
            @click=${() => onFilter(active === star ? null : star)}
          >
            <span>${fill(star === 1 ? s.barOne : s.bar, { n: n(star) })}</span>
            <span class="track" aria-hidden="true"><span class="fill" .style=${`inline-size:${count ? (100 * c) / count : 0}%`}></span></span>
            <span class="muted">${n(c)}</span>
          </button>
        </li>`;
      })}
    </ol>
  </div>`;
}
