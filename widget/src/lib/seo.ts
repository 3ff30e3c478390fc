/**
 * schema.org JSON-LD for a product's reviews: `Product` + `AggregateRating` + its top `Review`s.
 * Products only: a site-level self-rating is not allowed by search engines' rules, so nothing
 * is produced without a subject or without ratings.
 */
import type { PublicReview, Summary } from '../../../shared/review.ts';

export function productJsonLd(subject: string, name: string, summary: Summary, reviews: readonly PublicReview[]): object | null {
  if (!subject || !summary.count || summary.average === null) return null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: name || subject,
    sku: subject,
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
