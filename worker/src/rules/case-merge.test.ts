import { describe, expect, it } from 'vitest';
import { dueAfterSplit, refuseMerge, type MergeSide } from './case-merge.ts';

const a: MergeSide = { id: 'a', status: 'new', mergedInto: null, mergedChildren: 0 };
const b: MergeSide = { id: 'b', status: 'in_progress', mergedInto: null, mergedChildren: 0 };

describe('refuseMerge', () => {
  it.each<[string, MergeSide, MergeSide, string | null]>([
    ['two open cases merge', a, b, null],
    ['a case with a closed case still merges into an open one', { ...a, status: 'closed' }, b, null],
    ['a case into itself', a, a, 'same-case'],
    ['a case already merged', { ...a, mergedInto: 'c' }, b, 'already-merged'],
    ['a case others are merged into', { ...a, mergedChildren: 1 }, b, 'merge-chain'],
    ['into a case that is merged itself', a, { ...b, mergedInto: 'c' }, 'merge-chain'],
    ['into a closed case', a, { ...b, status: 'closed' }, 'case-not-open'],
    ['into a resolved case', a, { ...b, status: 'resolved' }, 'case-not-open'],
  ])('%s', (_name, from, into, refusal) => {
    expect(refuseMerge(from, into)?.type ?? null).toBe(refusal);
  });
});

describe('dueAfterSplit', () => {
  const c = { status: 'new' as const, firstResponseAt: null, firstResponseDue: 10, planAt: null, planDue: 20, promisedAt: 30 };
  it.each<[string, Parameters<typeof dueAfterSplit>[0], number | null]>([
    ['unanswered: the first response', c, 10],
    ['answered: the plan', { ...c, firstResponseAt: 5 }, 20],
    ['planned: the promise', { ...c, firstResponseAt: 5, planAt: 6 }, 30],
    ['ended: nothing', { ...c, status: 'closed' }, null],
  ])('%s', (_name, row, due) => {
    expect(dueAfterSplit(row)).toBe(due);
  });
});
