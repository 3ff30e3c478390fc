/**
 * @summary One headline number with its label, and, for shares, a thin inline-SVG meter.
 * A missing value (null: nothing to measure yet) shows the `empty` text, never "0%".
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { scale } from '../../lib/scale.ts';
import { base } from '../../styles/base.ts';

export class RbStat extends LitElement {
  static override styles = [
    base,
    css`
      .value {
        font-size: 1.6rem;
        font-weight: 700;
      }
      .value.none {
        font-size: 1rem;
        font-weight: normal;
        color: var(--rb-muted);
      }
      svg {
        inline-size: 100%;
        block-size: 8px;
        display: block;
      }
      .track {
        fill: var(--rb-sunken);
      }
      .fill {
        fill: var(--rb-chart-1, #3730a3);
      }
      @media (forced-colors: active) {
        .fill {
          fill: CanvasText;
        }
        .track {
          fill: Canvas;
          stroke: CanvasText;
        }
      }
    `,
  ];
  static override properties = {
    label: { type: String },
    value: { type: String },
    ratio: { type: Number },
    empty: { type: String },
  };

  declare label: string;
  /** The formatted number to show; empty when there is nothing to measure yet. */
  declare value: string;
  /** 0..1 for shares (draws a meter); unset for durations and counts. */
  declare ratio: number | undefined;
  declare empty: string;

  constructor() {
    super();
    this.label = '';
    this.value = '';
    this.ratio = undefined;
    this.empty = '';
  }

  override render() {
    return html`
      <div class="label">${this.label}</div>
      <div class=${this.value ? 'value' : 'value none'}>${this.value || this.empty}</div>
      ${this.value && this.ratio !== undefined
        ? html`<svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
            ${svg`<rect class="track" x="0" y="0" width="100" height="8"></rect><rect class="fill" x="0" y="0" width=${scale(this.ratio, 1, 100)} height="8"></rect>`}
          </svg>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-stat')) customElements.define('rb-stat', RbStat);

declare global {
  interface HTMLElementTagNameMap {
    'rb-stat': RbStat;
  }
}
