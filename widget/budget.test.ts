// @vitest-environment node
/**
 * The first-render budget: dist/widget.js plus every chunk it imports statically must stay
 * within 10 KB gzipped (Lit included). Lazy chunks (dynamic `import()`) do not count.
 * `npm test` builds first (`pretest`); run `npm run build` before running this file alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url);
const BUDGET = 10240;

/** Relative chunks a module imports statically (`import … from "./w/x.js"`, not `import("…")`). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => m[1] ?? '');
}

function firstRenderFiles(entry: URL): URL[] {
  const seen = new Map<string, URL>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.set(url.href, url);
    for (const spec of staticImports(readFileSync(url, 'utf8'))) visit(new URL(spec, url));
  };
  visit(entry);
  return [...seen.values()];
}

describe('first-render budget', () => {
  it('keeps widget.js and its static imports within 10 KB gzipped', () => {
    const entry = new URL('widget.js', DIST);
    expect(existsSync(entry), 'dist/widget.js is missing: run `npm run build` first').toBe(true);
    const files = firstRenderFiles(entry);
    const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    expect(gzipped, `first render: ${files.map((f) => f.pathname.split('/dist/')[1]).join(' + ')}`).toBeLessThanOrEqual(BUDGET);
  });

  it('loads the forms lazily, never as part of first render', () => {
    const code = readFileSync(new URL('widget.js', DIST), 'utf8');
    expect(staticImports(code)).toEqual([]);
    expect(code).toMatch(/import\(["'`]\.\/w\//);
  });
});
