/**
 * Library build of the shopper widget: `dist/widget.js` is the one ES module merchants embed;
 * the forms and the outbox are split into lazy chunks under `dist/w/` so first render stays
 * within its 10 KB budget. `scripts/build.mjs` empties `dist/` and runs this with the admin build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Collapses the white space inside the widget's css`…` literals (which hold no interpolations):
 * every byte of first render counts, and no bundled minifier looks inside tagged templates.
 */
function minifyCssLiterals(): Plugin {
  return {
    name: 'rebound-minify-css-literals',
    transform(code, id) {
      if (!id.includes('/widget/src/') || !id.endsWith('.ts')) return null;
      return code.replace(/css`([^`$]*)`/g, (_, body: string) =>
        'css`' + body.replace(/\/\*[^]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}').trim() + '`',
      );
    },
    // Annotations only matter to a later bundler; merchants load this file as it is.
    renderChunk: (code) => code.replaceAll('/* @__PURE__ */ ', ''),
  };
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: false,
  plugins: [minifyCssLiterals()],
  build: {
    outDir: here('../dist'),
    emptyOutDir: false,
    target: 'es2022',
    // Preload helpers would add code and requests to first render; chunks load on demand.
    modulePreload: false,
    lib: {
      entry: here('src/widget.ts'),
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      // Lets shared modules (Lit, strings, helpers) live in widget.js and be imported from there
      // by the lazy chunks, instead of becoming a third file that first render would have to fetch.
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: 'w/[name]-[hash].js', minify: true },
    },
  },
});
