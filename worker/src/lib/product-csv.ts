/**
 * The CSV form of the product catalogue: a header row naming `subject`, `name`, `url` and any of
 * `image_url`, `gtin`, `mpn`, `sku`, `brand` (case, spaces, dashes and underscores do not
 * matter, so `imageUrl` works too), then one product per row. Every row is checked against the
 * same schema as the JSON form; the caller writes nothing unless every row passes.
 */
import type { FieldError } from '../../../shared/problem.ts';
import { ProductInput, ProductSubject } from '../../../shared/products.ts';
import { parseCsv, toRecords } from './csv-parse.ts';

export interface ParsedProducts {
  products: { subject: string; input: ProductInput }[];
  errors: FieldError[];
}

const OPTIONAL = { imageurl: 'imageUrl', gtin: 'gtin', mpn: 'mpn', sku: 'sku', brand: 'brand' } as const;

export function parseProductsCsv(text: string, maxRows: number): ParsedProducts {
  const table = parseCsv(text, { maxRows: maxRows + 1 });
  if (table.error) return { products: [], errors: [{ path: `rows[${table.error.row}]`, code: 'invalid_csv', message: table.error.message }] };
  const { headers, records } = toRecords(table.rows);
  const missing = ['subject', 'name', 'url'].filter((h) => !headers.includes(h));
  if (missing.length > 0) {
    return { products: [], errors: missing.map((h) => ({ path: 'header', code: 'missing_column', message: `the header has no ${h} column` })) };
  }
  const products: ParsedProducts['products'] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    // Rows are numbered as a spreadsheet shows them: the header is row 1.
    const row = index + 2;
    const subject = (record.subject ?? '').trim();
    const subjectOk = ProductSubject.safeParse(subject);
    if (!subjectOk.success) errors.push({ path: `rows[${row}].subject`, code: 'invalid_subject', message: 'must be 1-200 letters, digits or . _ : / # @ + -' });
    else if (seen.has(subject)) errors.push({ path: `rows[${row}].subject`, code: 'duplicate', message: 'this subject appears on an earlier row' });
    seen.add(subject);
    const candidate: Record<string, string> = { name: record.name ?? '', url: (record.url ?? '').trim() };
    for (const [column, field] of Object.entries(OPTIONAL)) {
      const value = (record[column] ?? '').trim();
      if (value !== '') candidate[field] = value;
    }
    const parsed = ProductInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ path: `rows[${row}].${issue.path.join('.')}`, code: issue.code, message: issue.message });
      }
      return;
    }
    if (subjectOk.success) products.push({ subject, input: parsed.data });
  });
  return { products, errors };
}
