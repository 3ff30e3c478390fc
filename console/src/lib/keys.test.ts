import { describe, expect, it } from 'vitest';
import { isTextField, queueCommand } from './keys.ts';

describe('queueCommand', () => {
  it.each([
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
    ['ArrowDown', 'next'],
    ['ArrowUp', 'prev'],
    ['Enter', 'open'],
    ['A', 'approve'],
  ] as const)('maps %s to %s', (key, command) => {
    expect(queueCommand({ key })).toBe(command);
  });

  it('ignores keys it does not know', () => {
    expect(queueCommand({ key: 'q' })).toBeNull();
    expect(queueCommand({ key: 'Tab' })).toBeNull();
  });

  it('leaves shortcuts with modifiers to the browser', () => {
    expect(queueCommand({ key: 'r', ctrlKey: true })).toBeNull();
    expect(queueCommand({ key: 'a', metaKey: true })).toBeNull();
    expect(queueCommand({ key: 's', altKey: true })).toBeNull();
  });

  it('lets letters typed into a text field stay text, but Escape still closes', () => {
    expect(queueCommand({ key: 'a', inTextField: true })).toBeNull();
    expect(queueCommand({ key: 'Escape', inTextField: true })).toBe('close');
  });

  it('leaves Enter on a button to the button', () => {
    expect(queueCommand({ key: 'Enter', onControl: true })).toBeNull();
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
