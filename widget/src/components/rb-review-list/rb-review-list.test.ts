import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import type { PublicReview } from '../../../../shared/review.ts';
import { en } from '../../i18n/en.ts';
import { fa } from '../../i18n/fa.ts';
import { reviewList, type ListView } from './rb-review-list.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const item: PublicReview = {
  id: 'r1',
  rating: 4,
  title: '<img src=x onerror=alert(1)>',
  body: 'کتری خوبی است but the lid is loose',
  author: { name: 'Sara <b>S</b>' },
  verified: true,
  helpful: 3,
  lang: 'en',
  createdAt: '2026-03-08T12:00:00.000Z',
  publishedAt: '2026-03-08T12:00:00.000Z',
  reply: { body: 'Thanks, a new lid is on its way.', createdAt: '2026-03-09T12:00:00.000Z', updatedAt: '2026-03-09T12:00:00.000Z' },
  update: null,
};

function mount(view: Partial<ListView>) {
  const el = document.createElement('div');
  render(reviewList({ items: [item], s: en, lang: 'en', siteName: 'Demo Shop', voted: new Set(), now: NOW, onHelpful: () => {}, ...view }), el);
  return el;
}

describe('rb-review-list', () => {
  describe('properties', () => {
    it('renders shopper text as text inside bdi, never as markup', () => {
      const el = mount({});
      expect(el.querySelector('img')).toBeNull();
      expect(el.querySelector('b')).toBeNull();
      const bdis = [...el.querySelectorAll('bdi')].map((b) => b.textContent);
      expect(bdis).toEqual([item.title, item.body, item.author.name, item.reply?.body]);
    });
    it('shows a relative date with the absolute date in its title', () => {
      const time = mount({}).querySelector('time');
      expect(time?.textContent).toBe('2 days ago');
      expect(time?.getAttribute('title')).toBe('March 8, 2026');
      expect(time?.getAttribute('datetime')).toBe(item.publishedAt);
    });
    it('shows the verified badge, the helpful count and the merchant reply', () => {
      const el = mount({});
      expect(el.querySelector('[part=badge]')?.textContent).toBe('Verified buyer');
      expect(el.querySelector('[part=helpful]')?.textContent?.trim()).toBe('Helpful (3)');
      expect(el.querySelector('[part=reply]')?.textContent).toContain('Reply from Demo Shop');
    });
    it('uses Persian digits and the Persian calendar in fa', () => {
      const el = mount({ s: fa, lang: 'fa' });
      expect(el.querySelector('time')?.textContent).toBe('پریروز'); // "the day before yesterday"
      expect(el.querySelector('time')?.getAttribute('title')).toContain('۱۴۰۴');
      expect(el.querySelector('[part=helpful]')?.textContent).toContain('۳');
    });
  });

  describe('events', () => {
    it('reports a helpful vote and shows the button pressed once voted, still pressable', () => {
      const votes: string[] = [];
      mount({ onHelpful: (id) => votes.push(id) }).querySelector<HTMLButtonElement>('[part=helpful]')?.click();
      expect(votes).toEqual(['r1']);
      const voted = mount({ voted: new Set(['r1']) }).querySelector<HTMLButtonElement>('[part=helpful]');
      expect(voted?.getAttribute('aria-pressed')).toBe('true');
      expect(voted?.disabled).toBe(false);
      expect(mount({}).querySelector('[part=helpful]')?.getAttribute('aria-pressed')).toBe('false');
    });
  });
});
