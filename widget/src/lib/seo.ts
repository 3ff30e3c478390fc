/**
 * schema.org JSON-LD for a product's reviews: `Product` + `AggregateRating` + its top `Review`s.
 * Products only, never the site itself: a business rating itself (`Organization` or
 * `LocalBusiness` stars on its own pages) is "self-serving" under search engines' rules. A
 * subject is a product when the catalogue has it (which also supplies its name, image and
 * identifiers) or when the merchant says so by naming it in the `seo` attribute; the whole site
 * (no subject), a subject that is neither, or one without ratings produces nothing.
 */
import type { PublicProduct } from '../../../shared/products.ts';
import type { PublicReview, Summary } from '../../../shared/review.ts';

export function productJsonLd(
  subject: string,
  declaredName: string | null,
  summary: Summary,
  reviews: readonly PublicReview[],
  product: PublicProduct | null = null,
): object | null {
  const name = product?.name || declaredName?.trim();
  if (!subject || !name || !summary.count || summary.average === null) return null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name,
    ...(product?.url ? { url: product.url } : {}),
    ...(product?.imageUrl ? { image: product.imageUrl } : {}),
    sku: product?.sku ?? subject,
    ...(product?.gtin ? { gtin: product.gtin } : {}),
    ...(product?.mpn ? { mpn: product.mpn } : {}),
    ...(product?.brand ? { brand: { '@type': 'Brand', name: product.brand } } : {}),
    aggregateRating: {
      '@type': 'AggregateRating',
      ratingValue: summary.average,
      reviewCount: summary.count,
      bestRating: 5,
      worstRating: 1,
    },
    review: reviews.slice(0, 5).map((r) => ({
      '@type': 'Review',
      ...(r.title ? { name: r.title } : {}),
      reviewBody: r.body,
      datePublished: r.publishedAt.slice(0, 10),
      author: { '@type': 'Person', name: r.author.name },
      reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
      ...(r.photos?.length ? { image: r.photos.map((p) => p.full.url) } : {}),
    })),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so shopper text cannot close the tag. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
