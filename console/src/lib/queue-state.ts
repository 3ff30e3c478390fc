/**
 * The moderation queue's state as plain data and pure transitions: which item has the cursor,
 * which are selected, and what the last decision took away (so it can be put back by undo).
 * The component holds one of these and replaces it; nothing here touches the network.
 */

export interface Identified {
  id: string;
}

export interface Decided<T extends Identified> {
  /** The items the decision removed, with the index each had, for undo to restore. */
  removed: Array<{ item: T; index: number }>;
  decision: string;
}

export interface QueueState<T extends Identified> {
  items: T[];
  /** Index of the item with the cursor; -1 when the list is empty. */
  cursor: number;
  selected: ReadonlySet<string>;
  /** The most recent decision, undone by `u`; older ones are final. */
  last: Decided<T> | null;
}

export function initialQueue<T extends Identified>(items: T[]): QueueState<T> {
  return { items, cursor: items.length ? 0 : -1, selected: new Set(), last: null };
}

/** Replaces the items (a new page or filter), keeping the cursor on the same item if it is still there. */
export function withItems<T extends Identified>(state: QueueState<T>, items: T[]): QueueState<T> {
  const currentId = state.items[state.cursor]?.id;
  const found = currentId ? items.findIndex((i) => i.id === currentId) : -1;
  const ids = new Set(items.map((i) => i.id));
  return {
    ...state,
    items,
    cursor: found >= 0 ? found : items.length ? 0 : -1,
    selected: new Set([...state.selected].filter((id) => ids.has(id))),
  };
}

/** Appends a further page, skipping items already shown. */
export function appendItems<T extends Identified>(state: QueueState<T>, more: T[]): QueueState<T> {
  const ids = new Set(state.items.map((i) => i.id));
  const items = [...state.items, ...more.filter((i) => !ids.has(i.id))];
  return { ...state, items, cursor: state.cursor < 0 && items.length ? 0 : state.cursor };
}

/** Moves the cursor by `delta`, stopping at either end. */
export function move<T extends Identified>(state: QueueState<T>, delta: number): QueueState<T> {
  if (!state.items.length) return state;
  const cursor = Math.min(state.items.length - 1, Math.max(0, state.cursor + delta));
  return cursor === state.cursor ? state : { ...state, cursor };
}

export function moveTo<T extends Identified>(state: QueueState<T>, id: string): QueueState<T> {
  const cursor = state.items.findIndex((i) => i.id === id);
  return cursor < 0 ? state : { ...state, cursor };
}

export function toggleSelected<T extends Identified>(state: QueueState<T>, id: string): QueueState<T> {
  const selected = new Set(state.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { ...state, selected };
}

export function setAllSelected<T extends Identified>(state: QueueState<T>, on: boolean): QueueState<T> {
  return { ...state, selected: new Set(on ? state.items.map((i) => i.id) : []) };
}

export function current<T extends Identified>(state: QueueState<T>): T | undefined {
  return state.items[state.cursor];
}

/**
 * The ids a decision applies to: the selection when there is one (bulk), otherwise the item
 * with the cursor.
 */
export function targets<T extends Identified>(state: QueueState<T>): string[] {
  if (state.selected.size) return state.items.filter((i) => state.selected.has(i.id)).map((i) => i.id);
  const item = current(state);
  return item ? [item.id] : [];
}

/**
 * Takes decided items out of the list and remembers them for undo. The cursor stays at the
 * same position so the next item slides under it, as in a mail client.
 */
export function removeDecided<T extends Identified>(state: QueueState<T>, ids: string[], decision: string): QueueState<T> {
  const gone = new Set(ids);
  const removed: Decided<T>['removed'] = [];
  const items: T[] = [];
  state.items.forEach((item, index) => {
    if (gone.has(item.id)) removed.push({ item, index });
    else items.push(item);
  });
  if (!removed.length) return state;
  const before = removed.filter((r) => r.index < state.cursor).length;
  const cursor = items.length ? Math.min(items.length - 1, Math.max(0, state.cursor - before)) : -1;
  const selected = new Set([...state.selected].filter((id) => !gone.has(id)));
  return { items, cursor, selected, last: { removed, decision } };
}

/** Puts the last decided items back where they were and puts the cursor on the first of them. */
export function restoreLast<T extends Identified>(state: QueueState<T>): QueueState<T> {
  if (!state.last) return state;
  const items = [...state.items];
  for (const { item, index } of state.last.removed) items.splice(Math.min(index, items.length), 0, item);
  const first = state.last.removed[0];
  const cursor = first ? items.findIndex((i) => i.id === first.item.id) : state.cursor;
  return { ...state, items, cursor, last: null };
}

/**
 * Puts back items whose decision the server refused (the list removes them before the answer
 * arrives, so fast keyboard triage never waits). Clears `last` if it was that decision.
 */
export function reinsert<T extends Identified>(state: QueueState<T>, removed: Decided<T>['removed']): QueueState<T> {
  const present = new Set(state.items.map((i) => i.id));
  const items = [...state.items];
  for (const { item, index } of removed) {
    if (!present.has(item.id)) items.splice(Math.min(index, items.length), 0, item);
  }
  const last = state.last && state.last.removed === removed ? null : state.last;
  const cursor = state.cursor < 0 && items.length ? 0 : state.cursor;
  return { ...state, items, cursor, last };
}
