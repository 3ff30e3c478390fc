import { afterEach, describe, expect, it } from 'vitest';
import './rb-bar-chart.ts';
import type { RbBarChart } from './rb-bar-chart.ts';
import { formatNumber } from '../../../../shared/format.ts';

async function chart(
  props: Partial<Pick<RbBarChart, 'labels' | 'series' | 'label' | 'empty' | 'format' | 'xTitle' | 'yTitle' | 'tableLabel' | 'totalLabel'>>,
): Promise<RbBarChart> {
  const el = document.createElement('rb-bar-chart');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => document.body.replaceChildren());

describe('rb-bar-chart', () => {
  it('draws one bar per value, the largest reaching the top', async () => {
    const el = await chart({ label: 'Ratings', labels: ['1', '2', '3'], series: [{ name: 'r', values: [1, 0, 5] }] });
    const rects = [...(el.shadowRoot?.querySelectorAll('rect') ?? [])];
    expect(rects).toHaveLength(3);
    expect(rects.map((r) => Number(r.getAttribute('height')))).toEqual([24, 0, 120]);
  });

  it('stacks several series in the same slots and shows a legend', async () => {
    const el = await chart({
      labels: ['d1', 'd2'],
      series: [
        { name: 'Review', values: [1, 2] },
        { name: 'Complaint', values: [1, 0] },
      ],
    });
    expect(el.shadowRoot?.querySelectorAll('rect')).toHaveLength(4);
    expect(el.shadowRoot?.querySelector('.legend')?.textContent).toContain('Complaint');
  });

  it('puts the numbers in the accessible name', async () => {
    const el = await chart({ label: 'Ratings', labels: ['1 star', '2 stars'], series: [{ name: 'r', values: [3, 4] }] });
    const name = el.shadowRoot?.querySelector('svg')?.getAttribute('aria-label') ?? '';
    expect(name).toContain('Ratings');
    expect(name).toContain('1 star: 3');
    expect(name).toContain('2 stars: 4');
  });

  it('shows the empty text, not a flat chart, when there is nothing to count', async () => {
    const el = await chart({ labels: ['1', '2'], series: [{ name: 'r', values: [0, 0] }], empty: 'No data yet.' });
    expect(el.shadowRoot?.querySelector('svg')).toBeNull();
    expect(el.shadowRoot?.textContent).toContain('No data yet.');
  });

  describe('axes and values', () => {
    const texts = (el: RbBarChart, selector: string) => [...(el.shadowRoot?.querySelectorAll(selector) ?? [])].map((n) => n.textContent?.trim() ?? '');

    it('labels the value axis with round ticks from 0 to the top the bars reach, with a grid line each', async () => {
      const el = await chart({ labels: ['1', '2', '3'], series: [{ name: 'r', values: [1, 0, 7] }] });
      expect(texts(el, '.y-axis span')).toEqual(['0', '2', '4', '6', '8', '10']);
      expect(el.shadowRoot?.querySelectorAll('line.grid-line')).toHaveLength(6);
    });

    it('prints each bar’s value above it and each slot’s label under it, with the axis titles', async () => {
      const el = await chart({ labels: ['1 star', '2 stars', '3 stars'], series: [{ name: 'r', values: [4, 0, 5] }], xTitle: 'Stars', yTitle: 'Reviews' });
      expect(texts(el, '.value')).toEqual(['4', '0', '5']);
      expect(texts(el, '.x-axis span')).toEqual(['1 star', '2 stars', '3 stars']);
      expect(texts(el, '.x-title')).toEqual(['Stars']);
      expect(texts(el, '.y-title')).toEqual(['Reviews']);
    });

    it('writes every number in the page’s digits (Persian in fa)', async () => {
      const el = await chart({ labels: ['۱', '۲'], series: [{ name: 'r', values: [3, 12] }], format: (n) => formatNumber(n, 'fa') });
      expect(texts(el, '.value')).toEqual(['۳', '۱۲']);
      expect(texts(el, '.y-axis span')).toEqual(['۰', '۵', '۱۰', '۱۵', '۲۰']);
      expect(texts(el, 'td')).toEqual(['۳', '۱۲']);
    });

    it('labels only some of many days, first and last included, and leaves their values to the table', async () => {
      const labels = Array.from({ length: 30 }, (_, i) => `d${i + 1}`);
      const el = await chart({ labels, series: [{ name: 'n', values: labels.map((_, i) => i % 3) }] });
      const shown = texts(el, '.x-axis span').filter(Boolean);
      expect(shown.length).toBeLessThanOrEqual(6);
      expect(shown[0]).toBe('d1');
      expect(shown[shown.length - 1]).toBe('d30');
      expect(texts(el, '.value')).toEqual([]);
      expect(el.shadowRoot?.querySelectorAll('tbody tr')).toHaveLength(30);
    });
  });

  describe('table', () => {
    it('offers every number as a table behind "Show as table", a row per slot', async () => {
      const el = await chart({ label: 'Ratings', labels: ['1 star', '2 stars'], series: [{ name: 'r', values: [3, 4] }], xTitle: 'Stars', yTitle: 'Reviews' });
      const details = el.shadowRoot?.querySelector('details');
      expect(details?.querySelector('summary')?.textContent?.trim()).toBe('Show as table');
      expect(details?.querySelector('caption')?.textContent).toBe('Ratings');
      const headers = [...(details?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent);
      expect(headers).toEqual(['Stars', 'Reviews']);
      const rows = [...(details?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => `${c.tagName}:${c.textContent}`));
      expect(rows).toEqual([
        ['TH:1 star', 'TD:3'],
        ['TH:2 stars', 'TD:4'],
      ]);
      expect(details?.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
    });

    it('gives stacked series a column each and their total', async () => {
      const el = await chart({
        labels: ['d1', 'd2'],
        series: [
          { name: 'Review', values: [1, 2] },
          { name: 'Complaint', values: [3, 0] },
        ],
        xTitle: 'Day',
        totalLabel: 'Total',
        tableLabel: 'نمایش به صورت جدول',
      });
      expect(el.shadowRoot?.querySelector('summary')?.textContent?.trim()).toBe('نمایش به صورت جدول');
      expect([...(el.shadowRoot?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent)).toEqual(['Day', 'Review', 'Complaint', 'Total']);
      expect([...(el.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
        ['d1', '1', '3', '4'],
        ['d2', '2', '0', '2'],
      ]);
      // The values above the stacks are their totals.
      expect([...(el.shadowRoot?.querySelectorAll('.value') ?? [])].map((v) => v.textContent)).toEqual(['4', '2']);
    });
  });
});
