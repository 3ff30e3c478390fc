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

/** The machine itself: the same for every part of a run. */
export function describeMachine(chromiumPath) {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
  };
}

/** The 1, 5 and 15 minute load averages, to two decimals. */
export function loadAverages() {
  return loadavg().map((v) => Math.round(v * 100) / 100);
}

/**
 * Where one part's figures come from, taken when it starts: the commit measured, whether the
 * tree had other changes (then the commit is an approximation), the mode and the machine's load.
 * `finishProvenance` adds the end time and the load after.
 */
export function startProvenance(mode) {
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedChanges: Boolean(git(['status', '--porcelain', '--untracked-files=no'])),
    mode,
    startedAt: new Date().toISOString(),
    loadBefore: loadAverages(),
    node: process.version,
  };
}

export function finishProvenance(p) {
  return { ...p, finishedAt: new Date().toISOString(), loadAfter: loadAverages() };
}
