// The real staff API answers these requests in test/browser/admin-*.test.ts; here a stubbed
// fetch pins down only how the client maps answers it cannot easily provoke (a proxy page, a
// dropped connection, a malformed body) onto what staff are shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { ApiError, request, withQuery } from './api.ts';
import { describeError } from './report.ts';

describe('withQuery', () => {
  it('leaves out unset filters so the server applies its defaults', () => {
    expect(withQuery('/v1/admin/submissions', { status: 'pending', kind: '', stars: undefined, q: 'کتاب' })).toBe(
      '/v1/admin/submissions?status=pending&q=%DA%A9%D8%AA%D8%A7%D8%A8',
    );
    expect(withQuery('/x', {})).toBe('/x');
  });
});

describe('request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns a problem+json answer into an ApiError with its detail and field errors', async () => {
    const problem = { type: 'urn:x', title: 'Invalid', status: 422, detail: 'Check the fields.', errors: [{ path: 'body', code: 'too_small', message: 'required' }] };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }));
    const err: unknown = await request(z.object({}), '/v1/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(describeError(err, en)).toEqual({ message: 'Check the fields.', errors: problem.errors });
  });

  it('refuses an answer that does not match the schema', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ id: 1 }));
    await expect(request(z.object({ id: z.string() }), '/v1/x')).rejects.toMatchObject({ detail: 'The server answered in an unexpected shape.' });
  });

  it('reports an unreachable server as a network error, in words staff understand', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err: unknown = await request(z.object({}), '/v1/x').catch((e: unknown) => e);
    expect(describeError(err, en).message).toBe(en.networkError);
  });

  it('sends JSON with the session cookie, same-origin only', async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(init);
      return Response.json({});
    });
    await request(z.object({}), '/v1/x', { method: 'POST', body: { a: 1 } });
    expect(seen[0]).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' });
  });
});

describe('describeError in Persian', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says a known problem and its field errors in Persian, not the server’s English', async () => {
    const problem = { type: 'urn:rebound:problem:conflict', title: 'Conflict', status: 409, detail: 'Someone else changed this case; reload it.', errors: [{ path: 'body', code: 'too_big', message: 'Too big: expected string to have <=2000 characters' }] };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    const err: unknown = await request(z.object({}), '/v1/x').catch((e: unknown) => e);
    const shown = describeError(err, fa);
    expect(shown.message).toBe(fa.problem.conflict);
    expect(shown.errors[0]).toMatchObject({ path: 'body', message: fa.fieldError.too_big });
    expect(describeError(err, en).message).toBe(problem.detail);
  });

  it('falls back to a sentence for the status when the problem type is not known', async () => {
    const problem = { type: 'urn:rebound:problem:something-new', title: 'Not found', status: 404, detail: 'There is no such thing.' };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 404, headers: { 'content-type': 'application/problem+json' } }));
    const err: unknown = await request(z.object({}), '/v1/x').catch((e: unknown) => e);
    expect(describeError(err, fa).message).toBe(fa.problemStatus(404));
  });
});
