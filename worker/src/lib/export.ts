/**
 * Streams an export page by page (keyset), so a site with many rows is never held in memory
 * whole: JSON as one array, or CSV with a header row.
 */

export interface ExportSource<T> {
  format: 'json' | 'csv';
  /** Without extension. */
  filename: string;
  csvHeader: string;
  /** The next page; `done` once nothing follows it. */
  nextPage(): Promise<{ items: readonly T[]; done: boolean }>;
  toCsv(item: T): string;
  toJson?(item: T): unknown;
}

export function exportResponse<T>(source: ExportSource<T>): Response {
  const encoder = new TextEncoder();
  const csv = source.format === 'csv';
  let started = false;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = '';
      if (!started) {
        started = true;
        // The byte-order mark makes spreadsheet programs read the file as UTF-8 (Persian text).
        chunk += csv ? `\uFEFF${source.csvHeader}` : '[';
      }
      const { items, done } = await source.nextPage();
      for (const item of items) {
        if (csv) chunk += source.toCsv(item);
        else {
          chunk += `${first ? '\n' : ',\n'}${JSON.stringify(source.toJson ? source.toJson(item) : item)}`;
          first = false;
        }
      }
      if (done && !csv) chunk += '\n]\n';
      controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${source.filename}.${csv ? 'csv' : 'json'}"`,
      'cache-control': 'no-store',
    },
  });
}
