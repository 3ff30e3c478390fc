/**
 * The queue's keyboard map. Pure: it reads a key event's fields and names a command, so the
 * map is tested without a page and the component only performs what it is told.
 */

export const QUEUE_COMMANDS = ['next', 'prev', 'approve', 'reject', 'spam', 'open', 'select', 'undo', 'help', 'close'] as const;
export type QueueCommand = (typeof QUEUE_COMMANDS)[number];

/** The keys, in the order the help overlay lists them. */
export const QUEUE_KEYS: ReadonlyArray<readonly [string, QueueCommand]> = [
  ['j', 'next'],
  ['k', 'prev'],
  ['a', 'approve'],
  ['r', 'reject'],
  ['s', 'spam'],
  ['o', 'open'],
  ['x', 'select'],
  ['u', 'undo'],
  ['?', 'help'],
  ['Escape', 'close'],
];

const BY_KEY = new Map<string, QueueCommand>([
  ...QUEUE_KEYS,
  ['ArrowDown', 'next'],
  ['ArrowUp', 'prev'],
  ['Enter', 'open'],
]);

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Whether focus is in something that takes typing; letters then belong to the text. */
  inTextField?: boolean;
  /** Whether focus is on a button or link, where Enter already means "press". */
  onControl?: boolean;
}

/** The command a key press means in the queue, or null when the key is not ours to take. */
export function queueCommand(event: KeyLike): QueueCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.inTextField) return event.key === 'Escape' ? 'close' : null;
  if (event.key === 'Enter' && event.onControl) return null;
  // Caps Lock or Shift must not turn "a" into a key we ignore; "?" is already shifted.
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return BY_KEY.get(key) ?? null;
}

/** True for elements where typed letters are text, not commands. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
}
