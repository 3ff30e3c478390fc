/**
 * What the dashboard's charts (rb-bar-chart, rb-line-chart) share: their common properties, the
 * SVG's sizing and its mirroring in right-to-left pages, and the axis row with the first and last
 * slot's labels.
 */
import { LitElement, css, html, nothing, type PropertyDeclarations } from 'lit';

/** The properties every chart has; each chart adds its data (Lit inherits declared properties). */
export class RbChart extends LitElement {
  static override properties: PropertyDeclarations = {
    label: { type: String },
    labels: { attribute: false },
    format: { attribute: false },
    empty: { type: String },
  };

  /** The chart's name; the accessible name adds every slot's numbers to it. */
  declare label: string;
  /** One label per slot (bar or point), e.g. "1 star" or a day. */
  declare labels: string[];
  declare format: (n: number) => string;
  /** Shown instead of axes when there is no data. */
  declare empty: string;

  constructor() {
    super();
    this.label = '';
    this.labels = [];
    this.format = (n) => String(n);
    this.empty = '';
  }
}

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
