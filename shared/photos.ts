/** Review photos: `POST /v1/sites/{site}/uploads`, `GET /v1/sites/{site}/photos/{id}` and the staff side. */
import * as z from 'zod/mini';

/** At most this many photos on one review. */
export const MAX_PHOTOS = 5;
/** The largest upload, before the worker removes metadata; bigger bodies get 413. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** The types an upload may be, decided by its bytes. */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The widget downsizes to this long side before uploading, and thumbnails to this one. */
export const PHOTO_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 400;

export const PhotoId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a photo id'));

export const UploadQuery = z.strictObject({
  /** The id of an earlier upload this body is the thumbnail of. */
  thumbOf: z.optional(PhotoId),
});

export const UploadCreated = z.object({ id: z.string(), width: z.int(), height: z.int() });
export type UploadCreated = z.infer<typeof UploadCreated>;

export const PhotoSize = z.enum(['thumb', 'full']);
export type PhotoSize = z.infer<typeof PhotoSize>;

export const PhotoQuery = z.strictObject({
  size: z._default(PhotoSize, 'full'),
  /** The content hash the URL was made for; a photo whose bytes changed has a new URL. */
  v: z.optional(z.string().check(z.regex(/^[0-9a-f]{8,64}$/))),
});

export const PhotoImage = z.object({ url: z.string(), width: z.int(), height: z.int() });

/** A photo as the public sees it on a published review. */
export const PublicPhoto = z.object({ id: z.string(), thumb: PhotoImage, full: PhotoImage });
export type PublicPhoto = z.infer<typeof PublicPhoto>;

/** A photo as staff see it: pending reviews' photos too, and whether it is hidden. */
export const AdminPhoto = z.object({ id: z.string(), thumb: PhotoImage, full: PhotoImage, hidden: z.boolean() });
export type AdminPhoto = z.infer<typeof AdminPhoto>;

export const AdminPhotos = z.object({ items: z.array(AdminPhoto) });
export type AdminPhotos = z.infer<typeof AdminPhotos>;

export const PhotoHiddenInput = z.strictObject({ hidden: z.boolean() });
export type PhotoHiddenInput = z.infer<typeof PhotoHiddenInput>;
