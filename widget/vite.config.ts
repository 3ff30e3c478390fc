/**
 * Library build of the shopper widget: `dist/widget.js` is the one ES module merchants embed;
 * the forms and the outbox are split into lazy chunks under `dist/w/` so first render stays
 * within its 10 KB budget. `scripts/build.mjs` empties `dist/` and runs this with the admin build.
 */
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig, parseAst, type Plugin } from 'vite';

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
        'css`' +
        body
          .replace(/\/\*[^]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{}:;,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .replace(/(?<![\w.])0\.(?=\d)/g, '.')
          .trim() +
        '`',
      );
    },
  };
}

/**
 * The html`…` templates keep their source indentation through the bundler's minifier. A run of
 * white space with a line break renders exactly like one space wherever the widget's templates
 * put it (between elements, in flex and grid rows; no template spans lines inside a
 * `white-space: pre*` element), so each such run becomes one space. Then terser takes a second,
 * deeper pass over each chunk (passes=3), and the pure annotations go: they only matter to a later
 * bundler, and merchants load these files as they are.
 */
function squeezeChunks(): Plugin {
  return {
    name: 'rebound-squeeze-chunks',
    // After the bundler's own minifier (which runs after renderChunk), so nothing re-adds them.
    async generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = await squeeze(chunk.code);
    },
  };
}

/** See squeezeChunks. */
async function squeeze(code: string): Promise<string> {
  const runs: { start: number; end: number; raw: string }[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; start: number; end: number; value?: { raw: string } };
    if (n.type === 'TemplateElement' && n.value?.raw.includes('\n')) runs.push({ start: n.start, end: n.end, raw: n.value.raw });
    else for (const child of Object.values(n)) visit(child);
  };
  visit(parseAst(code));
  let out = '';
  let at = 0;
  for (const run of runs.sort((a, b) => a.start - b.start)) {
    out += code.slice(at, run.start) + run.raw.replace(/\s*\n\s*/g, ' ');
    at = run.end;
  }
  out += code.slice(at);
  const result = await minify(out, { module: true, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  return result.code ?? out;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: false,
  plugins: [minifyCssLiterals(), squeezeChunks()],
  build: {
    outDir: here('../dist'),
    emptyOutDir: false,
    target: 'es2022',
    // Preload helpers would add code and requests to first render; chunks load on demand.
    modulePreload: false,
    lib: {
      // stars.js (listing-page badges) shares no module with widget.js, so no chunk is split
      // out between them and each stays one file (checked by budget.test.ts and stars-budget.test.ts).
      entry: { widget: here('src/widget.ts'), stars: here('src/stars.ts') },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // Lets shared modules (Lit, strings, helpers) live in widget.js and be imported from there
      // by the lazy chunks, instead of becoming a third file that first render would have to fetch.
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: 'w/[name]-[hash].js', minify: true },
    },
  },
});
