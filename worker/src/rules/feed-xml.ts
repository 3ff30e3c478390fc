/**
 * The Google Product Reviews feed (schema 2.4), one review at a time, so the route can stream a
 * feed of any size. Pure: rows in, XML text out. Element order follows the schema's sequences
 * (developers.google.com/product-review-feeds/schema); `FEED_ORDER` below is that order, and the
 * feed test checks generated XML against it.
 *
 * Shopper text is masked before it leaves: email addresses, phone numbers and links in a title,
 * text or name are replaced by `[…]`, because the feed is public once Google shows it.
 */

export const SCHEMA_URL = 'http://www.google.com/shopping/reviews/schema/product/2.4/product_reviews.xsd';

/** The order of child elements the schema requires, per parent (only the ones we write). */
export const FEED_ORDER: Record<string, readonly string[]> = {
  feed: ['version', 'aggregator', 'publisher', 'reviews'],
  aggregator: ['name'],
  publisher: ['name', 'favicon'],
  reviews: ['review'],
  // reviewer_images after review_url: Google's 2.4 sample feed and XSD put them there.
  review: [
    'review_id',
    'reviewer',
    'review_timestamp',
    'title',
    'content',
    'pros',
    'cons',
    'review_url',
    'reviewer_images',
    'ratings',
    'products',
    'is_spam',
    'is_verified_purchase',
    'collection_method',
    'transaction_id',
  ],
  reviewer: ['name', 'reviewer_id'],
  ratings: ['overall'],
  products: ['product'],
  product: ['product_ids', 'product_name', 'product_url'],
  product_ids: ['gtins', 'mpns', 'skus', 'brands', 'asins'],
  gtins: ['gtin'],
  mpns: ['mpn'],
  skus: ['sku'],
  brands: ['brand'],
  reviewer_images: ['reviewer_image'],
  reviewer_image: ['url'],
};

/** Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const MASK = '[…]';
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|ir|io|co|info|biz|shop|store|me)\b(?:\/[^\s<>"']*)?/giu;
// Seven or more digits (Latin, Persian or Arabic-Indic), allowing the separators people type.
const PHONE = /[+(]?[\d\u06F0-\u06F9\u0660-\u0669](?:[\s\-().]*[\d\u06F0-\u06F9\u0660-\u0669]){6,}/g;

/** Removes contact details and links from shopper text. */
export function maskContacts(value: string): string {
  return value.replace(EMAIL, MASK).replace(URL_LIKE, MASK).replace(PHONE, MASK);
}

export interface FeedReview {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  authorName: string;
  /** When the review was written (imports keep their original date). */
  createdAt: number;
  status: 'published' | 'spam';
  verified: boolean;
  /** NULL for Rebound's own widget, else the platform it was imported from. */
  source: string | null;
  subject: string;
  /**
   * Absolute URLs of the review's photos at full size, oldest first: only photos staff have not
   * hidden, and only on a published review (a spam-marked one never carries any).
   */
  images?: readonly string[];
  product: {
    name: string;
    url: string;
    gtin: string | null;
    mpn: string | null;
    sku: string | null;
    brand: string | null;
  } | null;
}

/**
 * Google's two methods: `post_fulfillment` when the review answered a request sent after an
 * order (Rebound's signed order links, or an import that says the buyer was verified),
 * `unsolicited` otherwise.
 */
export function collectionMethod(r: Pick<FeedReview, 'verified' | 'source'>): 'post_fulfillment' | 'unsolicited' {
  return r.verified ? 'post_fulfillment' : 'unsolicited';
}

export interface FeedSite {
  name: string;
  /** Where a review without a catalogue product points: the site's first allowed origin. */
  homeUrl: string;
}

export function feedHead(site: FeedSite): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="${SCHEMA_URL}">
<version>2.4</version>
<aggregator><name>Rebound</name></aggregator>
<publisher><name>${escapeXml(site.name)}</name></publisher>
<reviews>
`;
}

export const FEED_TAIL = '</reviews>\n</feed>\n';

function list(wrapper: string, item: string, value: string | null): string {
  return value ? `<${wrapper}><${item}>${escapeXml(value)}</${item}></${wrapper}>` : '';
}

/**
 * `<reviewer_images>`: only for a published review, and only http(s) URLs (anything else would be
 * refused by Google and has no business in the feed); none at all leaves the element out.
 */
export function reviewerImagesXml(r: Pick<FeedReview, 'status' | 'images'>): string {
  const urls = r.status === 'published' ? (r.images ?? []).filter((u) => /^https?:\/\//.test(u)) : [];
  return urls.length ? `<reviewer_images>${urls.map((u) => `<reviewer_image><url>${escapeXml(u)}</url></reviewer_image>`).join('')}</reviewer_images>` : '';
}

export function reviewXml(r: FeedReview, site: FeedSite): string {
  const p = r.product;
  const url = p?.url ?? site.homeUrl;
  const title = r.title ? maskContacts(r.title) : '';
  const ids = p ? `${list('gtins', 'gtin', p.gtin)}${list('mpns', 'mpn', p.mpn)}${list('skus', 'sku', p.sku)}${list('brands', 'brand', p.brand)}` : '';
  return [
    '<review>',
    `<review_id>${escapeXml(r.id)}</review_id>`,
    `<reviewer><name>${escapeXml(maskContacts(r.authorName))}</name></reviewer>`,
    `<review_timestamp>${new Date(r.createdAt).toISOString()}</review_timestamp>`,
    title ? `<title>${escapeXml(title)}</title>` : '',
    `<content>${escapeXml(maskContacts(r.body))}</content>`,
    `<review_url type="group">${escapeXml(url)}</review_url>`,
    reviewerImagesXml(r),
    `<ratings><overall min="1" max="5">${r.rating}</overall></ratings>`,
    '<products><product>',
    ids ? `<product_ids>${ids}</product_ids>` : '',
    `<product_name>${escapeXml(p?.name ?? r.subject)}</product_name>`,
    `<product_url>${escapeXml(url)}</product_url>`,
    '</product></products>',
    `<is_spam>${r.status === 'spam'}</is_spam>`,
    `<is_verified_purchase>${r.verified}</is_verified_purchase>`,
    `<collection_method>${collectionMethod(r)}</collection_method>`,
    '</review>\n',
  ].join('');
}
