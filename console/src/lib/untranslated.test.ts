import { describe, expect, it } from 'vitest';
import { untranslatedWords } from './untranslated.ts';

function dom(markup: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = markup;
  return el;
}

describe('untranslatedWords', () => {
  it('finds English words in text and accessible names', () => {
    expect(untranslatedWords(dom('<p>وضعیت: Saved</p><button aria-label="Close dialog">×</button>'))).toEqual(['Saved', 'Close', 'dialog']);
  });

  it('leaves data alone: bdi, code, kbd, lang="en", and codes like P1 or RB-AB12', () => {
    expect(untranslatedWords(dom('<bdi>Sam wrote this</bdi><code>case.update</code><kbd>J</kbd><span lang="en">English</span> P1 RB-AB12'))).toEqual([]);
  });

  it('looks inside shadow roots', () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Loading</p>';
    const outer = document.createElement('div');
    outer.append(host);
    expect(untranslatedWords(outer)).toEqual(['Loading']);
  });
});
