/**
 * @summary A small inline-SVG line chart on a fixed domain (average rating uses 1..5). Days
 * without data are gaps rather than dips; with no data at all it shows `empty` text.
 *
 * @cssproperty --rb-chart-1 - the line colour.
 */
import { css, html, svg } from 'lit';
import { pointList } from '../../lib/scale.ts';
import { base } from '../../styles/base.ts';
import { axis, chartStyles, RbChart } from '../chart/chart.ts';

const W = 300;
const H = 100;

export class RbLineChart extends RbChart {
  static override styles = [
    base,
    chartStyles,
    css`
      svg {
        overflow: visible;
      }
      polyline {
        fill: none;
        stroke: var(--rb-chart-1, #3730a3);
        stroke-width: 2;
        vector-effect: non-scaling-stroke;
      }
      circle {
        fill: var(--rb-chart-1, #3730a3);
      }
      line {
        stroke: var(--rb-border);
        vector-effect: non-scaling-stroke;
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
  };

  /** One value per slot; null is a day without data (a gap, not a dip). */
  declare values: Array<number | null>;
  declare min: number;
  declare max: number;

  constructor() {
    super();
    this.values = [];
    this.min = 0;
    this.max = 1;
  }

  override render() {
    const list = pointList(this.values, W, H, this.min, this.max);
    const points = list.map((p) => `${p.x},${p.y}`).join(' ');
    if (!list.length) return html`<p class="muted">${this.empty}</p>`;
    const summary = this.values
      .map((v, i) => (v === null ? null : `${this.labels[i] ?? ''}: ${this.format(v)}`))
      .filter((s): s is string => s !== null)
      .join('; ');
    return html`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}. ${summary}`} preserveAspectRatio="none">
        ${svg`<line x1="0" y1=${H} x2=${W} y2=${H}></line><polyline points=${points}></polyline>`}
        ${list.map((p) => svg`<circle cx=${p.x} cy=${p.y} r="3"></circle>`)}
      </svg>
      ${axis(this.labels)}
    `;
  }
}

if (!customElements.get('rb-line-chart')) customElements.define('rb-line-chart', RbLineChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-line-chart': RbLineChart;
  }
}
