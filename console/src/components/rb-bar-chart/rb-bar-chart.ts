/**
 * @summary A small inline-SVG bar chart; stacked when given several series (one colour each).
 *
 * A value axis with round ticks and grid lines, each slot labelled under its bar (some of them
 * when there are many), each stack's total printed above it (up to twelve slots), axis titles,
 * and every number in a "Show as table" disclosure and in the accessible name, so the chart says
 * the same to a screen reader as it shows. With no data it shows `empty` text instead of axes.
 *
 * @cssproperty --rb-chart-1 - colour of the first series (and `--rb-chart-2`, `--rb-chart-3`).
 */
import { css, html, nothing, svg } from 'lit';
import { axisTicks, labelledSlots, niceMax, slotTotals, stackedBars } from '../../lib/scale.ts';
import { base } from '../../styles/base.ts';
import { chartStyles, dataTable, frame, gridLines, RbChart, valueLabel } from '../chart/chart.ts';

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
    totalLabel: { type: String },
  };

  declare series: BarSeries[];
  /** The table's column of each slot's sum, when there are several series. */
  declare totalLabel: string;

  constructor() {
    super();
    this.series = [];
    this.totalLabel = 'Total';
  }

  override render() {
    const totals = slotTotals(this.series.map((s) => s.values));
    const total = totals.reduce((a, b) => a + b, 0);
    if (!this.labels.length || total === 0) return html`<p class="muted">${this.empty}</p>`;
    const highest = Math.max(0, ...totals);
    const top = niceMax(highest);
    const ticks = axisTicks(highest).map((value) => ({ value, at: value / top }));
    const n = this.labels.length;
    // Totals above the bars while each has room; beyond that the axis and the table say them.
    const values = labelledSlots(n).length === n ? totals.map((t, i) => valueLabel(this.format(t), (i + 0.5) / n, t / top)) : nothing;
    const multi = this.series.length > 1;
    const columns = multi ? [...this.series.map((s) => s.name), this.totalLabel] : [this.yTitle || (this.series[0]?.name ?? '')];
    const rows = this.labels.map((_, i) =>
      multi ? [...this.series.map((s) => this.format(s.values[i] ?? 0)), this.format(totals[i] ?? 0)] : [this.format(this.series[0]?.values[i] ?? 0)],
    );
    const stacks = stackedBars(
      this.series.map((s) => s.values),
      W,
      H,
    );
    const summary = this.labels
      .map((l, i) => `${l}: ${this.series.map((s) => `${this.series.length > 1 ? `${s.name} ` : ''}${this.format(s.values[i] ?? 0)}`).join(', ')}`)
      .join('; ');
    return html`
      ${frame(
        this,
        ticks,
        html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}. ${summary}`} preserveAspectRatio="none">
          ${gridLines(ticks, W, H)}
          ${stacks.map((bars, si) => bars.map((b) => svg`<rect class=${`s${si}`} x=${b.x} y=${b.y} width=${b.width} height=${b.height}></rect>`))}
        </svg>`,
        values,
      )}
      ${multi
        ? html`<ul class="legend" aria-hidden="true">
            ${this.series.map((s, i) => html`<li><span class=${`swatch s${i}`}></span>${s.name}</li>`)}
          </ul>`
        : nothing}
      ${dataTable(this, columns, rows)}
    `;
  }
}

if (!customElements.get('rb-bar-chart')) customElements.define('rb-bar-chart', RbBarChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-bar-chart': RbBarChart;
  }
}
