import { afterEach, describe, expect, it } from 'vitest';
import './rb-stat.ts';
import type { RbStat } from './rb-stat.ts';

async function stat(props: Partial<Pick<RbStat, 'label' | 'value' | 'ratio' | 'empty'>>): Promise<RbStat> {
  const el = document.createElement('rb-stat');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => document.body.replaceChildren());

describe('rb-stat', () => {
  it('shows a share with a meter as wide as the share', async () => {
    const el = await stat({ label: 'SLA kept', value: '75%', ratio: 0.75 });
    expect(el.shadowRoot?.querySelector('.value')?.textContent).toBe('75%');
    expect(el.shadowRoot?.querySelector('.fill')?.getAttribute('width')).toBe('75');
  });

  it('says "no data" rather than 0% when nothing was measured', async () => {
    const el = await stat({ label: 'Recovery rate', value: '', ratio: undefined, empty: 'No data yet.' });
    expect(el.shadowRoot?.querySelector('.value')?.textContent).toBe('No data yet.');
    expect(el.shadowRoot?.querySelector('svg')).toBeNull();
  });
});
