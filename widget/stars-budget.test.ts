// @vitest-environment node
/**
 * `<rb-stars>` ships as its own module: dist/stars.js must stay within 3 KB gzipped and import
 * nothing (one request on a listing page, and nothing shared with widget.js that would split a
 * chunk out of widget.js's first render). Run `npm run build` before running this file alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const STARS = new URL('../dist/stars.js', import.meta.url);
const BUDGET = 3072;

describe('stars.js budget', () => {
  it('stays within 3 KB gzipped and is one file', () => {
    expect(existsSync(STARS), 'dist/stars.js is missing: run `npm run build` first').toBe(true);
    const code = readFileSync(STARS, 'utf8');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(BUDGET);
    expect(code).not.toMatch(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'`]\.{1,2}\//);
    expect(code).not.toMatch(/import\(/);
  });
});
