import { afterEach, describe, expect, it } from 'vitest';
import './rb-bar-chart.ts';
import type { RbBarChart } from './rb-bar-chart.ts';

async function chart(props: Partial<Pick<RbBarChart, 'labels' | 'series' | 'label' | 'empty'>>): Promise<RbBarChart> {
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
});
