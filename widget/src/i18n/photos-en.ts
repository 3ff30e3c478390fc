/** English strings of the photo chunks (list thumbnails, lightbox, picker); `photos-fa.ts` is typed against it. */
export const photosEn = {
  photoAlt: 'Photo {n} of {total} from {name}’s review',
  gallery: 'Photos from {name}’s review',
  close: 'Close',
  prev: 'Previous photo',
  next: 'Next photo',
  addPhotos: 'Add photos',
  photosHint: 'Up to {max} photos (JPEG, PNG or WebP): choose them, take one, paste or drop them here.',
  removePhoto: 'Remove photo {n}',
  uploading: 'Uploading photo {n}: {p}%',
  uploaded: 'Photo {n} added',
  uploadFailed: 'Photo {n} could not be uploaded.',
  photoKept: 'Photo {n} will be uploaded with your review once you are back online.',
  retryUpload: 'Try again',
  notAPhoto: 'That file is not a photo we can take (JPEG, PNG or WebP).',
  tooMany: 'A review can have at most {max} photos.',
  waitForPhotos: 'Wait for the photos to upload, or remove the ones that could not be uploaded.',
};

export type PhotoStrings = typeof photosEn;
