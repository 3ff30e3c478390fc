/**
 * Reads the catalogue form into the body `PUT /v1/admin/products/{subject}` takes: trimmed
 * values, empty optional fields left out (the server then clears them), so the server's schema
 * alone decides what is valid.
 */
import type { Product } from '../../../shared/products.ts';

export const PRODUCT_FIELDS = ['name', 'url', 'imageUrl', 'gtin', 'mpn', 'sku', 'brand'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export function readProductForm(data: FormData): { subject: string; body: Partial<Record<ProductField, string>> } {
  const body: Partial<Record<ProductField, string>> = {};
  for (const field of PRODUCT_FIELDS) {
    const value = String(data.get(field) ?? '').trim();
    if (value !== '') body[field] = value;
  }
  return { subject: String(data.get('subject') ?? '').trim(), body };
}

/** The form's values for an existing product ('' where it has none). */
export function productFormValues(p: Product | null): Record<ProductField | 'subject', string> {
  return {
    subject: p?.subject ?? '',
    name: p?.name ?? '',
    url: p?.url ?? '',
    imageUrl: p?.imageUrl ?? '',
    gtin: p?.gtin ?? '',
    mpn: p?.mpn ?? '',
    sku: p?.sku ?? '',
    brand: p?.brand ?? '',
  };
}
