// `npm run site -- <command>`: creates sites and manages staff tokens in the D1 database that
// `wrangler dev` uses (.wrangler/state, or --persist-to DIR), or with --remote in the deployed one.
// Local runs open the database through wrangler's getPlatformProxy, so they work whether or not
// `npm start` is running. Secret keys and staff tokens are stored hashed and printed only once.
//
//   create --name NAME --origin URL [--origin URL] [--id pk_x] [--host URL]
//   list
//   snippet --site pk_x [--host URL]
//   origins list|add|remove --site pk_x [--origin URL ...]
//   token list --site pk_x
//   token create --site pk_x --name NAME [--expires 90d]
//   token rotate --site pk_x --id stf_x
//   token revoke --site pk_x --id stf_x
//   seed-demo [--origin URL] [--shop]
// Options: --persist-to DIR, --remote, --json
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { normaliseOrigin, parseTokenLifetime, provisionSite, staffTokenStatement } from '../worker/src/lib/provision.ts';
import { randomToken, sha256Hex } from '../worker/src/lib/crypto.ts';
import { embedSnippet } from '../shared/embed.ts';
import { demoShop, SEEDED_ACTION } from './demo-shop.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, 'wrangler.toml');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const DATABASE = 'rebound';
const SITE_ID = /^pk_[A-Za-z0-9_-]{1,64}$/;

export const DEMO_SITE = 'pk_demo';
export const DEMO_ORIGINS = ['http://localhost:8787', 'http://127.0.0.1:8787'];
/** Where `npm start` serves the Worker, and so `widget.js`: the snippet's host for the local database. */
export const LOCAL_HOST = 'http://localhost:8787';

/** A mistake in how the command was called: printed without a stack trace. */
class UsageError extends Error {}

function wranglerEnv() {
  return { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };
}

async function wrangler(args) {
  return run(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: wranglerEnv(), maxBuffer: 32 << 20 });
}

/**
 * The local database through getPlatformProxy: a real D1 binding on the same state files
 * `wrangler dev` uses. Migrations are applied first when the database is new.
 */
async function openLocal(persistTo) {
  const { getPlatformProxy } = await import('wrangler');
  // `wrangler dev --persist-to DIR` keeps its state under DIR/v3; getPlatformProxy wants that folder.
  const persist = persistTo ? { path: join(persistTo, 'v3') } : true;
  const open = () => getPlatformProxy({ configPath: CONFIG, persist, remoteBindings: false });
  let proxy = await open();
  const migrated = await proxy.env.DB.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sites'").first();
  if (!migrated) {
    await proxy.dispose();
    await wrangler(['d1', 'migrations', 'apply', DATABASE, '--local', ...(persistTo ? ['--persist-to', persistTo] : [])]);
    proxy = await open();
  }
  const db = proxy.env.DB;
  return {
    async all(sql, params = []) {
      return (await db.prepare(sql).bind(...params).all()).results;
    },
    async batch(statements) {
      const results = await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
      return results.map((r) => r.meta.changes);
    },
    close: () => proxy.dispose(),
  };
}

/** A value written into SQL for `wrangler d1 execute --command`, which takes no parameters. */
export function sqlLiteral(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** `sql` with each `?N` replaced by its escaped value. */
export function inlineSql(sql, params) {
  return sql.replace(/\?(\d+)/g, (_m, n) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`no value for ?${n}`);
    return sqlLiteral(params[index]);
  });
}

/** The deployed database through `wrangler d1 execute --remote` (needs `wrangler login`). */
function openRemote() {
  const execute = async (sql) => {
    const { stdout } = await wrangler(['d1', 'execute', DATABASE, '--remote', '--json', '--command', sql]);
    return JSON.parse(stdout);
  };
  return {
    async all(sql, params = []) {
      const [first] = await execute(inlineSql(sql, params));
      return first?.results ?? [];
    },
    async batch(statements) {
      // Sent as one command, so a multi-statement change goes in one request.
      const answers = await execute(statements.map((s) => inlineSql(s.sql, s.params)).join(';\n'));
      return answers.map((a) => a?.meta?.changes ?? 0);
    },
    close: async () => {},
  };
}

async function withDb(options, fn) {
  const db = options.remote ? openRemote() : await openLocal(options.persistTo);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function origins(values) {
  return values.map((value) => {
    const origin = normaliseOrigin(value);
    if (!origin) throw new UsageError(`not an origin: ${value} (use scheme://host[:port])`);
    return origin;
  });
}

async function readSite(db, id) {
  const [site] = await db.all('SELECT id, name, origins FROM sites WHERE id = ?1', [id]);
  return site ?? null;
}

async function requireSite(db, id) {
  if (!id || !SITE_ID.test(id)) throw new UsageError('--site pk_... is required');
  const site = await readSite(db, id);
  if (!site) throw new UsageError(`no site ${id}`);
  return site;
}

async function newToken(siteId, name, nowMs, expiresAt = null) {
  const token = `st_${randomToken(24)}`;
  const id = `stf_${randomToken(9)}`;
  return { token, id, statement: staffTokenStatement(siteId, id, name, await sha256Hex(token), nowMs, expiresAt) };
}

/** Revoking a token also ends the sessions logged in with it. */
function revokeStatements(siteId, staffId, nowMs) {
  return [
    { sql: 'UPDATE staff_tokens SET revoked_at = ?3 WHERE id = ?1 AND site_id = ?2 AND revoked_at IS NULL', params: [staffId, siteId, nowMs] },
    { sql: 'DELETE FROM staff_sessions WHERE staff_id = ?1 AND site_id = ?2', params: [staffId, siteId] },
  ];
}

async function activeToken(db, siteId, staffId) {
  if (!staffId) throw new UsageError('--id stf_... is required');
  const [token] = await db.all('SELECT id, name, revoked_at FROM staff_tokens WHERE id = ?1 AND site_id = ?2', [staffId, siteId]);
  if (!token) throw new UsageError(`no staff token ${staffId} on ${siteId}`);
  if (token.revoked_at !== null) throw new UsageError(`staff token ${staffId} is already revoked`);
  return token;
}

/**
 * The Worker host a snippet names: `--host` when given; the local dev URL for the local
 * database; null for `--remote` without `--host`, whose address only the merchant knows.
 */
function snippetHost(options) {
  if (options.host !== undefined) {
    const origin = normaliseOrigin(options.host);
    if (!origin) throw new UsageError(`--host must be the Worker's origin, e.g. https://reviews.shop.example: ${options.host}`);
    return origin;
  }
  return options.remote ? null : LOCAL_HOST;
}

/** Creates a site with its first staff token; answers the keys, which exist nowhere else, and the snippet. */
export async function createSite(options) {
  const name = options.name?.trim();
  if (!name) throw new UsageError('--name is required');
  if (options.id !== undefined && !SITE_ID.test(options.id)) throw new UsageError('--id must look like pk_[A-Za-z0-9_-]');
  const allowed = origins(options.origins ?? []);
  if (allowed.length === 0) throw new UsageError('at least one --origin is required');
  const host = snippetHost(options);
  return withDb(options, async (db) => {
    if (options.id && (await readSite(db, options.id))) throw new UsageError(`site ${options.id} already exists`);
    const { keys, statements } = await provisionSite({ name, origins: allowed, publicKey: options.id, nowMs: Date.now() });
    await db.batch(statements);
    return { ...keys, name, origins: allowed, host, snippet: host === null ? null : embedSnippet(host, keys.publicKey) };
  });
}

/** Every site in the database: key, name, allowed origins, when it was created. No secrets. */
export async function listSites(options) {
  return withDb(options, async (db) => {
    const rows = await db.all('SELECT id, name, origins, created_at FROM sites ORDER BY created_at, id');
    return rows.map((r) => ({ id: r.id, name: r.name, origins: JSON.parse(r.origins), createdAt: new Date(r.created_at).toISOString() }));
  });
}

/** The snippet for an existing site, e.g. when the one `create` printed is lost or the host changed. */
export async function siteSnippet(options) {
  const host = snippetHost(options);
  if (host === null) throw new UsageError('--host is required with --remote: the origin your Worker is deployed on (e.g. https://rebound.you.workers.dev)');
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    return { site: site.id, host, snippet: embedSnippet(host, site.id) };
  });
}

/**
 * Creates the demo site `pk_demo` if it is missing (adding any new origins if it exists) and
 * issues a new staff token for it on every run, revoking none: `npm start` prints it. With
 * `shop`, it also fills the site once with the demo shop's history (`demo-shop.mjs`): the same
 * batch path as everything else here, skipped when the site was seeded before.
 */
export async function seedDemo(options = {}) {
  const wanted = origins([...DEMO_ORIGINS, ...(options.origins ?? [])]);
  return withDb(options, async (db) => {
    const nowMs = Date.now();
    const site = await readSite(db, DEMO_SITE);
    let answer;
    if (!site) {
      const { keys, statements } = await provisionSite({ name: 'Demo Shop', origins: [...new Set(wanted)], publicKey: DEMO_SITE, staffName: 'Demo staff', nowMs });
      await db.batch(statements);
      answer = { created: true, publicKey: DEMO_SITE, staffToken: keys.staffToken, staffId: keys.staffId, secretKey: keys.secretKey };
    } else {
      const current = JSON.parse(site.origins);
      const merged = [...new Set([...current, ...wanted])];
      const { token, id, statement } = await newToken(DEMO_SITE, 'Demo staff', nowMs);
      const statements = [statement];
      if (merged.length !== current.length) statements.push({ sql: 'UPDATE sites SET origins = ?2 WHERE id = ?1', params: [DEMO_SITE, JSON.stringify(merged)] });
      await db.batch(statements);
      answer = { created: false, publicKey: DEMO_SITE, staffToken: token, staffId: id };
    }
    if (options.shop) answer.shop = await seedShop(db, answer.staffId, nowMs);
    return answer;
  });
}

/** Writes the demo shop once per site, in one batch (all or nothing); null when it was there. */
async function seedShop(db, staffId, nowMs) {
  const [seeded] = await db.all('SELECT 1 AS yes FROM audit_log WHERE site_id = ?1 AND action = ?2 LIMIT 1', [DEMO_SITE, SEEDED_ACTION]);
  if (seeded) return null;
  const { statements, counts } = demoShop({ siteId: DEMO_SITE, staffId, nowMs });
  await db.batch(statements);
  return counts;
}

/**
 * The page origins a site's widget may load on. Adding one also clears its refused-origin
 * record (the console shows origins that were refused and are still not allowed); removing one
 * forgets when the widget was last seen there.
 */
export async function changeOrigins(options) {
  const action = options.action;
  const given = action === 'list' ? [] : origins(options.origins ?? []);
  if (action !== 'list' && given.length === 0) throw new UsageError('at least one --origin is required');
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    const current = JSON.parse(site.origins);
    if (action === 'list') return { site: site.id, origins: current };
    const next = action === 'add' ? [...new Set([...current, ...given])] : current.filter((o) => !given.includes(o));
    if (next.length === 0) throw new UsageError('a site needs at least one origin; add the new one before removing the last');
    const statements = [{ sql: 'UPDATE sites SET origins = ?2, content_version = content_version + 1 WHERE id = ?1', params: [site.id, JSON.stringify(next)] }];
    if (action === 'add') {
      statements.push({ sql: 'DELETE FROM refused_origins WHERE site_id = ?1 AND origin IN (SELECT value FROM json_each(?2))', params: [site.id, JSON.stringify(given)] });
    } else {
      statements.push({ sql: 'DELETE FROM seen_origins WHERE site_id = ?1 AND origin IN (SELECT value FROM json_each(?2))', params: [site.id, JSON.stringify(given)] });
    }
    await db.batch(statements);
    return { site: site.id, origins: next };
  });
}

export async function listTokens(options) {
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    const rows = await db.all(
      'SELECT id, name, created_at, last_used_at, revoked_at, expires_at FROM staff_tokens WHERE site_id = ?1 ORDER BY created_at, id',
      [site.id],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at).toISOString(),
      revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
      expiresAt: r.expires_at === null || r.expires_at === undefined ? null : new Date(r.expires_at).toISOString(),
    }));
  });
}

export async function createToken(options) {
  const name = options.name?.trim();
  if (!name) throw new UsageError('--name is required');
  let lifetime = null;
  if (options.expires !== undefined) {
    lifetime = parseTokenLifetime(options.expires);
    if (lifetime === null) throw new UsageError(`--expires takes a number and h, d or w (90d, 12w, 36h), up to ten years: ${options.expires}`);
  }
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    const nowMs = Date.now();
    const expiresAt = lifetime === null ? null : nowMs + lifetime;
    const { token, id, statement } = await newToken(site.id, name, nowMs, expiresAt);
    await db.batch([statement]);
    return { id, name, staffToken: token, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() };
  });
}

/** Revokes a token and issues its replacement under the same name, in one batch. */
export async function rotateToken(options) {
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    const old = await activeToken(db, site.id, options.id);
    const nowMs = Date.now();
    const { token, id, statement } = await newToken(site.id, old.name, nowMs);
    await db.batch([...revokeStatements(site.id, old.id, nowMs), statement]);
    return { revoked: old.id, id, name: old.name, staffToken: token };
  });
}

export async function revokeToken(options) {
  return withDb(options, async (db) => {
    const site = await requireSite(db, options.site);
    const old = await activeToken(db, site.id, options.id);
    await db.batch(revokeStatements(site.id, old.id, Date.now()));
    return { revoked: old.id };
  });
}

const USAGE = `Usage: npm run site -- <command> [options]

  create --name NAME --origin URL [--origin URL] [--id pk_x] [--host URL]
                                           --host: where the Worker runs, for the snippet it
                                           prints (default http://localhost:8787)
  list                                     every site: key, name, origins, created
  snippet --site pk_x [--host URL]         print the snippet to paste again
  origins list   --site pk_x
  origins add    --site pk_x --origin URL [--origin URL]   allow the widget on these pages
  origins remove --site pk_x --origin URL [--origin URL]
  token list   --site pk_x
  token create --site pk_x --name NAME [--expires 90d]   (h, d or w; no expiry by default)
  token rotate --site pk_x --id stf_x     revoke the token and issue a new one
  token revoke --site pk_x --id stf_x
  seed-demo [--origin URL] [--shop]        create pk_demo if missing; always issue a new token;
                                           --shop: fill it once with the demo shop's history

Options:
  --persist-to DIR   the local state of a 'wrangler dev --persist-to DIR'
  --remote           the deployed database (wrangler d1 execute --remote)
  --json             print JSON instead of text
`;

/** The snippet with what to change in it, or how to get it when the Worker's host is unknown. */
function snippetText({ snippet, host, publicKey, site }) {
  const key = publicKey ?? site;
  if (snippet === null) {
    return `To get the snippet to paste, run: npm run site -- snippet --remote --site ${key} --host https://YOUR-WORKER-HOST
(or log in to /admin/ on your Worker and open Install: it shows the snippet for the host it is served from)
`;
  }
  return `Paste this into your page where the reviews should appear (the widget loads from ${host}):

${snippet}

Change subject="sku-123" to your product's or page's own id. The <style> line holds the widget's
space before it loads, so nothing on your page moves. Your page's origin must be allowed
(npm run site -- origins add --site ${key} --origin https://your.shop).
`;
}

function print(json, value, text) {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
}

export async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      id: { type: 'string' },
      site: { type: 'string' },
      expires: { type: 'string' },
      'persist-to': { type: 'string' },
      remote: { type: 'boolean' },
      json: { type: 'boolean' },
      shop: { type: 'boolean' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const db = { persistTo: values['persist-to'], remote: values.remote ?? false };
  if (db.remote && db.persistTo) throw new UsageError('--remote and --persist-to do not go together');
  const json = values.json ?? false;
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'create') {
    const site = await createSite({ ...db, name: values.name, origins: values.origin, id: values.id, host: values.host });
    print(json, site, `Created site "${site.name}" (${site.origins.join(', ')})
  staff token:  ${site.staffToken}   (log in at ${site.host ?? 'your Worker'}/admin/; shown only now)
  public key:   ${site.publicKey}
  secret key:   ${site.secretKey}   (for server-to-server calls; shown only now)
  staff id:     ${site.staffId}

${snippetText(site)}`);
  } else if (command === 'list') {
    const sites = await listSites(db);
    print(
      json,
      sites,
      sites.length === 0 ? 'No sites yet: npm run site -- create --name NAME --origin URL\n' : sites.map((s) => `${s.id}  "${s.name}"  created ${s.createdAt}\n  allows: ${s.origins.join(', ')}\n`).join(''),
    );
  } else if (command === 'snippet') {
    const done = await siteSnippet({ ...db, site: values.site, host: values.host });
    print(json, done, `${snippetText(done)}`);
  } else if (command === 'seed-demo') {
    const demo = await seedDemo({ ...db, origins: values.origin, shop: values.shop ?? false });
    const shop = demo.shop ? `  demo shop:    ${demo.shop.submissions} submissions, ${demo.shop.cases} recovery cases\n` : values.shop ? '  demo shop:    already there\n' : '';
    print(json, demo, `${demo.created ? 'Created' : 'Found'} the demo site ${demo.publicKey}
  staff token:  ${demo.staffToken}
${demo.secretKey ? `  secret key:   ${demo.secretKey}\n` : ''}${shop}`);
  } else if (command === 'origins' && (sub === 'list' || sub === 'add' || sub === 'remove')) {
    const done = await changeOrigins({ ...db, site: values.site, origins: values.origin, action: sub });
    print(json, done, `${done.site} allows: ${done.origins.join(', ')}\n`);
  } else if (command === 'token' && sub === 'list') {
    const tokens = await listTokens({ ...db, site: values.site });
    print(
      json,
      tokens,
      tokens
        .map((t) => {
          const state = t.revokedAt ? 'revoked ' : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? 'expired ' : 'active  ';
          return `${t.id}  ${state}  ${t.name}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}${t.expiresAt ? `  expires ${t.expiresAt}` : ''}\n`;
        })
        .join(''),
    );
  } else if (command === 'token' && sub === 'create') {
    const made = await createToken({ ...db, site: values.site, name: values.name, expires: values.expires });
    print(json, made, `New staff token for "${made.name}" (${made.id}${made.expiresAt ? `, expires ${made.expiresAt}` : ''}):\n  ${made.staffToken}\n`);
  } else if (command === 'token' && sub === 'rotate') {
    const made = await rotateToken({ ...db, site: values.site, id: values.id });
    print(json, made, `Revoked ${made.revoked}. New staff token for "${made.name}" (${made.id}):\n  ${made.staffToken}\n`);
  } else if (command === 'token' && sub === 'revoke') {
    const done = await revokeToken({ ...db, site: values.site, id: values.id });
    print(json, done, `Revoked ${done.revoked}; its sessions are logged out.\n`);
  } else {
    throw new UsageError(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    const usage = err instanceof UsageError || err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    process.stderr.write(`site: ${usage ? err.message : err?.stack ?? err}\n`);
    process.exitCode = usage ? 2 : 1;
  });
}
