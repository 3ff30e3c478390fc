/** Fixtures of the catalogue suites: review imports driven through the staff API as the console drives them. */
import { SELF } from 'cloudflare:test';
import type { ImportJob, ImportStarted } from '../../shared/imports.ts';
import { BASE } from './helpers.ts';

export function importRequest(cookie: string, source: string, csv: string | Uint8Array, dryRun = false, type = 'text/csv; charset=utf-8'): Request {
  return new Request(`${BASE}/v1/admin/imports?source=${source}${dryRun ? '&dryRun=1' : ''}`, {
    method: 'POST',
    headers: { cookie, origin: BASE, 'sec-fetch-site': 'same-origin', 'content-type': type },
    body: csv,
  });
}

export function runRequest(cookie: string, id: string): Request {
  return new Request(`${BASE}/v1/admin/imports/${id}/run`, { method: 'POST', headers: { cookie, origin: BASE, 'sec-fetch-site': 'same-origin' } });
}

/** Uploads a file, then runs the job until it is done; throws if it never finishes. */
export async function importFile(cookie: string, source: string, csv: string): Promise<{ status: number; job: ImportJob }> {
  const started = await SELF.fetch(importRequest(cookie, source, csv));
  if (started.status !== 200 && started.status !== 202) throw new Error(`import refused: ${started.status} ${await started.text()}`);
  let job = (await started.json<ImportStarted>()).import;
  for (let i = 0; i < 100 && job.status === 'running'; i += 1) job = (await (await SELF.fetch(runRequest(cookie, job.id))).json<{ import: ImportJob }>()).import;
  if (job.status !== 'done') throw new Error(`import ${job.id} did not finish`);
  return { status: started.status, job };
}
