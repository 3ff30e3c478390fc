// `npm run deploy`: everything the README's deploy section used to list by hand, one step at a
// time and each printed: create what is missing in the Cloudflare account (the D1 database, the
// queues and their dead-letter queues, any R2 bucket), write the new D1 id into wrangler.toml,
// apply the migrations remotely, build, deploy. Every name comes from wrangler.toml.
//
//   npm run deploy                  do it (after `npx wrangler login`)
//   npm run deploy -- --dry-run     print the plan; call nothing
//   node scripts/deploy.mjs --check-bundle   bundle the worker offline (`wrangler deploy
//                                   --dry-run --outdir <tmp>`): what `npm test` runs so a worker
//                                   that would not bundle fails CI
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, 'wrangler.toml');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
/** The id wrangler.toml ships with, until `npm run deploy` writes the real one. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The steps that deploy a config, in order. `config` is wrangler.toml as wrangler reads it
 * (`unstable_readConfig`): only names are read, nothing is called. A `create` step is skipped
 * at run time when the resource already exists.
 * @example planDeploy(readWranglerConfig()).map((s) => s.title)
 */
export function planDeploy(config) {
  const steps = [];
  for (const db of config.d1_databases ?? []) {
    steps.push({ kind: 'create', resource: 'd1', name: db.database_name, title: `create the D1 database ${db.database_name}`, args: ['d1', 'create', db.database_name] });
    if (!db.database_id || db.database_id === PLACEHOLDER_ID) {
      steps.push({ kind: 'write-id', name: db.database_name, title: `write the id of ${db.database_name} into wrangler.toml` });
    }
  }
  const queues = new Set();
  for (const p of config.queues?.producers ?? []) queues.add(p.queue);
  for (const c of config.queues?.consumers ?? []) {
    queues.add(c.queue);
    if (c.dead_letter_queue) queues.add(c.dead_letter_queue);
  }
  for (const q of queues) steps.push({ kind: 'create', resource: 'queue', name: q, title: `create the queue ${q}`, args: ['queues', 'create', q] });
  for (const b of config.r2_buckets ?? []) {
    if (b.bucket_name) steps.push({ kind: 'create', resource: 'r2', name: b.bucket_name, title: `create the R2 bucket ${b.bucket_name}`, args: ['r2', 'bucket', 'create', b.bucket_name] });
  }
  for (const db of config.d1_databases ?? []) {
    steps.push({ kind: 'wrangler', title: `apply the D1 migrations to ${db.database_name} (remote)`, args: ['d1', 'migrations', 'apply', db.database_name, '--remote'] });
  }
  steps.push({ kind: 'build', title: 'build the widget, console and demo shop into dist/' });
  steps.push({ kind: 'wrangler', title: `deploy the worker ${config.name}`, args: ['deploy'] });
  return steps;
}

/**
 * wrangler.toml with `id` as the database_id of the [[d1_databases]] block named `name`; the
 * rest of the file (comments included) is left as it was.
 */
export function setDatabaseId(toml, name, id) {
  const blocks = toml.split(/(?=^\[)/m);
  let found = false;
  const out = blocks.map((block) => {
    if (!/^\[\[d1_databases\]\]/.test(block)) return block;
    if (!new RegExp(`^database_name\\s*=\\s*"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'm').test(block)) return block;
    found = true;
    return /^database_id\s*=/m.test(block) ? block.replace(/^database_id\s*=.*$/m, `database_id = "${id}"`) : block.replace(/^(database_name\s*=.*)$/m, `$1\ndatabase_id = "${id}"`);
  });
  if (!found) throw new Error(`wrangler.toml has no [[d1_databases]] block named ${name}`);
  return out.join('');
}

/** The D1 id in `wrangler d1 create` or `wrangler d1 list --json` output. */
export function findDatabaseId(output, name) {
  try {
    // Any warning wrangler prints before the JSON is not part of it.
    const list = JSON.parse(output.slice(Math.max(0, output.search(/^\[/m)), output.lastIndexOf(']') + 1));
    if (Array.isArray(list)) return list.find((d) => d.name === name)?.uuid ?? null;
  } catch {
    // not JSON: the text `wrangler d1 create` prints
  }
  return output.match(/"?database_id"?\s*[=:]\s*"([0-9a-f-]{36})"/)?.[1] ?? null;
}

/** wrangler.toml as wrangler itself reads it. */
export async function readWranglerConfig(configPath = CONFIG) {
  const { unstable_readConfig } = await import('wrangler');
  return unstable_readConfig({ config: configPath }, { hideWarnings: true });
}

function wranglerEnv(extra = {}) {
  // No banner: it is also wrangler's npm update check, a network call.
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', NO_COLOR: '1', ...extra };
}

async function wrangler(args, env = {}) {
  return run(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: wranglerEnv(env), maxBuffer: 32 << 20 });
}

function say(n, total, title) {
  process.stdout.write(`[${n}/${total}] ${title}\n`);
}

const ALREADY = /already (exists|taken|in use)|name.*(is )?(taken|in use)|\b(10073|11009)\b/i;

async function deploy() {
  const steps = planDeploy(await readWranglerConfig());
  const ids = new Map();
  for (const [i, step] of steps.entries()) {
    say(i + 1, steps.length, step.title);
    if (step.kind === 'create' && step.resource === 'd1') {
      const listed = findDatabaseId((await wrangler(['d1', 'list', '--json'])).stdout, step.name);
      if (listed) {
        process.stdout.write(`      exists (${listed})\n`);
        ids.set(step.name, listed);
        continue;
      }
      const { stdout } = await wrangler(step.args);
      const id = findDatabaseId(stdout, step.name);
      if (!id) throw new Error(`could not read the new database's id from:\n${stdout}`);
      process.stdout.write(`      created (${id})\n`);
      ids.set(step.name, id);
    } else if (step.kind === 'create') {
      try {
        await wrangler(step.args);
        process.stdout.write('      created\n');
      } catch (err) {
        const text = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
        if (!ALREADY.test(text)) throw err;
        process.stdout.write('      exists\n');
      }
    } else if (step.kind === 'write-id') {
      const id = ids.get(step.name);
      if (!id) throw new Error(`no id known for ${step.name}`);
      await writeFile(CONFIG, setDatabaseId(await readFile(CONFIG, 'utf8'), step.name, id));
      process.stdout.write(`      database_id = "${id}"\n`);
    } else if (step.kind === 'build') {
      await run(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
    } else {
      const { stdout } = await wrangler(step.args, { CI: 'true' });
      const last = stdout.trim().split('\n').slice(-3).join('\n      ');
      if (last) process.stdout.write(`      ${last}\n`);
    }
  }
  process.stdout.write('Deployed. Next: npm run site -- create --remote --name "My Shop" --origin https://shop.example\n');
}

async function dryRun() {
  const steps = planDeploy(await readWranglerConfig());
  process.stdout.write('The plan (--dry-run: nothing is called):\n');
  for (const [i, step] of steps.entries()) {
    const how = step.args ? `wrangler ${step.args.join(' ')}` : step.kind === 'build' ? 'node scripts/build.mjs' : 'edit wrangler.toml';
    process.stdout.write(`[${i + 1}/${steps.length}] ${step.title}${step.kind === 'create' ? ' (if missing)' : ''}\n      ${how}\n`);
  }
}

/** Bundles the worker as a deploy would, into a temporary folder, without an account or network. */
async function checkBundle() {
  const outdir = await mkdtemp(join(tmpdir(), 'rebound-bundle-'));
  try {
    await wrangler(['deploy', '--dry-run', '--outdir', outdir], { CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' });
    process.stdout.write('the worker bundles (wrangler deploy --dry-run)\n');
  } catch (err) {
    process.stderr.write(`the worker does not bundle:\n${err.stderr || err.stdout || err.message}\n`);
    process.exitCode = 1;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export async function main(argv) {
  const { values } = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean' }, 'check-bundle': { type: 'boolean' } } });
  if (values['check-bundle']) return checkBundle();
  if (values['dry-run']) return dryRun();
  return deploy();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`deploy: ${err?.stderr || err?.message || err}\n`);
    process.exitCode = 1;
  });
}
