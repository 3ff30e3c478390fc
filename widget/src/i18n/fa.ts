/** Persian strings for first render, typed against `en.ts` so no key can be missing. */
import type { ReadStrings } from './en.ts';

export const fa: ReadStrings = {
  loading: 'در حال بارگذاری نظرها…',
  loadFailed: 'نظرها بارگذاری نشد.',
  retry: 'تلاش دوباره',
  heading: 'نظر خریداران',
  outOf: '{avg} از ۵',
  countOne: '{n} نظر',
  countOther: '{n} نظر',
  noReviews: 'هنوز نظری ثبت نشده است.',
  stars: '{n} ستاره از ۵',
  barOne: '{n} ستاره',
  bar: '{n} ستاره',
  verified: 'خریدار تأییدشده',
  helpful: 'مفید بود ({n})',
  reply: 'پاسخ {site}',
};
