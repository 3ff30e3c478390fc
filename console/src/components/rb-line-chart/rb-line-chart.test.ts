import { afterEach, describe, expect, it } from 'vitest';
import './rb-line-chart.ts';
import type { RbLineChart } from './rb-line-chart.ts';

async function chart(props: Partial<Pick<RbLineChart, 'labels' | 'values' | 'min' | 'max' | 'empty' | 'format' | 'noValue' | 'xTitle' | 'yTitle'>>): Promise<RbLineChart> {
  const el = document.createElement('rb-line-chart');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => document.body.replaceChildren());

describe('rb-line-chart', () => {
  it('draws a line through the days that have values, each point in the middle of its day', async () => {
    const el = await chart({ labels: ['a', 'b', 'c'], values: [5, null, 1], min: 1, max: 5 });
    expect(el.shadowRoot?.querySelector('polyline')?.getAttribute('points')).toBe('50,0 250,100');
  });

  it('ticks every whole step of the domain and prints each day’s value above its point', async () => {
    const el = await chart({ labels: ['a', 'b', 'c'], values: [4.5, null, 2], min: 1, max: 5, format: (n) => n.toFixed(1), xTitle: 'Day', yTitle: 'Average rating' });
    const texts = (sel: string) => [...(el.shadowRoot?.querySelectorAll(sel) ?? [])].map((n) => n.textContent?.trim());
    expect(texts('.y-axis span')).toEqual(['1.0', '2.0', '3.0', '4.0', '5.0']);
    expect(texts('.value')).toEqual(['4.5', '2.0']);
    expect(texts('.x-axis span')).toEqual(['a', 'b', 'c']);
    expect(texts('.x-title')).toEqual(['Day']);
  });

  it('lists every day in the table, a day without ratings said as such', async () => {
    const el = await chart({ labels: ['a', 'b'], values: [4, null], min: 1, max: 5, noValue: 'no ratings', xTitle: 'Day', yTitle: 'Average rating' });
    const rows = [...(el.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['a', '4'],
      ['b', 'no ratings'],
    ]);
    expect([...(el.shadowRoot?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent)).toEqual(['Day', 'Average rating']);
  });

  it('marks each day with a dot, so a single day still shows', async () => {
    const el = await chart({ labels: ['a'], values: [4], min: 1, max: 5 });
    expect(el.shadowRoot?.querySelectorAll('circle')).toHaveLength(1);
  });

  it('shows the empty text when no day has a value', async () => {
    const el = await chart({ labels: ['a'], values: [null], min: 1, max: 5, empty: 'No data yet.' });
    expect(el.shadowRoot?.querySelector('svg')).toBeNull();
    expect(el.shadowRoot?.textContent).toContain('No data yet.');
  });
});
