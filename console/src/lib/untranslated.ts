/**
 * Finds English words a Persian page shows outside shopper data: every text node of an element
 * and its shadow roots, except inside `<bdi>` (shopper and staff text, names, refs), `<code>`,
 * `<kbd>` (key caps), and anything marked `lang="en"` or `translate="no"`. Used by component
 * tests to fail on a hard-coded user-facing string that skipped the i18n tables.
 */

/** Latin words of two or more letters; codes such as P1 or RB-1234 are not words. */
const WORD = /(?<![\w-])[A-Za-z]{2,}(?![\w-])/g;
const SKIP = new Set(['BDI', 'CODE', 'KBD', 'STYLE', 'SCRIPT', 'TEMPLATE']);

export function untranslatedWords(root: Node, allowed: readonly string[] = []): string[] {
  const found: string[] = [];
  const ok = new Set(allowed.map((w) => w.toLowerCase()));
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      for (const word of node.textContent?.match(WORD) ?? []) if (!ok.has(word.toLowerCase())) found.push(word);
      return;
    }
    if (node instanceof Element) {
      if (SKIP.has(node.tagName) || node.getAttribute('lang') === 'en' || node.getAttribute('translate') === 'no') return;
      // Accessible names count too: a Persian screen reader would read them.
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        for (const word of node.getAttribute(attr)?.match(WORD) ?? []) if (!ok.has(word.toLowerCase())) found.push(word);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}
