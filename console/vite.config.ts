/**
 * Builds the moderation page and the customer's tracking page as one multi-page app:
 * `index.html` → `dist/admin/index.html`, `track/index.html` → `dist/track/index.html`, with every
 * script and stylesheet an external file under `dist/admin/assets/` so the page runs under a CSP
 * that forbids inline code (see worker/src/assets.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Vite names each page after its path under `root`, so the moderation page would land at
 * `dist/index.html`; the worker serves it at `/admin/`, so it moves there.
 */
function adminPageUnderAdmin(): Plugin {
  return {
    name: 'rebound-admin-page-path',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (!page || page.type !== 'asset') return;
      delete bundle['index.html'];
      this.emitFile({ type: 'asset', fileName: 'admin/index.html', source: page.source });
    },
  };
}

export default defineConfig({
  root: here('.'),
  // Absolute asset URLs: the tracking page at /track/ loads the same /admin/assets/ files.
  base: '/',
  publicDir: false,
  plugins: [adminPageUnderAdmin()],
  build: {
    outDir: here('../dist'),
    emptyOutDir: false,
    assetsDir: 'admin/assets',
    // The polyfill is an inline script, which the page's CSP refuses.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URLs for scripts; keep every file external.
    assetsInlineLimit: 0,
    target: 'es2022',
    rollupOptions: {
      input: { admin: here('index.html'), track: here('track/index.html') },
    },
  },
});
