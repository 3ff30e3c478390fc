/**
 * The import page's arithmetic: how far a job is, as a share and as words both languages format.
 */
import type { ImportJob } from '../../../shared/imports.ts';

/** 0..1; a job with nothing to do is complete. */
export function importShare(job: Pick<ImportJob, 'done' | 'total'>): number {
  if (job.total <= 0) return 1;
  return Math.min(1, Math.max(0, job.done / job.total));
}

/**
 * Drives a job to completion with `step` (one `run` request each), reporting every state to
 * `onProgress`. Stops when the job is done, or after `maxSteps` (a job that stops moving is a
 * server problem to show, not a loop to spin in).
 */
export async function driveImport(
  job: ImportJob,
  step: (id: string) => Promise<ImportJob>,
  onProgress: (job: ImportJob) => void,
  maxSteps = 1000,
): Promise<ImportJob> {
  let current = job;
  onProgress(current);
  for (let i = 0; i < maxSteps && current.status === 'running'; i += 1) {
    const next = await step(current.id);
    if (next.status === 'running' && next.done === current.done) throw new Error('the import made no progress');
    current = next;
    onProgress(current);
  }
  return current;
}
