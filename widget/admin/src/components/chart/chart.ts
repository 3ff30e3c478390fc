/**
 * What the dashboard's charts (rb-bar-chart, rb-line-chart) share: the SVG's sizing and its
 * mirroring in right-to-left pages, and the axis row with the first and last slot's labels.
 */
import { css, html, nothing } from 'lit';

export const chartStyles = css`
  /* Time and star order read in the page's direction, like the axis labels below. */
  :host(:dir(rtl)) svg {
    transform: scaleX(-1);
  }
  svg {
    inline-size: 100%;
    block-size: auto;
    display: block;
  }
  .axis {
    display: flex;
    justify-content: space-between;
    font-size: 0.75rem;
    color: var(--rb-muted);
  }
`;

/** The first and last labels under the chart (a sighted reader's axis; the numbers are in the SVG's name). */
export function axis(labels: readonly string[]) {
  return html`<div class="axis" aria-hidden="true">
    <span>${labels[0] ?? ''}</span>${labels.length > 1 ? html`<span>${labels[labels.length - 1]}</span>` : nothing}
  </div>`;
}
