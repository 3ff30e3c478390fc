/**
 * A real `wrangler dev` for one bench part, with its own database under bench/tmp/ so runs
 * never touch the developer's `.wrangler/` state or each other.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { ROOT, freePort, migrate, seedDemo, startWorker } from '../../scripts/dev-server.mjs';

export const TMP = fileURLToPath(new URL('../tmp/', import.meta.url));
export const SITE = 'pk_demo';

/** A fresh, migrated persist directory. */
export async function freshState(label) {
  await mkdir(TMP, { recursive: true });
  const persistTo = await mkdtemp(join(TMP, `${label}-`));
  await migrate(persistTo);
  return persistTo;
}

/** The SQLite file that wrangler's local D1 keeps for the `DB` binding under `persistTo`. */
export function d1File(persistTo) {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const name = readdirSync(dir).find((n) => /^[0-9a-f]{64}\.sqlite$/.test(n));
  if (!name) throw new Error(`no D1 database under ${dir}`);
  return join(dir, name);
}

/** Opens the local D1 file directly, for bulk loads while no worker is running on it. */
export function openD1(persistTo) {
  const db = new DatabaseSync(d1File(persistTo));
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/**
 * Seeds the demo site with the bench's origins and returns a staff token. Uses `npm run site`'s
 * seeding when it exists; otherwise provisions the same site through the worker's own
 * `provisionSite` so the bench does not depend on the CLI being present.
 */
export async function seedSite(persistTo, origins) {
  if (existsSync(join(ROOT, 'scripts', 'site.mjs'))) return seedDemo({ persistTo, origins });
  const { provisionSite } = await import('../../worker/src/lib/provision.ts');
  const { keys, statements } = await provisionSite({ name: 'Demo Shop', origins, publicKey: SITE, nowMs: Date.now() });
  const db = openD1(persistTo);
  try {
    for (const s of statements) db.prepare(s.sql).run(...s.params);
  } finally {
    db.close();
  }
  return keys.staffToken;
}

/**
 * Starts wrangler dev on a free port over `persistTo`. The worker serves `dist/`, which a
 * concurrent `npm run build` (another checkout's tests, say) empties for a moment: wait for it,
 * and try again if wrangler still lost the race.
 */
export async function runWorker(persistTo) {
  for (let attempt = 1; ; attempt++) {
    const deadline = Date.now() + 120_000;
    while (!existsSync(join(ROOT, 'dist', 'widget.js')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    try {
      return await startWorker({ port: await freePort(), persistTo, timeoutMs: 120_000 });
    } catch (err) {
      if (attempt >= 3 || !/dist/.test(String(err?.message))) throw err;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

export async function removeState(persistTo) {
  if (process.env.BENCH_KEEP_STATE) return;
  await rm(persistTo, { recursive: true, force: true });
}
