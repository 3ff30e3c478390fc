import { describe, expect, it } from 'vitest';
import { parseTokenLifetime } from './provision.ts';

describe('parseTokenLifetime (`token create --expires`)', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['12w', 12 * 7 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['1h', 3_600_000],
    ['3650d', 3650 * 86_400_000],
    [' 7d ', 7 * 86_400_000],
  ])('reads %j', (value, ms) => {
    expect(parseTokenLifetime(value)).toBe(ms);
  });

  it.each(['', '90', 'd', '0d', '3651d', '1.5d', '-1d', '90m', '90 d', 'forever'])('refuses %j', (value) => {
    expect(parseTokenLifetime(value)).toBeNull();
  });
});
