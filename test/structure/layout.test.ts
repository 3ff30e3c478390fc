/**
 * The layout the README promises, checked: SQL only in `worker/src/db/`, and one formatting
 * module (`shared/format.ts`) for the widget and the console. These read the source tree, so a
 * copy that creeps back in fails here with its file named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../shared/format.ts';
import { badgeNumber } from '../../widget/src/components/rb-stars/rb-stars-label.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, ROOT), 'utf8');

/** Every .ts file under a folder, relative to the repository root; tests only when asked. */
function sources(dir: string, { tests = false } = {}): string[] {
  return readdirSync(new URL(dir, ROOT), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && (tests || !f.endsWith('.test.ts')))
    .map((f) => join(dir, f));
}

describe('SQL lives in worker/src/db/', () => {
  it('finds prepare( in no worker/src file outside db/', () => {
    const outside = sources('worker/src', { tests: true })
      .filter((f) => !f.startsWith('worker/src/db/'))
      .flatMap((f) =>
        read(f)
          .split('\n')
          .flatMap((line, i) => (line.includes('prepare(') ? [`${f}:${i + 1}`] : [])),
      );
    expect(outside).toEqual([]);
  });

  it('still sees the statements inside db/ (the walk reads the tree it claims to)', () => {
    expect(sources('worker/src/db').some((f) => read(f).includes('prepare('))).toBe(true);
  });
});

/**
 * stars.js is a second entry of the widget's build: a module it shared with widget.js would be
 * split into a chunk that widget.js then loads as a third request to first render. So the
 * listing badge keeps one NumberFormat of its own, and the test below holds it to the shared one.
 */
const OWN_FORMATTER = ['widget/src/components/rb-stars/rb-stars-label.ts'];

describe('one formatter for the widget and the console', () => {
  const files = [...sources('widget/src'), ...sources('console/src')];

  it('leaves no Intl formatter or toLocaleString outside shared/format.ts', () => {
    const own = files.filter((f) => !OWN_FORMATTER.includes(f) && /new Intl\.|\.toLocale\w*String\(/.test(read(f)));
    expect(own).toEqual([]);
  });

  it('formats the listing badge\'s numbers exactly as shared/format.ts does', () => {
    for (const lang of ['en', 'fa'] as const) {
      for (const [value, digits] of [[4.56, 1], [1234, 0], [0, 0], [5, 1]] as const) {
        expect(badgeNumber(value, lang, digits)).toBe(formatNumber(value, lang, digits));
      }
    }
  });

  it('is imported from shared/format.ts by both the widget and the console', () => {
    const importers = files.filter((f) => /from '(\.\.\/)+shared\/format\.ts'/.test(read(f)));
    expect(importers.some((f) => f.startsWith('widget/'))).toBe(true);
    expect(importers.some((f) => f.startsWith('console/'))).toBe(true);
  });

  it('declares Lang only in shared/', () => {
    const redeclared = files.filter((f) => /\btype Lang\s*=/.test(read(f)));
    expect(redeclared).toEqual([]);
  });
});
