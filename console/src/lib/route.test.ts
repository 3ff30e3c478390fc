import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.ts';

describe('routes', () => {
  it('opens the queue when the hash is empty or unknown', () => {
    expect(parseRoute('')).toEqual({ view: 'queue', id: null });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'queue', id: null });
  });

  it('reads a view and an item id, and writes them back the same way', () => {
    const route = parseRoute('#/cases/c%2F1');
    expect(route).toEqual({ view: 'cases', id: 'c/1' });
    expect(routeHash(route)).toBe('#/cases/c%2F1');
    expect(routeHash({ view: 'audit', id: null })).toBe('#/audit');
  });
});
