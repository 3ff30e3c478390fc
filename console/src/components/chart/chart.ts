/**
 * What the dashboard's charts (rb-bar-chart, rb-line-chart) share: their common properties, the
 * plot's frame (value axis with ticks and grid lines, slot axis, axis titles), value labels, the
 * mirroring in right-to-left pages, and the "Show as table" disclosure that gives every number
 * to screen readers and to anyone who wants to read them exactly.
 *
 * Text is HTML around the SVG, never SVG text: the SVG stretches to the box's width and is
 * mirrored in right-to-left pages, which would distort or reverse letters. Positions are
 * percentages with logical properties, so the labels follow the mirrored drawing by themselves.
 */
import { LitElement, css, html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { labelledSlots } from '../../lib/scale.ts';

/** The properties every chart has; each chart adds its data (Lit inherits declared properties). */
export class RbChart extends LitElement {
  static override properties: PropertyDeclarations = {
    label: { type: String },
    labels: { attribute: false },
    format: { attribute: false },
    empty: { type: String },
    xTitle: { type: String },
    yTitle: { type: String },
    tableLabel: { type: String },
  };

  /** The chart's name; the accessible name adds every slot's numbers to it. */
  declare label: string;
  /** One label per slot (bar or point), e.g. "1 star" or a day. */
  declare labels: string[];
  /** How a value reads (the dashboard passes `formatNumber` in the page's language: Persian digits in fa). */
  declare format: (n: number) => string;
  /** Shown instead of axes when there is no data. */
  declare empty: string;
  /** The slot axis's title (e.g. "Day") and the value axis's (e.g. "Submissions"); also the table's headers. */
  declare xTitle: string;
  declare yTitle: string;
  /** The disclosure's text, e.g. "Show as table". */
  declare tableLabel: string;

  constructor() {
    super();
    this.label = '';
    this.labels = [];
    this.format = (n) => String(n);
    this.empty = '';
    this.xTitle = '';
    this.yTitle = '';
    this.tableLabel = 'Show as table';
  }
}

export const chartStyles = css`
  .frame {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.4rem;
    font-size: 0.75rem;
    color: var(--rb-muted);
  }
  .y-title,
  .x-title {
    font-size: 0.75rem;
    color: var(--rb-muted);
    margin: 0;
  }
  .x-title {
    text-align: center;
    margin-block-start: 0.15rem;
  }
  /* The same top margin as the plot, so the value axis is exactly as tall as the drawing. */
  .y-axis {
    position: relative;
    min-inline-size: 2ch;
    margin-block-start: 1.1rem;
  }
  .y-axis span {
    position: absolute;
    inset-inline-end: 0;
    transform: translateY(50%);
    white-space: nowrap;
    line-height: 1;
  }
  .plot {
    position: relative;
    margin-block-start: 1.1rem;
  }
  /* Time and star order read in the page's direction, like the labels, which follow by themselves. */
  :host(:dir(rtl)) svg {
    transform: scaleX(-1);
  }
  svg {
    inline-size: 100%;
    block-size: auto;
    display: block;
    overflow: visible;
  }
  .grid-line {
    stroke: var(--rb-border);
    vector-effect: non-scaling-stroke;
  }
  .value {
    position: absolute;
    white-space: nowrap;
    line-height: 1.2;
    transform: translateX(-50%);
  }
  :host(:dir(rtl)) .value {
    transform: translateX(50%);
  }
  .value {
    color: var(--rb-text);
    font-weight: 600;
    margin-block-end: 0.15rem;
  }
  .x-axis {
    display: grid;
    margin-block-start: 0.2rem;
    line-height: 1.2;
  }
  .x-axis span {
    display: flex;
    justify-content: center;
    text-align: center;
  }
  /* A thinned axis labels one slot in several: its label may spill over its neighbours' empty columns, centred. */
  .x-axis.thinned span {
    white-space: nowrap;
  }
  details {
    margin-block-start: 0.4rem;
    font-size: 0.85rem;
  }
  summary {
    cursor: pointer;
    inline-size: fit-content;
  }
  table {
    border-collapse: collapse;
    margin-block-start: 0.3rem;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    border-block-end: 1px solid var(--rb-border);
    padding: 0.15rem 0.5rem;
    text-align: start;
  }
  td {
    text-align: end;
  }
  @media (forced-colors: active) {
    .grid-line {
      stroke: GrayText;
    }
  }
`;

/** Where a tick sits, as a share of the plot's height from the bottom (0..1). */
export interface Tick {
  value: number;
  at: number;
}

/** Horizontal grid lines for the ticks, in the SVG's own units (`width` × `height`). */
export function gridLines(ticks: readonly Tick[], width: number, height: number) {
  return ticks.map((t) => svg`<line class="grid-line" x1="0" x2=${width} y1=${height - t.at * height} y2=${height - t.at * height}></line>`);
}

/** The value axis: each tick's value beside its grid line. Hidden from screen readers (the table has the numbers). */
export function valueAxis(ticks: readonly Tick[], format: (n: number) => string) {
  return html`<div class="y-axis" aria-hidden="true">
    ${ticks.map((t) => html`<span ${place({ 'inset-block-end': pct(t.at) })}>${format(t.value)}</span>`)}
  </div>`;
}

/**
 * The slot axis: one equal column per slot, under the slots' centres, in the page's direction.
 * With many slots only some are labelled (`labelledSlots`), so nothing overlaps.
 */
export function slotAxis(labels: readonly string[]) {
  const shown = new Set(labelledSlots(labels.length));
  const thinned = shown.size < labels.length;
  return html`<div class=${thinned ? 'x-axis thinned' : 'x-axis'} aria-hidden="true" ${place({ 'grid-template-columns': `repeat(${labels.length}, minmax(0, 1fr))` })}>
    ${labels.map((l, i) => html`<span>${shown.has(i) ? l : ''}</span>`)}
  </div>`;
}

/** A value printed above its bar or point (`x`, `y`: shares of the plot from the inline start and the bottom). */
export function valueLabel(text: string, x: number, y: number) {
  return html`<span class="value" aria-hidden="true" ${place({ 'inset-inline-start': pct(x), 'inset-block-end': pct(y) })}>${text}</span>`;
}

/** The frame around a plot: y title, value axis, the plot with its value labels, slot axis, x title. */
export function frame(c: RbChart, ticks: readonly Tick[], plot: TemplateResult, values: unknown) {
  return html`${c.yTitle ? html`<p class="y-title" aria-hidden="true">${c.yTitle}</p>` : nothing}
    <div class="frame">
      ${valueAxis(ticks, c.format)}
      <div class="plot">${plot}${values}</div>
      <span></span>
      ${slotAxis(c.labels)}
    </div>
    ${c.xTitle ? html`<p class="x-title" aria-hidden="true">${c.xTitle}</p>` : nothing}`;
}

/** The numbers as a table, behind a disclosure: `columns` head the value columns, `rows` hold one cell per column. */
export function dataTable(c: RbChart, columns: readonly string[], rows: ReadonlyArray<readonly string[]>) {
  return html`<details>
    <summary>${c.tableLabel}</summary>
    <table>
      <caption>${c.label}</caption>
      <thead>
        <tr>
          <th scope="col">${c.xTitle}</th>
          ${columns.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${c.labels.map(
          (l, i) => html`<tr>
            <th scope="row">${l}</th>
            ${(rows[i] ?? []).map((v) => html`<td>${v}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/**
 * Sets an element's position through the CSSOM (`style.setProperty`). Not a style attribute, nor
 * lit's `styleMap`, which writes one on first render: the console's CSP (`style-src 'self'`)
 * refuses inline style attributes, and only the CSSOM is allowed.
 */
function place(props: Record<string, string>) {
  return ref((el) => {
    if (el instanceof HTMLElement) for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v);
  });
}

function pct(share: number): string {
  return `${Math.round(share * 10000) / 100}%`;
}
