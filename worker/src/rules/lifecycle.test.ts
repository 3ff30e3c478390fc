import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../../shared/cases.ts';
import { canTransition, CASE_STATUSES, isOpen, missingForTransition, nextStatuses } from './lifecycle.ts';

describe('canTransition', () => {
  it.each<[CaseStatus, CaseStatus, boolean]>([
    ['new', 'acknowledged', true],
    ['acknowledged', 'in_progress', true],
    ['in_progress', 'awaiting_customer', true],
    ['awaiting_customer', 'in_progress', true],
    ['in_progress', 'resolved', true],
    ['resolved', 'recovered', true],
    ['resolved', 'not_recovered', true],
    ['resolved', 'closed', true],
    ['resolved', 'in_progress', true],
    ['new', 'closed', true],
    ['acknowledged', 'closed', true],
    ['in_progress', 'closed', true],
    ['awaiting_customer', 'closed', true],
    ['new', 'recovered', false],
    ['in_progress', 'acknowledged', false],
    ['in_progress', 'new', false],
    ['acknowledged', 'new', false],
    ['recovered', 'in_progress', false],
    ['not_recovered', 'recovered', false],
    ['closed', 'new', false],
    ['closed', 'in_progress', false],
    ['in_progress', 'in_progress', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('ends in recovered, not_recovered and closed', () => {
    const terminal = CASE_STATUSES.filter((s) => nextStatuses(s).length === 0);
    expect(terminal).toEqual(['recovered', 'not_recovered', 'closed']);
  });

  it('can close every open case', () => {
    for (const s of CASE_STATUSES.filter(isOpen)) expect(canTransition(s, 'closed')).toBe(true);
  });
});

describe('missingForTransition', () => {
  it.each<[CaseStatus, Parameters<typeof missingForTransition>[1], string[]]>([
    ['resolved', { rootCause: 'product_defect', resolved: true }, []],
    ['closed', { rootCause: 'other', resolved: false }, []],
    ['resolved', {}, ['rootCause', 'resolved']],
    ['closed', { rootCause: 'made_up', resolved: true }, ['rootCause']],
    ['closed', { rootCause: 'delivery_delay', resolved: null }, ['resolved']],
    ['in_progress', {}, []],
  ])('%s with %j misses %j', (to, outcome, missing) => {
    expect(missingForTransition(to, outcome)).toEqual(missing);
  });
});
