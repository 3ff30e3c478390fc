import { describe, expect, it } from 'vitest';
import { devFlag } from './dev.ts';

describe('devFlag', () => {
  it.each([
    [{}, false],
    [{ DEMO: '' }, false],
    [{ DEMO: '0' }, false],
    [{ DEMO: 'yes please' }, false],
    [{ DEMO: 1 }, false],
    [{ DEMO: '1' }, true],
    [{ DEMO: 'true' }, true],
  ])('reads %j as %s', (env, expected) => {
    expect(devFlag(env, 'DEMO')).toBe(expected);
  });
});
