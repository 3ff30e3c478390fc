import { describe, expect, it } from 'vitest';
import { stem, stemEn, stemFaVerb } from './stem.ts';

describe('stemEn', () => {
  it.each([
    ['broke', 'break'],
    ['broken', 'break'],
    ['breaks', 'break'],
    ['breaking', 'break'],
    ['torn', 'tear'],
    ['stopped', 'stop'],
    ['stops', 'stop'],
    ['leaking', 'leak'],
    ['died', 'die'],
    ['dead', 'die'],
    ['faded', 'fad'],
    ['fade', 'fad'],
    ['pieces', 'piec'],
  ])('%s → %s', (word, expected) => {
    expect(stemEn(word)).toBe(expected);
  });

  it('makes the forms of one word meet', () => {
    expect(new Set(['fade', 'faded', 'fades', 'fading'].map(stemEn)).size).toBe(1);
    expect(new Set(['rip', 'ripped', 'ripping', 'rips'].map(stemEn)).size).toBe(1);
  });

  it('leaves short words alone', () => {
    expect(stemEn('bad')).toBe('bad');
  });
});

describe('stemFaVerb', () => {
  it.each([
    ['سوخت', 'سوخت', false],
    ['سوخته', 'سوخت', false],
    ['میسوزه', 'سوخت', false],
    ['بسوزه', 'سوخت', false],
    ['نسوخت', 'سوخت', true],
    ['نمیسوزه', 'سوخت', true],
    ['شکسته', 'شکست', false],
    ['میشکنه', 'شکست', false],
    ['نرسیده', 'رسید', true],
    ['میشه', 'شد', false],
  ])('%s is a form of %s (negated: %s)', (word, expected, negated) => {
    expect(stemFaVerb(word)).toEqual({ stem: expected, negated });
  });

  it('returns null for a word that is not a form of a listed verb', () => {
    expect(stemFaVerb('کیفیت')).toBeNull();
  });
});

describe('stem', () => {
  it('stems both scripts and drops a Persian possessive', () => {
    expect(stem('leaked')).toBe('leak');
    expect(stem('میسوزه')).toBe('سوخت');
    expect(stem('نمیسوزه')).toBe('نسوخت');
    expect(stem('رنگش')).toBe('رنگ');
  });
});

describe('stems of words that name Object members', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('stems %s to a string of its own', (word) => {
    expect(typeof stemEn(word)).toBe('string');
  });
});
