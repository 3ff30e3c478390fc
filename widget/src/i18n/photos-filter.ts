/**
 * The label of the "with photos" filter, apart from the photo chunks' strings so the controls
 * (always loaded after first render) do not carry the lightbox's and picker's strings too.
 * Merchants may override it as `withPhotos` in the site's strings.
 */
export const withPhotos: Record<'en' | 'fa', string> = { en: 'With photos', fa: 'نظرهای دارای عکس' };
