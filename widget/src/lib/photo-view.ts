/**
 * Pure helpers of the photo chunks: alt text from the review, which photo an arrow key shows
 * (mirrored right to left), and the size a photo is scaled to before upload.
 */
import type { PhotoStrings } from '../i18n/photos-en.ts';
import { fill, formatNumber, type Lang } from '../../../shared/format.ts';

export function photoAlt(s: PhotoStrings, lang: Lang, name: string, index: number, total: number): string {
  return fill(s.photoAlt, { n: formatNumber(index + 1, lang), total: formatNumber(total, lang), name });
}

/**
 * The index an arrow key moves to, wrapping at both ends. Right to left, the right arrow goes
 * back: "next" is always the direction the reading goes.
 */
export function arrowStep(key: string, rtl: boolean, index: number, total: number): number | null {
  const forward = key === 'ArrowRight' ? !rtl : key === 'ArrowLeft' ? rtl : null;
  if (forward === null || total < 1) return null;
  return (index + (forward ? 1 : -1) + total) % total;
}

/** Width and height scaled down so the long side is at most `longSide`; never scaled up. */
export function fitWithin(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
