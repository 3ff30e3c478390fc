/**
 * The snippet a merchant pastes into their page, built in one place for the CLI (`npm run site
 * -- create|snippet`) and the console's Install page, so both print exactly the same lines.
 */

/**
 * Holds the widget's height before its script has run, so nothing on the page moves when it
 * appears (the widget's own height: `--rb-block-size`, 40em; see widget/README.md).
 */
export const RESERVED_SPACE = 'rb-feedback { display: block; min-block-size: 40em; }';

/** The product or page id shown in the snippet; the merchant puts their own there. */
export const EXAMPLE_SUBJECT = 'sku-123';

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The three lines to paste: the script from the Worker at `host` (the API origin, where
 * `widget.js` is served) with the site's public key, the reserved-space style, and the element.
 *
 * @example
 * embedSnippet('https://reviews.shop.example', 'pk_abc');
 */
export function embedSnippet(host: string, siteId: string, subject = EXAMPLE_SUBJECT): string {
  const origin = new URL(host).origin;
  return [
    `<script type="module" src="${attribute(origin)}/widget.js" data-site="${attribute(siteId)}" async></script>`,
    `<style>${RESERVED_SPACE}</style>`,
    `<rb-feedback subject="${attribute(subject)}"></rb-feedback>`,
  ].join('\n');
}
