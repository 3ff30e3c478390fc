// Builds everything the Worker serves as static assets into dist/:
// the widget bundle (dist/widget.js + lazy chunks), the moderation and tracking pages
// (dist/admin/, dist/track/) and the demo shop (dist/demo/).
import { cp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { build } from 'vite';

const root = new URL('..', import.meta.url);
const dist = new URL('dist/', root);

await rm(dist, { recursive: true, force: true });
for (const config of ['widget/vite.config.ts', 'console/vite.config.ts']) {
  const configFile = new URL(config, root).pathname;
  if (existsSync(configFile)) await build({ configFile, logLevel: 'warn' });
}
await cp(new URL('demo/', root), new URL('demo/', dist), { recursive: true });
console.log('built dist/');
