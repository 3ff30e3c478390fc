/**
 * Turns off zod's compiled parsers. They are built with `new Function`, which a merchant page's
 * CSP without 'unsafe-eval' refuses (and reports as a console error even though zod recovers).
 * Imported before any schema is used.
 */
import { config } from 'zod/mini';

config({ jitless: true });
