/**
 * Photos that travel with an outbox entry. A photo the picker could not upload (the shopper is
 * offline) is kept: its bytes go to the photo store (IndexedDB) under a random reference, and
 * the entry lists it in order beside the photos that were uploaded already. Before the review
 * is sent, each kept photo is uploaded with the Idempotency-Keys it was given when it was
 * picked, and its id is written back to the entry at once, so a retry, a reload or a second tab
 * never stores it twice; the review then goes out with every id, and the bytes are deleted.
 * I/O comes in as arguments (store, upload, save), so this runs in tests without a network.
 */
import type { PhotoStore } from './photo-store.ts';

/** A photo uploaded before sending (`id` only), or one kept in the store until delivery. */
export interface PhotoSlot {
  /** The upload's id, once the server has it. */
  id?: string;
  /** The photo store's key of the kept bytes. */
  ref?: string;
  /** The Idempotency-Keys of the photo's two uploads, fixed when it was picked. */
  keys?: { full: string; thumb: string };
  /** Nothing more to do for this photo: uploaded with its thumbnail, or given up (refused, bytes gone). */
  settled?: boolean;
}

/** What an upload answered; a network failure rejects instead. */
export interface UploadAnswer {
  status: number;
  id?: string;
}

export type Upload = (blob: Blob, key: string, thumbOf?: string) => Promise<UploadAnswer>;

export interface PhotoDelivery {
  store: PhotoStore;
  upload: Upload;
}

/** A 429 or 5xx is worth trying again later; another refusal will not change. */
function retryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * Uploads what the kept photos still need, in order, calling `save` with the slots after each
 * step. Answers the slots, or null when the network failed or the server asked for a later try
 * (the entry is then retried as a whole; what was uploaded is remembered).
 */
export async function uploadKept(slots: readonly PhotoSlot[], photos: PhotoDelivery, save: (slots: PhotoSlot[]) => void): Promise<PhotoSlot[] | null> {
  const out = slots.map((s) => ({ ...s }));
  for (const slot of out) {
    if (!slot.ref || !slot.keys || slot.settled) continue;
    const bytes = await photos.store.get(slot.ref);
    // The browser dropped the bytes (storage cleared): the review still goes, without this photo.
    if (!bytes) {
      slot.settled = true;
      save(out);
      continue;
    }
    let answer: UploadAnswer;
    try {
      answer = slot.id ? { status: 201, id: slot.id } : await photos.upload(bytes.full, slot.keys.full);
      if (!slot.id && answer.status === 201 && answer.id) {
        slot.id = answer.id;
        save(out);
      }
      if (!slot.id) {
        if (retryable(answer.status)) return null;
        // The picker decoded it as a photo, so this is unlikely; the review must not wait for it forever.
        slot.settled = true;
        save(out);
        continue;
      }
      // The thumbnail only spares bandwidth (the full photo serves as thumb without it): any answer settles it.
      await photos.upload(bytes.thumb, slot.keys.thumb, slot.id);
    } catch {
      return null;
    }
    slot.settled = true;
    save(out);
  }
  return out;
}

/** The ids a review carries: every photo uploaded, in the order the shopper picked them. */
export function photoIds(slots: readonly PhotoSlot[]): string[] | undefined {
  const ids = slots.flatMap((s) => (s.id ? [s.id] : []));
  return ids.length ? ids : undefined;
}

/** The store keys of an entry's kept photos, to delete once the entry is gone. */
export function keptRefs(slots: readonly PhotoSlot[] | undefined): string[] {
  return (slots ?? []).flatMap((s) => (s.ref ? [s.ref] : []));
}

/** The review form's picker stores its kept photos and answers the entry's slots (see `RbPhotoPicker.keep`). */
export async function keepPicked(picker: Element | null, store: PhotoStore): Promise<PhotoSlot[] | undefined> {
  const keep = picker && 'keep' in picker && typeof picker.keep === 'function' ? (picker.keep as (s: PhotoStore) => Promise<PhotoSlot[] | undefined>) : null;
  return keep ? keep.call(picker, store) : undefined;
}
