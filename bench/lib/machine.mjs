/** What the figures were measured on: they mean little without the machine, date and commit. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function describeMachine(chromiumPath) {
  const list = cpus();
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    // Load average before the run: other work on the machine skews absolute figures.
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    // Other work in the tree at measuring time makes the commit an approximation; say so.
    uncommittedChanges: Boolean(dirty),
  };
}
