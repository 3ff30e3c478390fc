import { describe, expect, it } from 'vitest';
import { embedSnippet, RESERVED_SPACE } from './embed.ts';

describe('embedSnippet', () => {
  it('names the Worker host, the site key, the reserved space and the element, one per line', () => {
    expect(embedSnippet('https://reviews.shop.example', 'pk_abc').split('\n')).toEqual([
      '<script type="module" src="https://reviews.shop.example/widget.js" data-site="pk_abc" async></script>',
      `<style>${RESERVED_SPACE}</style>`,
      '<rb-feedback subject="sku-123"></rb-feedback>',
    ]);
  });

  it('uses only the origin of the host it is given, so a trailing path cannot break the src', () => {
    expect(embedSnippet('http://localhost:8787/admin/#/install', 'pk_demo')).toContain('src="http://localhost:8787/widget.js"');
  });

  it('escapes a subject so it cannot end its attribute', () => {
    expect(embedSnippet('https://h.example', 'pk_x', 'a"b<c')).toContain('subject="a&quot;b&lt;c"');
  });

  it('refuses a host that is not a URL', () => {
    expect(() => embedSnippet('WORKER_HOST', 'pk_x')).toThrow();
  });
});
