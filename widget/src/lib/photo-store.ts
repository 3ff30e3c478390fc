/**
 * Where the bytes of photos that wait in the outbox live: IndexedDB, because localStorage holds
 * strings only and a few photos would overflow it. One record per photo (the downsized JPEG and
 * its thumbnail), keyed by a random reference the outbox entry keeps. When the last record goes
 * the database itself is deleted, so a delivered review leaves nothing in the browser.
 *
 * Where IndexedDB is refused (some private modes), a store that lives as long as the page takes
 * over: the review is still sent from this page, only a reload would lose its photos.
 */

/** A photo ready to upload, as the picker made it. */
export interface KeptPhoto {
  full: Blob;
  thumb: Blob;
}

export interface PhotoStore {
  put(ref: string, photo: KeptPhoto): Promise<void>;
  get(ref: string): Promise<KeptPhoto | null>;
  /** Removes these records; once none is left, the storage itself. */
  delete(refs: readonly string[]): Promise<void>;
}

export const PHOTO_DB = 'rebound-photos';
const STORE = 'photos';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexeddb'));
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(PHOTO_DB, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

/**
 * One connection per operation, closed at its end: a long-lived connection would block the
 * deletion of the emptied database in this and every other tab of the shop.
 */
async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('indexeddb'));
    });
    const result = await work(tx.objectStore(STORE));
    await done;
    return result;
  } finally {
    db.close();
  }
}

function isKept(value: unknown): value is KeptPhoto {
  return typeof value === 'object' && value !== null && 'full' in value && value.full instanceof Blob && 'thumb' in value && value.thumb instanceof Blob;
}

const idbStore: PhotoStore = {
  put: (ref, photo) => withStore('readwrite', async (s) => void (await request(s.put({ full: photo.full, thumb: photo.thumb }, ref)))),
  async get(ref) {
    const value = await withStore('readonly', (s) => request(s.get(ref)));
    return isKept(value) ? value : null;
  },
  async delete(refs) {
    const left = await withStore('readwrite', async (s) => {
      for (const ref of refs) await request(s.delete(ref));
      return request(s.count());
    });
    // Not awaited to its end: another tab holding the database open only delays the deletion.
    if (left === 0) indexedDB.deleteDatabase(PHOTO_DB);
  },
};

/** For tests, and for pages where IndexedDB is refused. */
export function memoryPhotoStore(): PhotoStore & { size(): number } {
  const map = new Map<string, KeptPhoto>();
  return {
    put: async (ref, photo) => void map.set(ref, photo),
    get: async (ref) => map.get(ref) ?? null,
    delete: async (refs) => refs.forEach((r) => map.delete(r)),
    size: () => map.size,
  };
}

let fallback: PhotoStore | null = null;

/** IndexedDB, or the page's memory when the browser refuses IndexedDB; a failed write falls back too. */
export function browserPhotoStore(): PhotoStore {
  const memory = (fallback ??= memoryPhotoStore());
  if (typeof indexedDB === 'undefined') return memory;
  return {
    put: (ref, photo) => idbStore.put(ref, photo).catch(() => memory.put(ref, photo)),
    get: async (ref) => (await idbStore.get(ref).catch(() => null)) ?? memory.get(ref),
    delete: async (refs) => {
      await memory.delete(refs);
      await idbStore.delete(refs).catch(() => undefined);
    },
  };
}
