import { describe, expect, it } from 'vitest';
import { parseProductsCsv } from './product-csv.ts';

describe('parseProductsCsv', () => {
  it('reads every column, whatever the header spelling', () => {
    const out = parseProductsCsv('Subject,Name,URL,imageUrl,GTIN,mpn,sku,brand\r\nsku-1,"Mug, blue",https://shop.example/mug,https://cdn.example/m.jpg,4006381333931,M1,S1,Acme\r\n', 10);
    expect(out.errors).toEqual([]);
    expect(out.products).toEqual([
      { subject: 'sku-1', input: { name: 'Mug, blue', url: 'https://shop.example/mug', imageUrl: 'https://cdn.example/m.jpg', gtin: '4006381333931', mpn: 'M1', sku: 'S1', brand: 'Acme' } },
    ]);
  });

  it('keeps Persian names and leaves empty optional cells out', () => {
    const out = parseProductsCsv('subject,name,url,gtin\nfa-1,لیوان آبی,https://shop.example/fa,\n', 10);
    expect(out.products).toEqual([{ subject: 'fa-1', input: { name: 'لیوان آبی', url: 'https://shop.example/fa' } }]);
  });

  it('reports each bad field by spreadsheet row', () => {
    const out = parseProductsCsv('subject,name,url,gtin\nok,Fine,https://shop.example/a,\nbad id!,X,javascript:alert(1),4006381333932\n', 10);
    expect(out.errors.map((e) => e.path)).toEqual(['rows[3].subject', 'rows[3].url', 'rows[3].gtin']);
  });

  it('refuses a file without the required columns', () => {
    expect(parseProductsCsv('subject,title\na,b\n', 10).errors[0]?.message).toBe('the header has no name column');
  });

  it('refuses a subject given twice', () => {
    const out = parseProductsCsv('subject,name,url\na,A,https://x.example\na,B,https://x.example\n', 10);
    expect(out.errors).toEqual([{ path: 'rows[3].subject', code: 'duplicate', message: 'this subject appears on an earlier row' }]);
  });

  it('refuses more rows than allowed', () => {
    expect(parseProductsCsv('subject,name,url\na,A,https://x.example\nb,B,https://x.example\n', 1).errors[0]?.code).toBe('invalid_csv');
  });
});
