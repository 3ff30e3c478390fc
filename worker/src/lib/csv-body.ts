/**
 * Reads a `text/csv` request body as UTF-8 text. Spreadsheets save CSV in the machine's legacy
 * code page unless told otherwise; such a file is refused with a clear error instead of being
 * stored as mojibake (Persian in Windows-1256 would otherwise arrive as Latin noise).
 */
import type { Context } from 'hono';
import { ProblemError } from './problem.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readCsvBody(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^text\/csv\s*(?:;|$)/i.test(type)) throw new ProblemError(415, 'unsupported-media-type', 'Send the file as text/csv.');
  const bytes = await c.req.arrayBuffer();
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ProblemError(422, 'not-utf8', 'The file is not UTF-8 text; save it as “CSV UTF-8” and send it again.');
  }
}
