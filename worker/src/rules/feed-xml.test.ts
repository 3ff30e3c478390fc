import { describe, expect, it } from 'vitest';
import { collectionMethod, escapeXml, FEED_ORDER, maskContacts, reviewerImagesXml, reviewXml, type FeedReview } from './feed-xml.ts';

describe('maskContacts', () => {
  it.each([
    ['mail me at sara.t@example.com please', 'mail me at […] please'],
    ['see https://evil.example/x?y=1 now', 'see […] now'],
    ['visit www.shop-elsewhere.ir', 'visit […]'],
    ['cheap at bestdeals.com today', 'cheap at […] today'],
    ['call +98 912 345 6789', 'call […]'],
    ['شماره‌ام ۰۹۱۲۳۴۵۶۷۸۹ است', 'شماره‌ام […] است'],
    ['(021) 555-0199 any time', '[…] any time'],
    ['size 42, 3 pairs, 2024 model', 'size 42, 3 pairs, 2024 model'],
    ['کیفیت عالی بود', 'کیفیت عالی بود'],
  ])('%s', (input, expected) => {
    expect(maskContacts(input)).toBe(expected);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>\u0001\uFFFF`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
  });
  it('keeps Persian and emoji', () => {
    expect(escapeXml('عالی 👍')).toBe('عالی 👍');
  });
});

describe('collectionMethod', () => {
  it.each([
    [{ verified: true, source: null }, 'post_fulfillment'],
    [{ verified: false, source: null }, 'unsolicited'],
    [{ verified: true, source: 'yotpo' }, 'post_fulfillment'],
    [{ verified: false, source: 'judgeme' }, 'unsolicited'],
  ] as const)('%j → %s', (review, method) => {
    expect(collectionMethod(review)).toBe(method);
  });
});

describe('reviewXml', () => {
  const review: FeedReview = {
    id: 'r1', rating: 2, title: 'Bad <lid>', body: 'Leaks. Call me 0912 345 6789', authorName: 'Tom & Co', createdAt: Date.UTC(2024, 0, 2),
    status: 'spam', verified: false, source: null, subject: 'mug',
    product: { name: 'Mug', url: 'https://shop.example/mug?a=1&b=2', gtin: '4006381333931', mpn: null, sku: 'S1', brand: 'Acme' },
  };
  it('writes the elements in schema order, escaped and masked', () => {
    const xml = reviewXml(review, { name: 'Shop', homeUrl: 'https://shop.example/' });
    expect(xml).toBe(
      '<review><review_id>r1</review_id><reviewer><name>Tom &amp; Co</name></reviewer><review_timestamp>2024-01-02T00:00:00.000Z</review_timestamp>' +
        '<title>Bad &lt;lid&gt;</title><content>Leaks. Call me […]</content><review_url type="group">https://shop.example/mug?a=1&amp;b=2</review_url>' +
        '<ratings><overall min="1" max="5">2</overall></ratings><products><product><product_ids><gtins><gtin>4006381333931</gtin></gtins>' +
        '<skus><sku>S1</sku></skus><brands><brand>Acme</brand></brands></product_ids><product_name>Mug</product_name>' +
        '<product_url>https://shop.example/mug?a=1&amp;b=2</product_url></product></products><is_spam>true</is_spam>' +
        '<is_verified_purchase>false</is_verified_purchase><collection_method>unsolicited</collection_method></review>\n',
    );
  });
  it('points a review without a catalogue product at the site and names it by its subject', () => {
    const xml = reviewXml({ ...review, product: null, title: null }, { name: 'Shop', homeUrl: 'https://shop.example/' });
    expect(xml).toContain('<product_name>mug</product_name><product_url>https://shop.example/</product_url>');
    expect(xml).not.toContain('<title>');
    expect(xml).not.toContain('<product_ids>');
  });
});

describe('reviewerImagesXml', () => {
  const a = 'https://api.example/v1/sites/pk_1/photos/p1?size=full&v=ab12';
  const b = 'https://api.example/v1/sites/pk_1/photos/p2?size=full&v=cd34';
  it.each([
    ['a published review with two photos', { status: 'published', images: [a, b] }, `<reviewer_images><reviewer_image><url>${escapeXml(a)}</url></reviewer_image><reviewer_image><url>${escapeXml(b)}</url></reviewer_image></reviewer_images>`],
    ['a published review without photos', { status: 'published', images: [] }, ''],
    ['a review that never had photos looked up', { status: 'published' }, ''],
    ['a spam-marked review, even with photos', { status: 'spam', images: [a] }, ''],
    ['a URL that is not http(s)', { status: 'published', images: ['javascript:alert(1)', '/relative.jpg', a] }, `<reviewer_images><reviewer_image><url>${escapeXml(a)}</url></reviewer_image></reviewer_images>`],
  ] as const)('%s', (_, review, expected) => {
    expect(reviewerImagesXml(review)).toBe(expected);
  });

  it('escapes the ampersands of the photo URLs', () => {
    expect(reviewerImagesXml({ status: 'published', images: [a] })).toContain('?size=full&amp;v=ab12');
  });

  it('sits between review_url and ratings, as the schema orders them', () => {
    const xml = reviewXml(
      { id: 'r1', rating: 5, title: null, body: 'Nice', authorName: 'Sara', createdAt: 0, status: 'published', verified: false, source: null, subject: 'mug', product: null, images: [a] },
      { name: 'Shop', homeUrl: 'https://shop.example/' },
    );
    expect(xml).toMatch(/<\/review_url><reviewer_images>.*<\/reviewer_images><ratings>/);
    const order = FEED_ORDER.review ?? [];
    expect(order.indexOf('review_url')).toBeLessThan(order.indexOf('reviewer_images'));
    expect(order.indexOf('reviewer_images')).toBeLessThan(order.indexOf('ratings'));
  });
});
