/**
 * @summary A small inline-SVG line chart on a fixed domain (average rating uses 1..5). Days
 * without data are gaps rather than dips; with no data at all it shows `empty` text. A value
 * axis with a tick per whole step of the domain, each point in the middle of its slot under its
 * label, the values above the points (up to twelve slots), axis titles, and every number in a
 * "Show as table" disclosure.
 *
 * @cssproperty --rb-chart-1 - the line colour.
 */
import { css, html, nothing, svg } from 'lit';
import { axisTicks, labelledSlots, pointList } from '../../lib/scale.ts';
import { base } from '../../styles/base.ts';
import { chartStyles, dataTable, frame, gridLines, RbChart, valueLabel } from '../chart/chart.ts';

const W = 300;
const H = 100;

export class RbLineChart extends RbChart {
  static override styles = [
    base,
    chartStyles,
    css`
      polyline {
        fill: none;
        stroke: var(--rb-chart-1, #3730a3);
        stroke-width: 2;
        vector-effect: non-scaling-stroke;
      }
      circle {
        fill: var(--rb-chart-1, #3730a3);
      }
      @media (forced-colors: active) {
        polyline {
          stroke: CanvasText;
        }
        circle {
          fill: CanvasText;
        }
      }
    `,
  ];
  static override properties = {
    values: { attribute: false },
    min: { type: Number },
    max: { type: Number },
    noValue: { type: String },
  };

  /** One value per slot; null is a day without data (a gap, not a dip). */
  declare values: Array<number | null>;
  declare min: number;
  declare max: number;
  /** The table's cell for a slot without a value (e.g. "no ratings"). */
  declare noValue: string;

  constructor() {
    super();
    this.values = [];
    this.min = 0;
    this.max = 1;
    this.noValue = '–';
  }

  /** A tick per whole step of a small domain (1..5 → 1, 2, 3, 4, 5), else round steps from `min`. */
  private ticks() {
    const span = this.max - this.min;
    const steps = span > 0 && span <= 10 && Number.isInteger(span) ? Array.from({ length: span + 1 }, (_, i) => i) : axisTicks(span, false);
    return steps.map((d) => ({ value: this.min + d, at: span > 0 ? d / span : 0 })).filter((t) => t.at <= 1);
  }

  override render() {
    const list = pointList(this.values, W, H, this.min, this.max, true);
    const points = list.map((p) => `${p.x},${p.y}`).join(' ');
    if (!list.length) return html`<p class="muted">${this.empty}</p>`;
    const summary = this.values
      .map((v, i) => (v === null ? null : `${this.labels[i] ?? ''}: ${this.format(v)}`))
      .filter((s): s is string => s !== null)
      .join('; ');
    const ticks = this.ticks();
    const n = this.values.length;
    const span = this.max - this.min;
    const shown = labelledSlots(n).length === n;
    const values = shown
      ? this.values.map((v, i) => (v === null ? nothing : valueLabel(this.format(v), (i + 0.5) / n, Math.min(1, Math.max(0, (v - this.min) / span)))))
      : nothing;
    return html`
      ${frame(
        this,
        ticks,
        html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}. ${summary}`} preserveAspectRatio="none">
          ${gridLines(ticks, W, H)}
          ${svg`<polyline points=${points}></polyline>`}
          ${list.map((p) => svg`<circle cx=${p.x} cy=${p.y} r="3"></circle>`)}
        </svg>`,
        values,
      )}
      ${dataTable(
        this,
        [this.yTitle || this.label],
        this.values.map((v) => [v === null ? this.noValue : this.format(v)]),
      )}
    `;
  }
}

if (!customElements.get('rb-line-chart')) customElements.define('rb-line-chart', RbLineChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-line-chart': RbLineChart;
  }
}
