import { describe, expect, it } from 'vitest';
import { isTextField, keyShortcut, PERSIAN_CAPS, QUEUE_COMMANDS, QUEUE_KEYS, queueCommand } from './keys.ts';

describe('queueCommand', () => {
  it.each([
    ['KeyJ', 'j', 'next'],
    ['KeyK', 'k', 'prev'],
    ['KeyA', 'a', 'approve'],
    ['KeyR', 'r', 'reject'],
    ['KeyS', 's', 'spam'],
    ['KeyO', 'o', 'open'],
    ['KeyX', 'x', 'select'],
    ['KeyU', 'u', 'undo'],
    ['Escape', 'Escape', 'close'],
    ['ArrowDown', 'ArrowDown', 'next'],
    ['ArrowUp', 'ArrowUp', 'prev'],
    ['Enter', 'Enter', 'open'],
    ['KeyA', 'A', 'approve'],
  ] as const)('maps the %s key (typing %s) to %s', (code, key, command) => {
    expect(queueCommand({ code, key })).toBe(command);
  });

  it.each([
    ['KeyJ', 'ت', 'next'],
    ['KeyK', 'ن', 'prev'],
    ['KeyA', 'ش', 'approve'],
    ['KeyR', 'ق', 'reject'],
    ['KeyS', 'س', 'spam'],
    ['KeyO', 'خ', 'open'],
    ['KeyX', 'ط', 'select'],
    ['KeyU', 'ع', 'undo'],
  ] as const)('reads %s by its place on a Persian layout, where it types %s', (code, key, command) => {
    expect(queueCommand({ code, key })).toBe(command);
  });

  it('opens the help with Shift and the slash key on either layout', () => {
    expect(queueCommand({ code: 'Slash', key: '?', shiftKey: true })).toBe('help');
    expect(queueCommand({ code: 'Slash', key: '؟', shiftKey: true })).toBe('help');
    expect(queueCommand({ code: 'Slash', key: '/' })).toBeNull();
  });

  it('follows the key cap, not the letter, on a layout that moves letters (Dvorak J types "h")', () => {
    expect(queueCommand({ code: 'KeyJ', key: 'h' })).toBe('next');
    expect(queueCommand({ code: 'KeyH', key: 'j' })).toBeNull();
  });

  it('falls back to the Latin letter when the platform gives no key code', () => {
    expect(queueCommand({ code: '', key: 'j' })).toBe('next');
    expect(queueCommand({ key: 'a' })).toBe('approve');
  });

  it('ignores keys it does not know', () => {
    expect(queueCommand({ code: 'KeyQ', key: 'q' })).toBeNull();
    expect(queueCommand({ code: 'Tab', key: 'Tab' })).toBeNull();
  });

  it('leaves shortcuts with modifiers to the browser', () => {
    expect(queueCommand({ code: 'KeyR', key: 'r', ctrlKey: true })).toBeNull();
    expect(queueCommand({ code: 'KeyA', key: 'a', metaKey: true })).toBeNull();
    expect(queueCommand({ code: 'KeyS', key: 's', altKey: true })).toBeNull();
  });

  it('lets letters typed into a text field stay text on any layout, but Escape still closes', () => {
    expect(queueCommand({ code: 'KeyA', key: 'a', inTextField: true })).toBeNull();
    expect(queueCommand({ code: 'KeyA', key: 'ش', inTextField: true })).toBeNull();
    expect(queueCommand({ code: 'Slash', key: '؟', shiftKey: true, inTextField: true })).toBeNull();
    expect(queueCommand({ code: 'Escape', key: 'Escape', inTextField: true })).toBe('close');
  });

  it('leaves Enter on a button to the button', () => {
    expect(queueCommand({ code: 'Enter', key: 'Enter', onControl: true })).toBeNull();
  });
});

describe('the help overlay', () => {
  it('lists every command once, each with a key that triggers it', () => {
    expect(QUEUE_KEYS.map((k) => k.command).sort()).toEqual([...QUEUE_COMMANDS].sort());
    for (const k of QUEUE_KEYS) {
      const key = k.code === 'Escape' ? 'Escape' : k.code === 'Slash' ? '?' : k.cap.toLowerCase();
      expect(queueCommand({ code: k.code, key, shiftKey: k.code === 'Slash' })).toBe(k.command);
    }
  });

  it('names what each letter key types on a Persian layout', () => {
    for (const k of QUEUE_KEYS.filter((q) => q.code.startsWith('Key'))) expect(PERSIAN_CAPS[k.code]).toMatch(/^[\u0600-\u06FF]$/);
  });

  it('gives aria-keyshortcuts values', () => {
    expect(keyShortcut('approve')).toBe('A');
    expect(keyShortcut('help')).toBe('Shift+?');
    expect(keyShortcut('close')).toBe('Escape');
  });
});

describe('isTextField', () => {
  it('treats text inputs, textareas and selects as text fields, checkboxes and buttons not', () => {
    const make = (tag: string, type?: string) => {
      const el = document.createElement(tag);
      if (type) el.setAttribute('type', type);
      return el;
    };
    expect(isTextField(make('input'))).toBe(true);
    expect(isTextField(make('input', 'search'))).toBe(true);
    expect(isTextField(make('textarea'))).toBe(true);
    expect(isTextField(make('select'))).toBe(true);
    expect(isTextField(make('input', 'checkbox'))).toBe(false);
    expect(isTextField(make('button'))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});
