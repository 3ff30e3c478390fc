/**
 * The frozen test sets: the commit that added them, before any rule change they measure, and
 * their SHA-256, which `eval.test.ts` checks so an edit to them cannot pass unnoticed.
 */
export const FROZEN_COMMIT = 'd74130d';
export const FROZEN_SHA256 = {
  en: '901dd63b63545747aa8d0df59624a0b5b7b867526b2d1896e78ead8472b5526d',
  fa: '823abd4d509f20e84c2a8e796185024bdc770e955355357cd711234f67f34f7a',
} as const;
