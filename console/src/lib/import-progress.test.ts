import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/imports.ts';
import { driveImport, importShare } from './import-progress.ts';

const job = (done: number, total: number, status: ImportJob['status'] = 'running'): ImportJob => ({
  id: 'j', source: 'generic', status, total, done, inserted: done, createdAt: '', updatedAt: '',
});

describe('importShare', () => {
  it.each([
    [0, 10, 0],
    [5, 10, 0.5],
    [10, 10, 1],
    [0, 0, 1],
  ])('%i of %i is %d', (done, total, share) => {
    expect(importShare({ done, total })).toBe(share);
  });
});

describe('driveImport', () => {
  it('steps until done and reports each state', async () => {
    const states = [job(5000, 12000), job(10000, 12000), job(12000, 12000, 'done')];
    const seen: number[] = [];
    const last = await driveImport(job(0, 12000), async () => states.shift() ?? job(12000, 12000, 'done'), (j) => seen.push(j.done));
    expect(last.status).toBe('done');
    expect(seen).toEqual([0, 5000, 10000, 12000]);
  });
  it('stops with an error when a step makes no progress', async () => {
    await expect(driveImport(job(0, 10), async () => job(0, 10), () => {})).rejects.toThrow('no progress');
  });
});
