/** Persian strings of the photo chunks, typed against `photos-en.ts`. */
import type { PhotoStrings } from './photos-en.ts';

export const photosFa: PhotoStrings = {
  photoAlt: 'عکس {n} از {total} در نظر {name}',
  gallery: 'عکس‌های نظر {name}',
  close: 'بستن',
  prev: 'عکس قبلی',
  next: 'عکس بعدی',
  addPhotos: 'افزودن عکس',
  photosHint: 'حداکثر {max} عکس (JPEG، PNG یا WebP): انتخاب کنید، عکس بگیرید، یا اینجا بچسبانید یا رها کنید.',
  removePhoto: 'حذف عکس {n}',
  uploading: 'در حال بارگذاری عکس {n}: {p}٪',
  uploaded: 'عکس {n} افزوده شد',
  uploadFailed: 'عکس {n} بارگذاری نشد.',
  photoKept: 'عکس {n} وقتی دوباره آنلاین شوید همراه نظرتان بارگذاری می‌شود.',
  retryUpload: 'تلاش دوباره',
  notAPhoto: 'این پرونده عکسی نیست که بپذیریم (JPEG، PNG یا WebP).',
  tooMany: 'هر نظر حداکثر {max} عکس می‌تواند داشته باشد.',
  waitForPhotos: 'صبر کنید تا عکس‌ها بارگذاری شوند، یا عکس‌هایی را که بارگذاری نشدند حذف کنید.',
};
