import { describe, expect, it } from 'vitest';
import { CASE_REF_ALPHABET, CASE_REF_PATTERN, newCaseRef } from './case-ref.ts';

describe('newCaseRef', () => {
  it('uses no ambiguous characters', () => {
    expect(CASE_REF_ALPHABET).not.toMatch(/[01OI]/);
    expect(new Set(CASE_REF_ALPHABET).size).toBe(32);
  });

  it('is RB- and eight symbols of the alphabet', () => {
    for (let i = 0; i < 200; i += 1) expect(newCaseRef()).toMatch(CASE_REF_PATTERN);
  });

  it('maps every byte value onto the alphabet', () => {
    expect(newCaseRef((b) => b.fill(0))).toBe('RB-22222222');
    expect(newCaseRef((b) => b.fill(255))).toBe('RB-ZZZZZZZZ');
  });

  it('does not repeat in practice', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => newCaseRef()));
    expect(refs.size).toBe(1000);
  });
});
