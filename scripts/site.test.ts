/**
 * `npm run site` against a throwaway local D1 (`--persist-to` a temp folder): the CLI runs as
 * its own process, exactly as a merchant runs it, and the results are read back through a real
 * D1 binding on the same state, with the same query the login route uses.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatformProxy } from 'wrangler';
import { findActiveStaffToken } from '../worker/src/db/staff.ts';
import { sha256Hex } from '../worker/src/lib/crypto.ts';
import { embedSnippet, RESERVED_SPACE } from '../shared/embed.ts';
import { inlineSql, sqlLiteral } from './site.mjs';

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(ROOT, 'scripts/site.mjs');
const SLOW = 120_000;

let dir = '';

async function cli(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [SITE, ...args, '--persist-to', dir, '--json'], { cwd: ROOT });
  return JSON.parse(stdout);
}

async function cliFails(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [SITE, ...args, '--persist-to', dir], { cwd: ROOT });
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error('the command succeeded');
}

async function withDb<T>(fn: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(dir, 'v3') },
    remoteBindings: false,
  });
  try {
    return await fn(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

async function authenticates(token: string): Promise<boolean> {
  return withDb(async (db) => (await findActiveStaffToken(db, await sha256Hex(token), Date.now())) !== null);
}

interface Created {
  publicKey: string;
  secretKey: string;
  staffToken: string;
  staffId: string;
}

beforeAll(async () => {
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  dir = await mkdtemp(join(tmpdir(), 'rebound-site-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run site', () => {
  let site: Created;

  it(
    'creates a site with hashed keys, normalised origins and a working first staff token',
    async () => {
      site = (await cli('create', '--name', 'CLI Shop', '--origin', 'https://Shop.Example/', '--origin', 'http://localhost:3000')) as Created;
      expect(site.publicKey).toMatch(/^pk_[A-Za-z0-9_-]+$/);
      expect(site.secretKey).toMatch(/^sk_[A-Za-z0-9_-]{20,}$/);
      expect(site.staffToken).toMatch(/^st_[A-Za-z0-9_-]{20,}$/);
      const stored = await withDb((db) => db.prepare('SELECT name, origins, secret_hash FROM sites WHERE id = ?1').bind(site.publicKey).first<Record<string, string>>());
      expect(stored).toEqual({
        name: 'CLI Shop',
        origins: JSON.stringify(['https://shop.example', 'http://localhost:3000']),
        secret_hash: await sha256Hex(site.secretKey),
      });
      expect(await authenticates(site.staffToken)).toBe(true);
    },
    SLOW,
  );

  it(
    'prints the snippet to paste after create: the local Worker, the new key, the reserved space and the element',
    async () => {
      expect((site as Created & { snippet: string }).snippet).toBe(embedSnippet('http://localhost:8787', site.publicKey));
      const { stdout } = await run(process.execPath, [SITE, 'create', '--name', 'Hosted Shop', '--origin', 'https://hosted.example', '--host', 'https://reviews.hosted.example/', '--persist-to', dir], { cwd: ROOT });
      const key = /public key:\s+(pk_\S+)/.exec(stdout)?.[1] ?? '';
      expect(key).toMatch(/^pk_/);
      expect(stdout).toContain(`<script type="module" src="https://reviews.hosted.example/widget.js" data-site="${key}" async></script>`);
      expect(stdout).toContain(`<style>${RESERVED_SPACE}</style>`);
      expect(stdout).toContain('<rb-feedback subject="sku-123"></rb-feedback>');
      expect(stdout).toContain('Change subject="sku-123"');
      expect(stdout).not.toContain('WORKER_HOST');
    },
    SLOW,
  );

  it(
    'prints the snippet again for an existing site, and asks for --host where it cannot know it',
    async () => {
      const again = (await cli('snippet', '--site', site.publicKey, '--host', 'https://rebound.shop.example')) as { snippet: string };
      expect(again.snippet).toBe(embedSnippet('https://rebound.shop.example', site.publicKey));
      expect(await cliFails('snippet', '--site', site.publicKey, '--host', 'not a host')).toMatchObject({ code: 2, stderr: expect.stringContaining('--host') });
      // Refused before any database is opened, so no remote call is ever attempted.
      const remote = await run(process.execPath, [SITE, 'snippet', '--site', site.publicKey, '--remote'], { cwd: ROOT }).catch((err: { code: number; stderr: string }) => err);
      expect(remote).toMatchObject({ code: 2, stderr: expect.stringContaining('--host is required') });
      expect(await cliFails('snippet', '--site', 'pk_nothere')).toMatchObject({ code: 2, stderr: expect.stringContaining('no site pk_nothere') });
    },
    SLOW,
  );

  it(
    'lists every site with its key, name, origins and creation time, and no secret',
    async () => {
      const sites = (await cli('list')) as { id: string; name: string; origins: string[]; createdAt: string }[];
      const mine = sites.find((s) => s.id === site.publicKey);
      expect(mine).toEqual({ id: site.publicKey, name: 'CLI Shop', origins: ['https://shop.example', 'http://localhost:3000'], createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(sites.map((s) => s.name)).toContain('Hosted Shop');
      const { stdout } = await run(process.execPath, [SITE, 'list', '--persist-to', dir], { cwd: ROOT });
      expect(stdout).toContain(`${site.publicKey}  "CLI Shop"`);
      expect(stdout).toContain('allows: https://shop.example, http://localhost:3000');
      expect(stdout).not.toMatch(/sk_|st_/);
    },
    SLOW,
  );

  it(
    'lists the tokens of a site without revealing them',
    async () => {
      const tokens = (await cli('token', 'list', '--site', site.publicKey)) as { id: string; name: string; revokedAt: string | null }[];
      expect(tokens).toEqual([expect.objectContaining({ id: site.staffId, name: 'Owner', revokedAt: null })]);
      expect(JSON.stringify(tokens)).not.toContain(site.staffToken);
    },
    SLOW,
  );

  it(
    'rotating a token stops the old one and starts a new one with the same name',
    async () => {
      const rotated = (await cli('token', 'rotate', '--site', site.publicKey, '--id', site.staffId)) as { id: string; name: string; staffToken: string; revoked: string };
      expect(rotated).toMatchObject({ revoked: site.staffId, name: 'Owner' });
      expect(await authenticates(site.staffToken)).toBe(false);
      expect(await authenticates(rotated.staffToken)).toBe(true);

      const revoked = await cli('token', 'revoke', '--site', site.publicKey, '--id', rotated.id);
      expect(revoked).toEqual({ revoked: rotated.id });
      expect(await authenticates(rotated.staffToken)).toBe(false);
    },
    SLOW,
  );

  it(
    'issues an extra named token, and refuses to touch a revoked one or another site',
    async () => {
      const extra = (await cli('token', 'create', '--site', site.publicKey, '--name', 'Support')) as { staffToken: string };
      expect(await authenticates(extra.staffToken)).toBe(true);
      expect(await cliFails('token', 'revoke', '--site', site.publicKey, '--id', site.staffId)).toMatchObject({ code: 2, stderr: expect.stringContaining('already revoked') });
      expect(await cliFails('token', 'list', '--site', 'pk_nothere')).toMatchObject({ code: 2, stderr: expect.stringContaining('no site pk_nothere') });
    },
    SLOW,
  );

  it(
    'issues a token that expires, and refuses an unreadable lifetime',
    async () => {
      const made = (await cli('token', 'create', '--site', site.publicKey, '--name', 'Temp', '--expires', '90d')) as { staffToken: string; expiresAt: string };
      expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
      expect(await authenticates(made.staffToken)).toBe(true);
      expect(await cliFails('token', 'create', '--site', site.publicKey, '--name', 'Temp', '--expires', 'forever')).toMatchObject({ code: 2, stderr: expect.stringContaining('--expires') });
      const listed = (await cli('token', 'list', '--site', site.publicKey)) as { name: string; expiresAt: string | null }[];
      expect(listed.find((t) => t.name === 'Temp')?.expiresAt).toBe(made.expiresAt);
    },
    SLOW,
  );

  it(
    'adds and removes allowed origins, normalised, never the last one',
    async () => {
      const added = (await cli('origins', 'add', '--site', site.publicKey, '--origin', 'https://WWW.Shop.example/')) as { origins: string[] };
      expect(added.origins).toContain('https://www.shop.example');
      const removed = (await cli('origins', 'remove', '--site', site.publicKey, '--origin', 'https://www.shop.example')) as { origins: string[] };
      expect(removed.origins).not.toContain('https://www.shop.example');
      const listed = (await cli('origins', 'list', '--site', site.publicKey)) as { origins: string[] };
      expect(listed.origins).toEqual(removed.origins);
      const last = listed.origins;
      expect(await cliFails('origins', 'remove', '--site', site.publicKey, ...last.flatMap((o) => ['--origin', o]))).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one origin') });
    },
    SLOW,
  );

  it(
    'refuses an origin that is not scheme://host[:port] and writes nothing',
    async () => {
      expect(await cliFails('create', '--name', 'Bad', '--origin', 'https://shop.example/path')).toMatchObject({ code: 2, stderr: expect.stringContaining('not an origin') });
      const count = await withDb((db) => db.prepare("SELECT count(*) AS n FROM sites WHERE name = 'Bad'").first<{ n: number }>());
      expect(count?.n).toBe(0);
    },
    SLOW,
  );

  it(
    'seeds pk_demo once and issues a new working token on every run',
    async () => {
      const first = (await cli('seed-demo')) as { created: boolean; staffToken: string };
      const second = (await cli('seed-demo', '--origin', 'http://localhost:9000')) as { created: boolean; staffToken: string };
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.staffToken).not.toBe(first.staffToken);
      expect(await authenticates(first.staffToken)).toBe(true);
      expect(await authenticates(second.staffToken)).toBe(true);
      const demo = await withDb((db) => db.prepare("SELECT name, origins FROM sites WHERE id = 'pk_demo'").first<Record<string, string>>());
      expect(demo?.name).toBe('Demo Shop');
      expect(JSON.parse(demo?.origins ?? '[]')).toEqual(['http://localhost:8787', 'http://127.0.0.1:8787', 'http://localhost:9000']);
    },
    SLOW,
  );
});

describe('SQL for --remote', () => {
  it('escapes quotes so a value cannot end its string', () => {
    expect(sqlLiteral("O'Brien'; DROP TABLE sites; --")).toBe("'O''Brien''; DROP TABLE sites; --'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(42)).toBe('42');
  });

  it('fills numbered parameters, each wherever it appears', () => {
    expect(inlineSql('UPDATE t SET a = ?2 WHERE id = ?1 AND b = ?2', ['x', "it's"])).toBe("UPDATE t SET a = 'it''s' WHERE id = 'x' AND b = 'it''s'");
  });

  it('refuses a parameter with no value', () => {
    expect(() => inlineSql('SELECT ?3', ['a'])).toThrow(RangeError);
  });
});
