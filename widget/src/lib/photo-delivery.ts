/**
 * The real photo store and uploads for outbox delivery: IndexedDB and XHR to this site. Its own
 * lazy chunk (with the picker's upload code), so delivering a complaint or a review without kept
 * photos fetches none of it.
 */
import type { SiteRef } from './api.ts';
import type { PhotoDelivery } from './photo-outbox.ts';
import { browserPhotoStore } from './photo-store.ts';
import { uploadBlob } from './photo-upload.ts';

/** The page's photo store and uploads to this site (XHR, as the picker uploads; no progress to show here). */
export function pagePhotos(ref: SiteRef): PhotoDelivery {
  return {
    store: browserPhotoStore(),
    upload: async (blob, key, thumbOf) => {
      const r = await uploadBlob(ref, blob, key, () => undefined, thumbOf);
      return r.ok ? { status: 201, id: r.created.id } : { status: r.status };
    },
  };
}
