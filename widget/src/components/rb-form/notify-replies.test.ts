import { describe, expect, it } from 'vitest';
import { notifyReplies } from './notify-replies.ts';

function data(checked: boolean): FormData {
  const f = new FormData();
  if (checked) f.set('notifyReplies', 'on');
  return f;
}

describe('notifyReplies', () => {
  it.each([
    ['ticked with an address', true, 'a@b.example', true],
    ['ticked without an address', true, undefined, undefined],
    ['not ticked', false, 'a@b.example', undefined],
  ])('%s', (_name, checked, email, expected) => {
    expect(notifyReplies(data(checked), email)).toBe(expected);
  });
});
