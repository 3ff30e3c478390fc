/**
 * The product catalogue: what a subject is, for emails, the Google feed and JSON-LD. Written
 * server-to-server with the secret key (one product as JSON, many as CSV) or by staff.
 */
import * as z from 'zod/mini';
import { Subject } from './submission.ts';
import { text } from './text.ts';

export const PRODUCT_LIMITS = { name: 200, url: 2000, identifier: 70, brand: 70, csvRows: 1000 } as const;

/**
 * True for a GTIN-8, -12 (UPC), -13 (EAN) or -14 whose last digit is the GS1 mod-10 check digit:
 * from the right, digits alternately weigh 3 and 1, and the total must end in 0.
 */
export function isValidGtin(value: string): boolean {
  if (!/^(?:\d{8}|\d{12,14})$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    const digit = value.charCodeAt(value.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit : digit * 3;
  }
  return sum % 10 === 0;
}

/** Pages and images shoppers and Google open: http(s) only, never `javascript:` or `data:`. */
export const WebUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(PRODUCT_LIMITS.url));

export const Gtin = z.string().check(
  z.trim(),
  z.refine(isValidGtin, { message: 'must be 8, 12, 13 or 14 digits with a valid check digit', params: { reason: 'invalid_gtin' } }),
);

export const ProductInput = z.strictObject({
  name: text(1, PRODUCT_LIMITS.name),
  url: WebUrl,
  imageUrl: z.optional(z.nullable(WebUrl)),
  gtin: z.optional(z.nullable(Gtin)),
  mpn: z.optional(z.nullable(text(1, PRODUCT_LIMITS.identifier))),
  sku: z.optional(z.nullable(text(1, PRODUCT_LIMITS.identifier))),
  brand: z.optional(z.nullable(text(1, PRODUCT_LIMITS.brand))),
});
export type ProductInput = z.infer<typeof ProductInput>;

/** A subject that names a product: never '' (the whole site is not a product). */
export const ProductSubject = Subject.check(z.minLength(1));

export const Product = z.object({
  subject: z.string(),
  name: z.string(),
  url: z.string(),
  imageUrl: z.nullable(z.string()),
  gtin: z.nullable(z.string()),
  mpn: z.nullable(z.string()),
  sku: z.nullable(z.string()),
  brand: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof Product>;

/** What the widget's bootstrap carries of a catalogue product (for JSON-LD). */
export const PublicProduct = z.object({
  name: z.string(),
  url: z.string(),
  imageUrl: z.nullable(z.string()),
  gtin: z.nullable(z.string()),
  mpn: z.nullable(z.string()),
  sku: z.nullable(z.string()),
  brand: z.nullable(z.string()),
});
export type PublicProduct = z.infer<typeof PublicProduct>;

export const ProductOne = z.object({ product: Product });

export const ProductSaved = z.object({ product: Product, created: z.boolean() });
export type ProductSaved = z.infer<typeof ProductSaved>;

/** The CSV form's answer: every row is checked first, and nothing is written unless all pass. */
export const ProductsImported = z.object({
  rows: z.int(),
  created: z.int(),
  updated: z.int(),
});
export type ProductsImported = z.infer<typeof ProductsImported>;

export const ProductsQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  /** Finds products whose subject starts with this. */
  q: z.optional(z.string().check(z.maxLength(200))),
});
export type ProductsQuery = z.infer<typeof ProductsQuery>;

export const ProductsPage = z.object({ items: z.array(Product), nextCursor: z.nullable(z.string()) });
export type ProductsPage = z.infer<typeof ProductsPage>;

export const ProductDeleted = z.object({ subject: z.string(), deleted: z.boolean() });
