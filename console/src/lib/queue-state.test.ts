import { describe, expect, it } from 'vitest';
import {
  appendItems,
  current,
  initialQueue,
  move,
  reinsert,
  removeDecided,
  restoreLast,
  setAllSelected,
  targets,
  toggleSelected,
  withItems,
} from './queue-state.ts';

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('queue cursor', () => {
  it('starts on the first item, or nowhere when empty', () => {
    expect(initialQueue(items('a', 'b')).cursor).toBe(0);
    expect(initialQueue([]).cursor).toBe(-1);
  });

  it('moves down and up and stops at both ends', () => {
    let s = initialQueue(items('a', 'b', 'c'));
    s = move(s, 1);
    expect(current(s)?.id).toBe('b');
    s = move(move(s, 1), 1);
    expect(current(s)?.id).toBe('c');
    s = move(move(move(s, -1), -1), -1);
    expect(current(s)?.id).toBe('a');
  });

  it('keeps the cursor on the same item when the list is refreshed', () => {
    const s = withItems(move(initialQueue(items('a', 'b', 'c')), 2), items('z', 'c', 'a'));
    expect(current(s)?.id).toBe('c');
  });

  it('does not repeat items when a further page overlaps the first', () => {
    const s = appendItems(initialQueue(items('a', 'b')), items('b', 'c'));
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('selection', () => {
  it('decides on the cursor item when nothing is selected', () => {
    expect(targets(move(initialQueue(items('a', 'b')), 1))).toEqual(['b']);
  });

  it('decides on the selection, in list order, when there is one', () => {
    let s = initialQueue(items('a', 'b', 'c'));
    s = toggleSelected(toggleSelected(s, 'c'), 'a');
    expect(targets(s)).toEqual(['a', 'c']);
    s = toggleSelected(s, 'a');
    expect(targets(s)).toEqual(['c']);
  });

  it('selects and clears everything', () => {
    const s = setAllSelected(initialQueue(items('a', 'b')), true);
    expect(targets(s)).toEqual(['a', 'b']);
    expect(targets(setAllSelected(s, false))).toEqual(['a']);
  });

  it('forgets selected items that a refresh removed', () => {
    const s = withItems(toggleSelected(initialQueue(items('a', 'b')), 'b'), items('a'));
    expect(s.selected.size).toBe(0);
  });
});

describe('decisions and undo', () => {
  it('removes the decided item and slides the next one under the cursor', () => {
    const s = removeDecided(move(initialQueue(items('a', 'b', 'c')), 1), ['b'], 'approve');
    expect(s.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(current(s)?.id).toBe('c');
  });

  it('moves the cursor back when the last item is decided', () => {
    const s = removeDecided(move(initialQueue(items('a', 'b')), 1), ['b'], 'spam');
    expect(current(s)?.id).toBe('a');
  });

  it('empties the cursor when the last remaining item is decided', () => {
    const s = removeDecided(initialQueue(items('a')), ['a'], 'approve');
    expect(s.cursor).toBe(-1);
    expect(current(s)).toBeUndefined();
  });

  it('keeps the cursor on the same item when items above it are bulk-decided', () => {
    let s = move(initialQueue(items('a', 'b', 'c', 'd')), 3);
    s = removeDecided(s, ['a', 'b'], 'reject');
    expect(current(s)?.id).toBe('d');
  });

  it('puts undone items back where they were, with the cursor on the first', () => {
    let s = initialQueue(items('a', 'b', 'c', 'd'));
    s = removeDecided(s, ['b', 'd'], 'approve');
    s = restoreLast(s);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(current(s)?.id).toBe('b');
    expect(s.last).toBeNull();
  });

  it('undoes only the most recent decision', () => {
    let s = initialQueue(items('a', 'b', 'c'));
    s = removeDecided(s, ['a'], 'approve');
    s = removeDecided(s, ['b'], 'spam');
    expect(s.last?.decision).toBe('spam');
    s = restoreLast(restoreLast(s));
    expect(s.items.map((i) => i.id)).toEqual(['b', 'c']);
  });

  it('ignores a decision on ids that are not in the list', () => {
    const s = initialQueue(items('a'));
    expect(removeDecided(s, ['zz'], 'approve')).toBe(s);
  });
});

describe('refused decisions', () => {
  it('puts refused items back and forgets them as the undoable decision', () => {
    let s = initialQueue(items('a', 'b', 'c'));
    s = removeDecided(s, ['b'], 'approve');
    const refused = s.last?.removed ?? [];
    s = reinsert(s, refused);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(s.last).toBeNull();
  });

  it('keeps a later decision undoable when an earlier one is refused', () => {
    let s = initialQueue(items('a', 'b', 'c'));
    s = removeDecided(s, ['a'], 'approve');
    const first = s.last?.removed ?? [];
    s = removeDecided(s, ['b'], 'spam');
    s = reinsert(s, first);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(s.last?.decision).toBe('spam');
  });
});
