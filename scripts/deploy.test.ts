/**
 * `npm run deploy`'s plan, from wrangler.toml as wrangler reads it. Nothing here calls
 * Cloudflare: the plan is a pure function of the config, and --dry-run only prints it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDatabaseId, PLACEHOLDER_ID, planDeploy, readWranglerConfig, setDatabaseId } from './deploy.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

// Loading wrangler's config reader takes seconds on a busy machine; it happens once, here.
let repoConfig: unknown;
beforeAll(async () => {
  repoConfig = await readWranglerConfig(join(ROOT, 'wrangler.toml'));
}, 60_000);

describe('the deploy plan', () => {
  it('creates the D1 database, every queue and dead-letter queue once, then migrates, builds and deploys', () => {
    const steps = planDeploy(repoConfig);
    expect(steps.map((s: { title: string }) => s.title)).toEqual([
      'create the D1 database rebound',
      'write the id of rebound into wrangler.toml',
      'create the queue rebound-recovery',
      'create the queue rebound-webhooks',
      'create the queue rebound-email',
      'create the queue rebound-recovery-dlq',
      'create the queue rebound-webhooks-dlq',
      'create the queue rebound-email-dlq',
      'create the R2 bucket rebound-photos',
      'apply the D1 migrations to rebound (remote)',
      'build the widget, console and demo shop into dist/',
      'deploy the worker rebound',
    ]);
    expect(steps.find((s: { title: string }) => s.title.startsWith('apply'))?.args).toEqual(['d1', 'migrations', 'apply', 'rebound', '--remote']);
  });

  it('creates an R2 bucket named in wrangler.toml and skips writing an id that is already set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rebound-plan-'));
    try {
      const toml = `name = "shop"\nmain = "index.ts"\ncompatibility_date = "2026-11-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "shopdb"\ndatabase_id = "${ID}"\n\n[[r2_buckets]]\nbinding = "PHOTOS"\nbucket_name = "shop-photos"\n`;
      await writeFile(join(dir, 'wrangler.toml'), toml);
      const steps = planDeploy(await readWranglerConfig(join(dir, 'wrangler.toml')));
      const titles = steps.map((s: { title: string }) => s.title);
      expect(titles).toContain('create the R2 bucket shop-photos');
      expect(titles.some((t: string) => t.startsWith('write the id'))).toBe(false);
      expect(titles.at(-1)).toBe('deploy the worker shop');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the new id into its own [[d1_databases]] block and leaves the rest of the file alone', async () => {
    const toml = await readFile(join(ROOT, 'wrangler.toml'), 'utf8');
    const written = setDatabaseId(toml, 'rebound', ID);
    expect(written).toContain(`database_id = "${ID}"`);
    expect(written).not.toContain(PLACEHOLDER_ID);
    expect(written.replace(`database_id = "${ID}"`, `database_id = "${PLACEHOLDER_ID}"`)).toBe(toml);
    expect(() => setDatabaseId(toml, 'other', ID)).toThrow(/no \[\[d1_databases\]\] block named other/);
  });

  it('reads the id from what `wrangler d1 create` and `d1 list --json` print', () => {
    expect(findDatabaseId(`[[d1_databases]]\nbinding = "DB"\ndatabase_name = "rebound"\ndatabase_id = "${ID}"\n`, 'rebound')).toBe(ID);
    expect(findDatabaseId(JSON.stringify([{ uuid: ID, name: 'rebound' }, { uuid: 'x', name: 'other' }]), 'rebound')).toBe(ID);
    expect(findDatabaseId('[]', 'rebound')).toBeNull();
    expect(findDatabaseId(`▲ [WARNING] a newer wrangler exists\n${JSON.stringify([{ uuid: ID, name: 'rebound' }])}\n`, 'rebound')).toBe(ID);
  });

  it('prints the plan with --dry-run and writes nothing', async () => {
    const before = await readFile(join(ROOT, 'wrangler.toml'), 'utf8');
    const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/deploy.mjs'), '--dry-run'], { cwd: ROOT, env: { ...process.env, CLOUDFLARE_API_TOKEN: '' } });
    expect(stdout).toContain('nothing is called');
    expect(stdout).toContain('[12/12] deploy the worker rebound');
    expect(stdout).toContain('wrangler queues create rebound-webhooks-dlq');
    expect(await readFile(join(ROOT, 'wrangler.toml'), 'utf8')).toBe(before);
  }, 60_000);
});
