import { describe, expect, it } from 'vitest';
import type { SubmissionInput } from '../../../shared/submission.ts';
import { deliver, type Answer } from './deliver.ts';
import { Outbox, type KeyValueStore, type OutboxEntry } from './outbox.ts';
import { keptRefs, photoIds, uploadKept, type PhotoSlot, type Upload, type UploadAnswer } from './photo-outbox.ts';
import { memoryPhotoStore } from './photo-store.ts';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

const body: SubmissionInput = { kind: 'review', rating: 5, body: 'Teapot as pictured', author: { name: 'Sara' }, subject: 'sku-1' };
const photo = () => ({ full: new Blob(['full']), thumb: new Blob(['thumb']) });

/** A server that keeps uploads by Idempotency-Key (a replay answers the same id) and counts what it stored. */
function server(answers: (key: string, thumbOf?: string) => UploadAnswer | 'offline' | undefined = () => undefined) {
  const stored = new Map<string, string>();
  const thumbs = new Set<string>();
  const calls: string[] = [];
  const upload: Upload = async (_blob, key, thumbOf) => {
    calls.push(thumbOf ? `thumb:${key}` : key);
    const forced = answers(key, thumbOf);
    if (forced === 'offline') throw new Error('network');
    if (forced) return forced;
    if (thumbOf) {
      thumbs.add(key);
      return { status: 201, id: thumbOf };
    }
    if (!stored.has(key)) stored.set(key, `id-${stored.size + 1}`);
    return { status: 201, id: stored.get(key) };
  };
  return { upload, stored, thumbs, calls };
}

async function keptEntry(store: ReturnType<typeof memoryPhotoStore>, slots: PhotoSlot[]): Promise<OutboxEntry> {
  for (const s of slots) if (s.ref) await store.put(s.ref, photo());
  return { key: 'entry-1', body, attempts: 0, nextAt: 0, photos: slots };
}

/** A photo store holding bytes for these references. */
async function storeWith(...refs: string[]) {
  const store = memoryPhotoStore();
  for (const r of refs) await store.put(r, photo());
  return store;
}

const sent = (seen: OutboxEntry[]) => async (e: OutboxEntry): Promise<Answer> => {
  seen.push(e);
  return { status: 201, body: { id: 'sub-1', kind: 'review', status: 'pending' } };
};

describe('uploadKept', () => {
  it('uploads each kept photo and its thumbnail once, in order, keeping uploaded ones as they are', async () => {
    const store = await storeWith('r1', 'r2');
    const api = server();
    const slots: PhotoSlot[] = [{ id: 'earlier' }, { ref: 'r1', keys: { full: 'f1', thumb: 't1' } }, { ref: 'r2', keys: { full: 'f2', thumb: 't2' } }];
    const saves: PhotoSlot[][] = [];
    const out = await uploadKept(slots, { store, upload: api.upload }, (s) => saves.push(structuredClone(s)));
    expect(api.calls).toEqual(['f1', 'thumb:t1', 'f2', 'thumb:t2']);
    expect(out && photoIds(out)).toEqual(['earlier', 'id-1', 'id-2']);
    // The id is saved the moment the server has it, before the thumbnail goes.
    expect(saves[0]?.[1]).toMatchObject({ id: 'id-1' });
    expect(saves[0]?.[1]?.settled).toBeUndefined();
  });

  it.each([
    ['the network fails', 'offline'],
    ['the server is busy (429)', { status: 429 }],
    ['the server fails (503)', { status: 503 }],
  ] as const)('answers null to retry later when %s', async (_, answer) => {
    const store = await storeWith('r1');
    const api = server(() => answer);
    expect(await uploadKept([{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }], { store, upload: api.upload }, () => undefined)).toBeNull();
  });

  it.each([
    ['refused as not a photo (415)', { status: 415 } as const],
    ['too large (413)', { status: 413 } as const],
  ])('gives up a photo %s and keeps going', async (_, answer) => {
    const store = await storeWith('r1', 'r2');
    const api = server((key) => (key === 'f1' ? answer : undefined));
    const out = await uploadKept(
      [{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }, { ref: 'r2', keys: { full: 'f2', thumb: 't2' } }],
      { store, upload: api.upload },
      () => undefined,
    );
    expect(out && photoIds(out)).toEqual(['id-1']);
    expect(out?.every((s) => s.settled)).toBe(true);
  });

  it('skips a photo whose bytes the browser no longer has', async () => {
    const api = server();
    const out = await uploadKept([{ ref: 'gone', keys: { full: 'f1', thumb: 't1' } }], { store: memoryPhotoStore(), upload: api.upload }, () => undefined);
    expect(api.calls).toEqual([]);
    expect(out && photoIds(out)).toBeUndefined();
  });
});

describe('deliver with kept photos', () => {
  it('uploads the photos, sends the review with their ids in order, then deletes the entry and the bytes', async () => {
    const store = memoryPhotoStore();
    const outbox = new Outbox(new MemoryStore(), 'pk_a');
    const entry = await keptEntry(store, [{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }, { id: 'earlier' }]);
    outbox.put(entry);
    const api = server();
    const seen: OutboxEntry[] = [];
    const outcome = await deliver(outbox, entry, sent(seen), () => 0, () => 0.5, { store, upload: api.upload });
    expect(outcome.result).toBe('delivered');
    expect(seen[0]?.body).toMatchObject({ photos: ['id-1', 'earlier'] });
    expect(outbox.list()).toEqual([]);
    expect(store.size()).toBe(0);
  });

  it('keeps entry and bytes while offline, and stores nothing twice when it is tried again', async () => {
    const store = memoryPhotoStore();
    const outbox = new Outbox(new MemoryStore(), 'pk_a');
    const entry = await keptEntry(store, [{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }, { ref: 'r2', keys: { full: 'f2', thumb: 't2' } }]);
    outbox.put(entry);
    // The first photo gets through, then the connection drops before the second.
    let online = true;
    const api = server((key) => (key === 'f2' && !online ? 'offline' : undefined));
    online = false;
    const seen: OutboxEntry[] = [];
    const first = await deliver(outbox, entry, sent(seen), () => 0, () => 0.5, { store, upload: api.upload });
    expect(first.result).toBe('retry');
    expect(seen).toEqual([]);
    expect(store.size()).toBe(2);
    const waiting = outbox.list()[0];
    expect(waiting?.photos?.[0]).toMatchObject({ id: 'id-1', settled: true });
    expect(waiting?.attempts).toBe(1);

    // A reload later, back online: the outbox's copy is delivered; the first photo is not sent again.
    online = true;
    const second = await deliver(outbox, waiting as OutboxEntry, sent(seen), () => 10_000, () => 0.5, { store, upload: api.upload });
    expect(second.result).toBe('delivered');
    expect(api.calls.filter((c) => c === 'f1')).toHaveLength(1);
    expect([api.stored.size, api.thumbs.size]).toEqual([2, 2]);
    expect(seen[0]?.body).toMatchObject({ photos: ['id-1', 'id-2'] });
    expect(store.size()).toBe(0);
  });

  it('waits, rather than send the review without them, when the photo code could not load', async () => {
    const store = memoryPhotoStore();
    const outbox = new Outbox(new MemoryStore(), 'pk_a');
    const entry = await keptEntry(store, [{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }]);
    outbox.put(entry);
    const seen: OutboxEntry[] = [];
    const outcome = await deliver(outbox, entry, sent(seen), () => 0, () => 0.5);
    expect(outcome.result).toBe('retry');
    expect(seen).toEqual([]);
    expect(outbox.list()).toHaveLength(1);
    expect(store.size()).toBe(1);
  });

  it('deletes the bytes when the review is refused for good', async () => {
    const store = memoryPhotoStore();
    const outbox = new Outbox(new MemoryStore(), 'pk_a');
    const entry = await keptEntry(store, [{ ref: 'r1', keys: { full: 'f1', thumb: 't1' } }]);
    outbox.put(entry);
    const outcome = await deliver(outbox, entry, async () => ({ status: 422, body: null }), () => 0, () => 0.5, { store, upload: server().upload });
    expect(outcome.result).toBe('refused');
    expect(store.size()).toBe(0);
  });

  it('lists the store keys of kept photos only', () => {
    expect(keptRefs([{ id: 'a' }, { ref: 'r1', keys: { full: 'f', thumb: 't' } }])).toEqual(['r1']);
    expect(keptRefs(undefined)).toEqual([]);
  });
});
