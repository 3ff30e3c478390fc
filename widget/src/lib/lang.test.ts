import { describe, expect, it } from 'vitest';
import { pickLang } from './lang.ts';

describe('pickLang', () => {
  it('takes the first candidate the site offers, ignoring region subtags', () => {
    expect(pickLang([null, 'fa-IR', 'en'], ['en', 'fa'], 'en')).toBe('fa');
    expect(pickLang(['de', 'EN-gb'], ['en', 'fa'], 'fa')).toBe('en');
  });
  it('falls back to the site default when nothing matches', () => {
    expect(pickLang(['fa'], ['en'], 'en')).toBe('en');
    expect(pickLang([undefined, ''], ['en', 'fa'], 'fa')).toBe('fa');
  });
});
