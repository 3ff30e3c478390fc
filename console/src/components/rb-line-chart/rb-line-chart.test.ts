import { afterEach, describe, expect, it } from 'vitest';
import './rb-line-chart.ts';
import type { RbLineChart } from './rb-line-chart.ts';

async function chart(props: Partial<Pick<RbLineChart, 'labels' | 'values' | 'min' | 'max' | 'empty'>>): Promise<RbLineChart> {
  const el = document.createElement('rb-line-chart');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => document.body.replaceChildren());

describe('rb-line-chart', () => {
  it('draws a line through the days that have values', async () => {
    const el = await chart({ labels: ['a', 'b', 'c'], values: [5, null, 1], min: 1, max: 5 });
    expect(el.shadowRoot?.querySelector('polyline')?.getAttribute('points')).toBe('0,0 300,100');
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
