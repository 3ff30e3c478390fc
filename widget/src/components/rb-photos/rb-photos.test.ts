import { afterEach, describe, expect, it } from 'vitest';
import type { PublicReview } from '../../../../shared/review.ts';
import { RbPhotos } from './rb-photos.ts';

const photo = (n: number) => ({
  id: `p${n}`,
  thumb: { url: `https://api.test/v1/sites/pk/photos/p${n}?size=thumb&v=0${n}`, width: 160, height: 120 },
  full: { url: `https://api.test/v1/sites/pk/photos/p${n}?size=full&v=0${n}`, width: 1600, height: 1200 },
});

const review: PublicReview = {
  id: 'r1',
  rating: 5,
  title: null,
  body: 'As pictured',
  author: { name: 'Sara' },
  verified: false,
  helpful: 0,
  lang: 'en',
  createdAt: '2026-11-01T00:00:00.000Z',
  publishedAt: '2026-11-02T00:00:00.000Z',
  reply: null,
  update: null,
  photos: [photo(1), photo(2)],
};

async function mount(lang: 'en' | 'fa') {
  const host = document.createElement('section');
  host.setAttribute('lang', lang);
  host.setAttribute('dir', lang === 'fa' ? 'rtl' : 'ltr');
  const el = new RbPhotos();
  el.r = review;
  host.append(el);
  document.body.append(host);
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return { el, root };
}

afterEach(() => document.body.replaceChildren());

describe('rb-photos', () => {
  describe('properties', () => {
    it('renders one lazy, sized thumbnail per photo with alt text from the review', async () => {
      const { root } = await mount('en');
      const imgs = [...root.querySelectorAll('[part="thumb"] img')];
      expect(imgs.map((i) => [i.getAttribute('loading'), i.getAttribute('width'), i.getAttribute('height')])).toEqual([
        ['lazy', '160', '120'],
        ['lazy', '160', '120'],
      ]);
      expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(['Photo 1 of 2 from Sara’s review', 'Photo 2 of 2 from Sara’s review']);
    });

    it('names photos in Persian with Persian digits', async () => {
      const { root } = await mount('fa');
      expect(root.querySelector('[part="thumb"] img')?.getAttribute('alt')).toBe('عکس ۱ از ۲ در نظر Sara');
    });

    it('renders nothing for a review without photos', async () => {
      const { el, root } = await mount('en');
      el.r = { ...review, photos: [] };
      await el.updateComplete;
      expect(root.querySelector('ul')).toBeNull();
    });
  });

  describe('keyboard', () => {
    it('opens at the clicked photo and moves with the arrow keys, mirrored right to left', async () => {
      for (const [lang, forward] of [
        ['en', 'ArrowRight'],
        ['fa', 'ArrowLeft'],
      ] as const) {
        const { el, root } = await mount(lang);
        root.querySelector<HTMLButtonElement>('[part="thumb"]')?.click();
        await el.updateComplete;
        const big = () => root.querySelector('[part="photo"]')?.getAttribute('src');
        expect(big()).toBe(photo(1).full.url);
        root.querySelector('dialog')?.dispatchEvent(new KeyboardEvent('keydown', { key: forward, bubbles: true }));
        await el.updateComplete;
        expect(big()).toBe(photo(2).full.url);
        document.body.replaceChildren();
      }
    });
  });
});
