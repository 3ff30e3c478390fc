import { describe, expect, it } from 'vitest';
import { productFormValues, readProductForm } from './product-form.ts';

describe('readProductForm', () => {
  it('trims values and leaves empty optional fields out', () => {
    const data = new FormData();
    data.set('subject', ' sku-1 ');
    data.set('name', ' لیوان ');
    data.set('url', 'https://shop.example/mug');
    data.set('gtin', '  ');
    expect(readProductForm(data)).toEqual({ subject: 'sku-1', body: { name: 'لیوان', url: 'https://shop.example/mug' } });
  });
});

describe('productFormValues', () => {
  it('gives empty text for a new product and for missing identifiers', () => {
    expect(productFormValues(null).gtin).toBe('');
    expect(
      productFormValues({ subject: 'a', name: 'A', url: 'https://x.example', imageUrl: null, gtin: '96385074', mpn: null, sku: null, brand: null, createdAt: '', updatedAt: '' }),
    ).toMatchObject({ subject: 'a', gtin: '96385074', brand: '' });
  });
});
