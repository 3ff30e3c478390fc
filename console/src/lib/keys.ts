/**
 * The queue's keyboard map. Pure: it reads a key event's fields and names a command, so the
 * map is tested without a page and the component only performs what it is told.
 *
 * Letters are read by their physical place (`event.code`), not the character they type: on a
 * Persian layout the key J types "ت", and staff who switch layouts to answer a customer must
 * not have to switch back to triage. Keys that type no character (Escape, arrows, Enter) are
 * read by `event.key`, which is the same on every layout.
 */

export const QUEUE_COMMANDS = ['next', 'prev', 'approve', 'reject', 'spam', 'open', 'select', 'undo', 'help', 'close'] as const;
export type QueueCommand = (typeof QUEUE_COMMANDS)[number];

export interface QueueKey {
  /** `KeyboardEvent.code` of the key. */
  code: string;
  command: QueueCommand;
  /** What the key cap says on a US layout, as the help overlay and `aria-keyshortcuts` name it. */
  cap: string;
}

/** The keys, in the order the help overlay lists them. */
export const QUEUE_KEYS: readonly QueueKey[] = [
  { code: 'KeyJ', command: 'next', cap: 'J' },
  { code: 'KeyK', command: 'prev', cap: 'K' },
  { code: 'KeyA', command: 'approve', cap: 'A' },
  { code: 'KeyR', command: 'reject', cap: 'R' },
  { code: 'KeyS', command: 'spam', cap: 'S' },
  { code: 'KeyO', command: 'open', cap: 'O' },
  { code: 'KeyX', command: 'select', cap: 'X' },
  { code: 'KeyU', command: 'undo', cap: 'U' },
  { code: 'Slash', command: 'help', cap: '?' },
  { code: 'Escape', command: 'close', cap: 'Esc' },
];

/** What the same keys type on the standard Persian layout (ISIRI 9147), for the help overlay. */
export const PERSIAN_CAPS: Readonly<Record<string, string>> = {
  KeyJ: 'ت',
  KeyK: 'ن',
  KeyA: 'ش',
  KeyR: 'ق',
  KeyS: 'س',
  KeyO: 'خ',
  KeyX: 'ط',
  KeyU: 'ع',
  Slash: '؟',
};

const BY_CODE = new Map<string, QueueCommand>(QUEUE_KEYS.filter((k) => k.code.startsWith('Key')).map((k) => [k.code, k.command]));
/** Keys that type no character: their `key` is the same on every layout. */
const BY_NAMED_KEY = new Map<string, QueueCommand>([
  ['Escape', 'close'],
  ['ArrowDown', 'next'],
  ['ArrowUp', 'prev'],
  ['Enter', 'open'],
]);
/** Without a `code` (some virtual keyboards, synthetic events) the Latin letter is all there is. */
const BY_LETTER = new Map<string, QueueCommand>(QUEUE_KEYS.filter((k) => k.code.startsWith('Key')).map((k) => [k.cap.toLowerCase(), k.command]));

export interface KeyLike {
  key: string;
  /** The physical key (`KeyboardEvent.code`); '' or absent when the platform gives none. */
  code?: string;
  shiftKey?: boolean;
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
  const named = BY_NAMED_KEY.get(event.key);
  if (named) return named;
  // "?" is Shift and the slash key on US and Persian layouts alike ("؟" there); a layout that
  // puts "?" elsewhere still types it.
  if ((event.code === 'Slash' && event.shiftKey) || event.key === '?' || event.key === '؟') return 'help';
  if (event.code) return BY_CODE.get(event.code) ?? null;
  return BY_LETTER.get(event.key.toLowerCase()) ?? null;
}

/** The `aria-keyshortcuts` value for a command ("A", "Shift+?"), or '' when it has no key. */
export function keyShortcut(command: QueueCommand): string {
  const key = QUEUE_KEYS.find((k) => k.command === command);
  if (!key) return '';
  return key.code === 'Slash' ? 'Shift+?' : key.cap === 'Esc' ? 'Escape' : key.cap;
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
