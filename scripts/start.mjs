// `npm start`: build, migrate the local D1, seed the demo site, serve everything with
// `wrangler dev` (local D1, Queues; the cron driven on a timer because local dev does not
// schedule it), and print the URLs and the demo staff token.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { migrate, ROOT, seedDemoKeys, startWorker } from './dev-server.mjs';

const run = promisify(execFile);
const port = Number(process.env.PORT ?? 8787);
const CRON = '*/5 * * * *';
const CRON_EVERY_MS = 60_000;

function step(message) {
  process.stdout.write(`\u001b[2m›\u001b[0m ${message}\n`);
}

step('building the widget, moderation page and demo shop');
await run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
step('applying D1 migrations to the local database');
await migrate();
step('seeding the demo site pk_demo (and, once, its shop history)');
const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
const { staffToken: token, secretKey } = await seedDemoKeys({ origins, shop: true });
step(`starting wrangler dev on port ${port}`);
const server = await startWorker({ port, inherit: true });
const base = `http://localhost:${port}`;

const tick = setInterval(() => {
  fetch(`${server.url}/__scheduled?cron=${encodeURIComponent(CRON)}`).catch(() => {
    // the server is restarting or stopping; the next tick tries again
  });
}, CRON_EVERY_MS);

process.stdout.write(`
  Rebound is running.

  Demo shop        ${base}/demo/          (Persian: ${base}/demo/fa)
  Moderation page  ${base}/admin/
  Widget bundle    ${base}/widget.js
  Health           ${base}/v1/health
  OpenAPI          ${base}/v1/openapi.json

  Demo staff token ${token}
  (paste it into the moderation page's login; it is stored hashed and shown only now)
${secretKey ? `  Demo secret key  ${secretKey}\n  (for POST /v1/sites/pk_demo/orders; shown only when the demo site is created)\n` : ''}
  Emails are simulated: each one's text and HTML land in .wrangler/tmp/email/<session>/
  (listed with their state on the moderation page, Emails).

  Press Ctrl+C to stop.
`);

function shutdown() {
  clearInterval(tick);
  server.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
server.child.on('exit', (code) => {
  clearInterval(tick);
  process.exit(code ?? 0);
});
