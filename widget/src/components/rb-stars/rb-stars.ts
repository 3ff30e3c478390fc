import { html } from 'lit';

/**
 * A read-only star rating announced as one image with a spoken label. A template rather than an
 * element: it appears in every review, and an element per use would cost first-render bytes.
 * Its styles (`.stars`, `.off`) live in `shared.styles.ts`.
 * @csspart stars - The row of stars.
 */
export function stars(value: number, label: string) {
  const on = Math.round(value);
  return html`<span part="stars" class="stars" role="img" aria-label=${label}>${[1, 2, 3, 4, 5].map(
    (i) => html`<span class=${i > on ? 'off' : ''}>★</span>`,
  )}</span>`;
}
