import { describe, expect, it } from 'vitest';
import { photosEn } from '../i18n/photos-en.ts';
import { photosFa } from '../i18n/photos-fa.ts';
import { arrowStep, fitWithin, photoAlt } from './photo-view.ts';

describe('photoAlt', () => {
  it('names the photo, the count and the reviewer, in Persian digits in fa', () => {
    expect(photoAlt(photosEn, 'en', 'Sara', 0, 2)).toBe('Photo 1 of 2 from Sara’s review');
    expect(photoAlt(photosFa, 'fa', 'سارا', 1, 2)).toBe('عکس ۲ از ۲ در نظر سارا');
  });
});

describe('arrowStep', () => {
  it.each([
    ['ArrowRight', false, 0, 3, 1],
    ['ArrowLeft', false, 0, 3, 2],
    ['ArrowRight', false, 2, 3, 0],
    ['ArrowRight', true, 0, 3, 2],
    ['ArrowLeft', true, 0, 3, 1],
    ['ArrowUp', false, 0, 3, null],
    ['ArrowRight', false, 0, 0, null],
  ] as const)('%s (rtl %s) from %i of %i goes to %s', (key, rtl, index, total, expected) => {
    expect(arrowStep(key, rtl, index, total)).toBe(expected);
  });
});

describe('fitWithin', () => {
  it.each([
    [4000, 3000, 1600, 1600, 1200],
    [3000, 4000, 1600, 1200, 1600],
    [800, 600, 1600, 800, 600],
    [10000, 1, 400, 400, 1],
  ])('%i × %i within %i is %i × %i', (w, h, side, ew, eh) => {
    expect(fitWithin(w, h, side)).toEqual({ width: ew, height: eh });
  });
});
