import { html, nothing } from 'lit';
import type { PublicReview } from '../../../../shared/review.ts';
import type { ReadStrings } from '../../i18n/en.ts';
import { fill, formatDate, formatNumber, formatRelative } from '../../../../shared/format.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { stars } from '../rb-stars/rb-stars.ts';

export interface ListView {
  items: readonly PublicReview[];
  s: ReadStrings;
  lang: Lang;
  siteName: string;
  /** Reviews this visitor has voted for (remembered across reloads): their button shows it, pressed. */
  voted: ReadonlySet<string>;
  /** The clock relative dates are measured from. */
  now: number;
  onHelpful: (id: string) => void;
  /** What the lazy chunk adds under a review's text (the customer's update after support). */
  more?: ((r: PublicReview) => unknown) | null;
}

/**
 * Published reviews: stars, title, text, display name, date (relative; the absolute one shows on
 * hover, as the title, and on keyboard focus, after it), verified badge, helpful button and the
 * merchant's reply, and `<rb-photos>` (defined by a lazy chunk; its height is reserved here) for
 * a review with photos. Shopper text is rendered only
 * through text bindings, each isolated in `<bdi>` so mixed Persian and English reads right.
 * @csspart list - The list. @csspart review - One review. @csspart reply - The merchant's reply.
 * @csspart helpful - The helpful button. @csspart badge - The verified-buyer badge.
 */
export function reviewList(v: ListView) {
  return html`<ol part="list" class="reviews">
    ${v.items.map((r) => review(r, v))}
  </ol>`;
}

function review(r: PublicReview, { s, lang, siteName, voted, now, onHelpful, more }: ListView) {
  return html`<li part="review">
    <div class="head">
      ${stars(r.rating, fill(s.stars, { n: formatNumber(r.rating, lang) }))}
      ${r.title ? html`<span class="title"><bdi>${r.title}</bdi></span>` : nothing}
    </div>
    <p><bdi>${r.body}</bdi></p>
    ${r.photos?.length ? html`<rb-photos .r=${r}></rb-photos>` : nothing}
    ${more?.(r)}
    <div class="meta">
      <bdi>${r.author.name}</bdi>
      ${r.verified ? html`<span part="badge" class="badge">${s.verified}</span>` : nothing}
      <time class="muted" tabindex="0" datetime=${r.publishedAt} title=${formatDate(r.publishedAt, lang)}>${formatRelative(r.publishedAt, lang, now)}</time>
      <button part="helpful" class="helpful" type="button" aria-pressed=${voted.has(r.id)} @click=${() => onHelpful(r.id)}>
        ${fill(s.helpful, { n: formatNumber(r.helpful, lang) })}
      </button>
    </div>
    ${r.reply
      ? html`<div part="reply" class="reply">
          <strong>${fill(s.reply, { site: siteName })}</strong>
          <p><bdi>${r.reply.body}</bdi></p>
        </div>`
      : nothing}
  </li>`;
}
