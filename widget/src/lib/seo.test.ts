import { describe, expect, it } from 'vitest';
import type { PublicReview } from '../../../shared/review.ts';
import { jsonLdText, productJsonLd } from './seo.ts';

const product = {
  name: 'Nimbus Kettle',
  url: 'https://shop.example/kettle',
  imageUrl: 'https://cdn.example/kettle.jpg',
  gtin: '4006381333931',
  mpn: 'K-100',
  sku: 'NK-1',
  brand: 'Nimbus',
};
const summary = { count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] as [number, number, number, number, number] };
const review: PublicReview = {
  id: 'r1',
  rating: 5,
  title: 'Great',
  body: 'Nice </script><script>alert(1)</script>',
  author: { name: 'Sara' },
  verified: true,
  helpful: 1,
  lang: 'en',
  createdAt: '2026-01-02T10:00:00.000Z',
  publishedAt: '2026-01-03T10:00:00.000Z',
  reply: null,
  update: null,
};

describe('productJsonLd', () => {
  it('describes the product with its aggregate rating and reviews', () => {
    const data = productJsonLd('sku-1', 'Kettle', summary, [review]);
    expect(data).toMatchObject({
      '@type': 'Product',
      name: 'Kettle',
      sku: 'sku-1',
      aggregateRating: { ratingValue: 4.5, reviewCount: 2 },
      review: [{ '@type': 'Review', name: 'Great', datePublished: '2026-01-03', author: { name: 'Sara' }, reviewRating: { ratingValue: 5 } }],
    });
  });
  it('produces nothing for the whole site or without ratings', () => {
    expect(productJsonLd('', 'Shop', summary, [review])).toBeNull();
    expect(productJsonLd('', null, summary, [review], product)).toBeNull();
    expect(productJsonLd('sku-1', 'Kettle', { count: 0, average: null, distribution: [0, 0, 0, 0, 0] }, [])).toBeNull();
  });

  it('takes name, image and identifiers from the catalogue, before the seo name', () => {
    expect(productJsonLd('sku-1', 'Page title', summary, [review], product)).toMatchObject({
      '@type': 'Product',
      name: 'Nimbus Kettle',
      url: 'https://shop.example/kettle',
      image: 'https://cdn.example/kettle.jpg',
      sku: 'NK-1',
      gtin: '4006381333931',
      mpn: 'K-100',
      brand: { '@type': 'Brand', name: 'Nimbus' },
    });
  });

  it('treats a subject as a product only when the catalogue has it or the merchant names it', () => {
    expect(productJsonLd('page-about', '', summary, [review])).toBeNull();
    expect(productJsonLd('page-about', null, summary, [review])).toBeNull();
    expect(productJsonLd('sku-1', '', summary, [review], product)).toMatchObject({ name: 'Nimbus Kettle' });
  });

  it('never describes the business itself', () => {
    for (const data of [productJsonLd('sku-1', 'Kettle', summary, [review]), productJsonLd('sku-1', null, summary, [review], product)]) {
      expect(JSON.stringify(data)).not.toMatch(/Organization|LocalBusiness/);
    }
  });
});

describe('productJsonLd photos', () => {
  it('gives a review with photos an `image` list of their full-size URLs', () => {
    const photo = (n: number) => ({
      id: `p${n}`,
      thumb: { url: `https://api.test/v1/sites/pk/photos/p${n}?size=thumb`, width: 40, height: 30 },
      full: { url: `https://api.test/v1/sites/pk/photos/p${n}?size=full`, width: 400, height: 300 },
    });
    const data = productJsonLd('sku-1', 'Kettle', summary, [{ ...review, photos: [photo(1), photo(2)] }, review]) as { review: { image?: string[] }[] };
    expect(data.review[0]?.image).toEqual([photo(1).full.url, photo(2).full.url]);
    expect(data.review[1]).not.toHaveProperty('image');
  });
});

describe('jsonLdText', () => {
  it('escapes < so shopper text cannot end the script element', () => {
    const text = jsonLdText(productJsonLd('sku-1', 'Kettle', summary, [review]) ?? {});
    expect(text).not.toContain('<');
    expect(JSON.parse(text).review[0].reviewBody).toBe(review.body);
  });
});
