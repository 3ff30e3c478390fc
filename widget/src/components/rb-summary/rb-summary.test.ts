import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { fa } from '../../i18n/fa.ts';
import { summary } from './rb-summary.ts';

function mount(template: unknown) {
  const el = document.createElement('div');
  render(template, el);
  return el;
}

const data = { count: 43, average: 4.62, distribution: [1, 2, 3, 7, 30] as [number, number, number, number, number] };

describe('rb-summary', () => {
  describe('properties', () => {
    it('shows the average to one decimal and the count', () => {
      const el = mount(summary(data, en, 'en', null, () => {}));
      expect(el.querySelector('[part=average]')?.textContent).toBe('4.6');
      expect(el.textContent).toContain('43 reviews');
    });
    it('writes Persian digits in fa', () => {
      const el = mount(summary(data, fa, 'fa', null, () => {}));
      expect(el.querySelector('[part=average]')?.textContent).toBe('۴٫۶');
      expect(el.textContent).toContain('۴۳');
    });
    it('never shows NaN, even without ratings (rb-feedback shows its empty state instead of a summary then)', () => {
      const el = mount(summary({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] }, en, 'en', null, () => {}));
      expect(el.textContent).not.toContain('NaN');
    });
    it('puts what it is given as the call to action after the score, before the bars', () => {
      const el = mount(summary(data, en, 'en', null, () => {}, 'CTA'));
      expect(el.querySelector('.score .cta')?.textContent).toBe('CTA');
      expect(el.textContent?.indexOf('CTA')).toBeLessThan(el.textContent?.indexOf('5 stars') ?? 0);
    });
  });

  describe('accessibility', () => {
    it('names each bar by its visible stars and count and marks the active filter as pressed', () => {
      const el = mount(summary(data, en, 'en', 5, () => {}));
      const bars = [...el.querySelectorAll('[part=bar]')];
      const names = bars.map((b) => [...b.querySelectorAll(':scope > span:not([aria-hidden])')].map((s) => s.textContent).join(' '));
      expect(names).toEqual(['5 stars 30', '4 stars 7', '3 stars 3', '2 stars 2', '1 star 1']);
      expect(bars.every((b) => !b.hasAttribute('aria-label'))).toBe(true);
      expect(bars.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false', 'false', 'false']);
      expect(el.querySelector('[role=img]')?.getAttribute('aria-label')).toBe('4.6 out of 5');
    });
  });

  describe('events', () => {
    it('filters by a bar on click and clears the filter when the active bar is clicked again', () => {
      const picked: (number | null)[] = [];
      const el = mount(summary(data, en, 'en', 4, (stars) => picked.push(stars)));
      const bars = el.querySelectorAll<HTMLButtonElement>('[part=bar]');
      bars[0]?.click();
      bars[1]?.click();
      expect(picked).toEqual([5, null]);
    });
  });
});
