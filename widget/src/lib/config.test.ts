import { afterEach, describe, expect, it } from 'vitest';
import { scriptSite } from './config.ts';

afterEach(() => document.head.replaceChildren());

describe('scriptSite', () => {
  it("takes the site key from the widget script tag's data-site", () => {
    document.head.innerHTML = '<script src="https://cdn.example/other.js" data-site="pk_wrong"></script><script type="module" src="https://rb.example/widget.js" data-site="pk_shop"></script>';
    expect(scriptSite(document)).toBe('pk_shop');
  });
  it('is empty when no widget script names a site', () => {
    document.head.innerHTML = '<script src="https://rb.example/widget.js"></script>';
    expect(scriptSite(document)).toBe('');
  });
});
