// Starts `wrangler dev` for Rebound against a local D1 (optionally in its own --persist-to
// directory), after applying migrations and seeding the demo site. Used by `npm start` and by
// the browser tests, so both run the real Worker with local D1, Queues and cron.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

/** The environment every wrangler call gets: nothing may call a remote service. */
export function offlineEnv(extra = {}) {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs wrangler with Node 22 (this process's node, when started from an npm script). */
export async function wrangler(args, options = {}) {
  return run(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: offlineEnv(), maxBuffer: 32 << 20, ...options });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function migrate(persistTo) {
  const args = ['d1', 'migrations', 'apply', 'rebound', '--local'];
  if (persistTo) args.push('--persist-to', persistTo);
  await wrangler(args, { env: offlineEnv({ CI: 'true' }) });
}

/**
 * Seeds `pk_demo` (idempotent): a fresh staff token, and the secret key when this run created
 * the site (it is shown only then; the browser tests register orders with it). `shop` also
 * writes the demo shop's history once (`npm start`); the browser tests leave it out and start
 * from an empty shop, since they count what they see in the queues.
 */
export async function seedDemoKeys({ persistTo, origins = [], shop = false } = {}) {
  const args = [fileURLToPath(new URL('./site.mjs', import.meta.url)), 'seed-demo'];
  if (persistTo) args.push('--persist-to', persistTo);
  if (shop) args.push('--shop');
  for (const origin of origins) args.push('--origin', origin);
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, env: offlineEnv() });
  const token = stdout.match(/\bst_[A-Za-z0-9_-]+/)?.[0];
  if (!token) throw new Error(`seed-demo printed no staff token:\n${stdout}`);
  return { staffToken: token, secretKey: stdout.match(/\bsk_[A-Za-z0-9_-]+/)?.[0] ?? null };
}

/** Seeds `pk_demo` (idempotent) and returns a fresh staff token for it. */
export async function seedDemo(options = {}) {
  return (await seedDemoKeys(options)).staffToken;
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}/v1/health within ${timeoutMs} ms`);
}

/**
 * Starts `wrangler dev` on `port` and resolves once /v1/health answers.
 * Returns the base URL and a `stop()` that ends the process tree.
 */
export async function startWorker({ port, persistTo, assets, inherit = false, timeoutMs = 90_000 } = {}) {
  // Its own inspector port too, so several dev servers (tests, bench, npm start) can run at once.
  const inspectorPort = await freePort();
  const args = [
    WRANGLER,
    'dev',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--ip',
    '127.0.0.1',
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    // Local development's opt-ins, which wrangler.toml (production) does not have: the demo
    // shop at /demo/, and webhooks to receivers on this machine (worker/src/lib/dev.ts).
    '--var',
    'DEMO:1',
    '--var',
    'ALLOW_LOCAL_WEBHOOKS:1',
  ];
  if (persistTo) args.push('--persist-to', persistTo);
  // A private copy of dist/ (the bench uses one) so a concurrent rebuild cannot change what is served.
  if (assets) args.push('--assets', assets);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: offlineEnv(),
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let output = '';
  if (!inherit) {
    child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  };
  try {
    await waitForHealth(url, child, timeoutMs);
  } catch (err) {
    stop();
    throw new Error(`${err.message}\n--- wrangler output ---\n${output}`);
  }
  return { url, child, stop, output: () => output };
}
