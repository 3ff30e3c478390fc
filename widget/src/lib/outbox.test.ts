import { describe, expect, it } from 'vitest';
import type { SubmissionInput } from '../../../shared/submission.ts';
import { backoffMs, classify, needsChallenge, newKey, Outbox, storageKey, withToken, type KeyValueStore } from './outbox.ts';
import { flush, sendChallenged, type Answer } from './deliver.ts';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const body: SubmissionInput = {
  kind: 'review',
  rating: 4,
  body: 'Good kettle',
  author: { name: 'Sara', email: 'sara@example.com' },
  subject: 'sku-1',
};

function entry(key: string, nextAt = 0) {
  return { key, body, attempts: 0, nextAt };
}

describe('backoffMs', () => {
  it('doubles from two seconds and caps at five minutes', () => {
    expect(backoffMs(1, 0.5)).toBe(2000);
    expect(backoffMs(2, 0.5)).toBe(4000);
    expect(backoffMs(4, 0.5)).toBe(16000);
    expect(backoffMs(30, 0.5)).toBe(300_000);
  });
  it('jitters by at most a quarter either way', () => {
    expect(backoffMs(3, 0)).toBe(6000);
    expect(backoffMs(3, 1)).toBe(10000);
  });
});

describe('classify', () => {
  it('retries network failures, timeouts, rate limits and server errors', () => {
    for (const status of [0, 408, 429, 500, 503]) expect(classify(status)).toBe('retry');
  });
  it('gives up on other client errors and succeeds on 2xx', () => {
    for (const status of [400, 404, 409, 413, 422]) expect(classify(status)).toBe('refused');
    expect(classify(201)).toBe('delivered');
  });
});

describe('newKey', () => {
  it('makes a key the API accepts as Idempotency-Key', () => {
    const key = newKey((b) => b.map((_, i) => i * 17));
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
  });
});

describe('Outbox', () => {
  it('keeps entries per site and replaces an entry with the same key', () => {
    const store = new MemoryStore();
    const a = new Outbox(store, 'pk_a');
    a.put(entry('k1'));
    a.put({ ...entry('k1'), attempts: 2 });
    new Outbox(store, 'pk_b').put(entry('k2'));
    expect(a.list()).toEqual([{ ...entry('k1'), attempts: 2 }]);
    expect(new Outbox(store, 'pk_b').list().map((e) => e.key)).toEqual(['k2']);
  });

  it('leaves no storage key behind once the last entry is removed', () => {
    const store = new MemoryStore();
    const box = new Outbox(store, 'pk_a');
    box.put(entry('k1'));
    box.remove('k1');
    expect(store.data.has(storageKey('pk_a'))).toBe(false);
  });

  it('treats unreadable storage as an empty outbox', () => {
    const store = new MemoryStore();
    store.setItem(storageKey('pk_a'), '{not json');
    expect(new Outbox(store, 'pk_a').list()).toEqual([]);
    store.setItem(storageKey('pk_a'), JSON.stringify([{ key: 1 }, entry('ok')]));
    expect(new Outbox(store, 'pk_a').list().map((e) => e.key)).toEqual(['ok']);
  });

  it('offers only entries whose retry time has come', () => {
    const box = new Outbox(new MemoryStore(), 'pk_a');
    box.put(entry('now', 1000));
    box.put(entry('later', 5000));
    expect(box.due(1000).map((e) => e.key)).toEqual(['now']);
  });
});

describe('flush', () => {
  it('keeps a submission with its key through failures and delivers it once, leaving storage empty', async () => {
    const store = new MemoryStore();
    const box = new Outbox(store, 'pk_a');
    box.put(entry('key-1234'));
    let clock = 0;
    const seen: string[] = [];
    const answers: Answer[] = [{ status: 0, body: null }, { status: 503, body: null }, { status: 201, body: { id: 's1', kind: 'review', status: 'pending' } }];
    const send = async (e: { key: string }) => {
      seen.push(e.key);
      const answer = answers.shift();
      if (!answer) throw new Error('sent too often');
      if (answer.status === 0) throw new TypeError('Failed to fetch');
      return answer;
    };

    const first = await flush(box, send, () => clock, () => 0.5);
    expect(first).toEqual([{ key: 'key-1234', result: 'retry', nextAt: 2000 }]);
    expect(await flush(box, send, () => 1999, () => 0.5)).toEqual([]);
    clock = 2000;
    expect((await flush(box, send, () => clock, () => 0.5))[0]).toMatchObject({ result: 'retry', nextAt: 6000 });
    clock = 6000;
    const last = await flush(box, send, () => clock, () => 0.5);
    expect(last).toEqual([{ key: 'key-1234', result: 'delivered', created: { id: 's1', kind: 'review', status: 'pending' } }]);
    expect(seen).toEqual(['key-1234', 'key-1234', 'key-1234']);
    expect(store.data.size).toBe(0);
  });

  it('drops a refused submission and hands back the problem', async () => {
    const box = new Outbox(new MemoryStore(), 'pk_a');
    box.put(entry('key-5678'));
    const problem = { type: 'about:blank', title: 'Invalid body', status: 422, errors: [{ path: 'body', code: 'too_small', message: 'x' }] };
    const [outcome] = await flush(box, async () => ({ status: 422, body: problem }), () => 0, () => 0.5);
    expect(outcome).toEqual({ key: 'key-5678', result: 'refused', status: 422, problem });
    expect(box.list()).toEqual([]);
  });

  it('retries every entry at once when asked to (the connection just came back), backoff or not', async () => {
    const box = new Outbox(new MemoryStore(), 'pk_a');
    box.put(entry('waiting-1', 60_000));
    const sent: string[] = [];
    const send = async (e: { key: string }) => {
      sent.push(e.key);
      return { status: 201, body: null };
    };
    expect(await flush(box, send, () => 0, () => 0.5)).toEqual([]);
    const [outcome] = await flush(box, send, () => 0, () => 0.5, true);
    expect(outcome).toEqual({ key: 'waiting-1', result: 'delivered', created: null });
    expect(sent).toEqual(['waiting-1']);
  });
});

describe('turnstile refusals', () => {
  const refused = (slug: string) => ({ type: `urn:rebound:problem:${slug}`, title: 'Forbidden', status: 403 });

  it('recognises only a 403 turnstile-required or turnstile-failed problem', () => {
    expect(needsChallenge(403, refused('turnstile-failed'))).toBe(true);
    expect(needsChallenge(403, refused('turnstile-required'))).toBe(true);
    expect(needsChallenge(403, refused('forbidden'))).toBe(false);
    expect(needsChallenge(422, refused('turnstile-failed'))).toBe(false);
    expect(needsChallenge(403, null)).toBe(false);
    expect(needsChallenge(403, 'urn:rebound:problem:turnstile-failed')).toBe(false);
  });

  it('replaces the spent token and keeps the rest of the body and meta', () => {
    const spent = { ...body, meta: { elapsedMs: 9000, turnstile: 'old' } };
    expect(withToken(spent, 'new')).toEqual({ ...body, meta: { elapsedMs: 9000, turnstile: 'new' } });
    expect(withToken(body, 'new').meta).toEqual({ turnstile: 'new' });
  });

  it('keeps an entry whose token expired, stops retrying it, and sends it once with a fresh token', async () => {
    const store = new MemoryStore();
    const box = new Outbox(store, 'pk_a');
    box.put({ ...entry('saved-1'), body: withToken(body, 'expired') });
    const sent: (string | undefined)[] = [];
    let answer: Answer = { status: 403, body: refused('turnstile-failed') };
    const send = async (e: { body: SubmissionInput }) => {
      sent.push(e.body.meta?.turnstile);
      return answer;
    };

    expect(await flush(box, send, () => 0, () => 0.5, true)).toEqual([{ key: 'saved-1', result: 'challenge' }]);
    expect(box.challenged().map((e) => e.key)).toEqual(['saved-1']);
    // Waiting for a token is not a backoff: neither a due flush nor an all-at-once one resends it.
    expect(await flush(box, send, () => 10 ** 12, () => 0.5)).toEqual([]);
    expect(await flush(box, send, () => 10 ** 12, () => 0.5, true)).toEqual([]);

    answer = { status: 201, body: null };
    expect(await sendChallenged(box, 'fresh', send, () => 0, () => 0.5)).toEqual({ key: 'saved-1', result: 'delivered', created: null });
    expect(sent).toEqual(['expired', 'fresh']);
    expect(store.data.size).toBe(0);
    expect(await sendChallenged(box, 'unused', send, () => 0, () => 0.5)).toBeNull();
  });

  it('retries entries that waited for a token as usual once the site no longer asks for one', () => {
    const box = new Outbox(new MemoryStore(), 'pk_a');
    box.put({ ...entry('saved-3'), challenge: true });
    box.put(entry('plain-1'));
    expect(box.due(0).map((e) => e.key)).toEqual(['plain-1']);
    box.unflag();
    expect(box.due(0).map((e) => e.key)).toEqual(['saved-3', 'plain-1']);
    expect(box.challenged()).toEqual([]);
  });

  it('keeps waiting when the fresh token is refused too', async () => {
    const box = new Outbox(new MemoryStore(), 'pk_a');
    box.put({ ...entry('saved-2'), challenge: true });
    const outcome = await sendChallenged(box, 'fresh', async () => ({ status: 403, body: refused('turnstile-failed') }), () => 0, () => 0.5);
    expect(outcome).toEqual({ key: 'saved-2', result: 'challenge' });
    expect(box.challenged()).toMatchObject([{ key: 'saved-2', body: { meta: { turnstile: 'fresh' } } }]);
  });
});
