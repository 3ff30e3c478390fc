/**
 * @summary A small inline-SVG bar chart; stacked when given several series (one colour each).
 *
 * The numbers are also in the accessible name and in a visually hidden table, so the chart says
 * the same to a screen reader as it shows. With no data it shows `empty` text instead of axes.
 *
 * @cssproperty --rb-chart-1 - colour of the first series (and `--rb-chart-2`, `--rb-chart-3`).
 */
import { css, html, nothing, svg } from 'lit';
import { stackedBars } from '../../lib/scale.ts';
import { base } from '../../styles/base.ts';
import { axis, chartStyles, RbChart } from '../chart/chart.ts';

export interface BarSeries {
  name: string;
  values: number[];
}

const W = 300;
const H = 120;

export class RbBarChart extends RbChart {
  static override styles = [
    base,
    chartStyles,
    css`
      :host {
        --rb-chart-1: #3730a3;
        --rb-chart-2: #b45309;
        --rb-chart-3: #047857;
      }
      .s0 {
        fill: var(--rb-chart-1);
      }
      .s1 {
        fill: var(--rb-chart-2);
      }
      .s2 {
        fill: var(--rb-chart-3);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        font-size: 0.8rem;
        list-style: none;
        padding: 0;
        margin: 0.25rem 0 0;
      }
      .swatch {
        display: inline-block;
        inline-size: 0.75em;
        block-size: 0.75em;
        margin-inline-end: 0.3em;
      }
      .swatch.s0 {
        background: var(--rb-chart-1);
      }
      .swatch.s1 {
        background: var(--rb-chart-2);
      }
      .swatch.s2 {
        background: var(--rb-chart-3);
      }
      @media (forced-colors: active) {
        rect {
          fill: CanvasText;
        }
        .s1 {
          fill: GrayText;
        }
      }
    `,
  ];
  static override properties = {
    series: { attribute: false },
  };

  declare series: BarSeries[];

  constructor() {
    super();
    this.series = [];
  }

  override render() {
    const total = this.series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
    if (!this.labels.length || total === 0) return html`<p class="muted">${this.empty}</p>`;
    const stacks = stackedBars(
      this.series.map((s) => s.values),
      W,
      H,
    );
    const summary = this.labels
      .map((l, i) => `${l}: ${this.series.map((s) => `${this.series.length > 1 ? `${s.name} ` : ''}${this.format(s.values[i] ?? 0)}`).join(', ')}`)
      .join('; ');
    return html`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}. ${summary}`} preserveAspectRatio="none">
        ${stacks.map((bars, si) => bars.map((b) => svg`<rect class=${`s${si}`} x=${b.x} y=${b.y} width=${b.width} height=${b.height}></rect>`))}
      </svg>
      ${axis(this.labels)}
      ${this.series.length > 1
        ? html`<ul class="legend" aria-hidden="true">
            ${this.series.map((s, i) => html`<li><span class=${`swatch s${i}`}></span>${s.name}</li>`)}
          </ul>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-bar-chart')) customElements.define('rb-bar-chart', RbBarChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-bar-chart': RbBarChart;
  }
}
