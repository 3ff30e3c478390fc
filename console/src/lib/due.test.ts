import { describe, expect, it } from 'vitest';
import { isOverdue } from './due.ts';

describe('isOverdue', () => {
  it('counts a due time before now as overdue and a missing one as not', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isOverdue('2025-12-31T23:59:00Z', now)).toBe(true);
    expect(isOverdue('2026-01-01T00:01:00Z', now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });
});
