import { afterEach, describe, expect, it } from 'vitest';
import { feelingKey } from './rb-feeling.ts';
import { RbForm } from './rb-form.ts';

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

async function story(language: 'en' | 'fa' = 'en') {
  const el = new RbForm();
  el.api = { base: 'http://127.0.0.1:9', site: 'pk_feeling' };
  el.kind = 'story';
  el.language = language;
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return { el, root };
}

describe('feelingKey (keyboard)', () => {
  it.each<[string, number, boolean, number | null]>([
    ['ArrowRight', 2, false, 3],
    ['ArrowLeft', 2, false, 1],
    ['ArrowRight', 2, true, 1],
    ['ArrowLeft', 2, true, 3],
    ['ArrowDown', 5, false, 5],
    ['ArrowUp', 1, false, 1],
    ['ArrowRight', 0, false, 1],
    ['Home', 4, false, 1],
    ['End', 1, true, 5],
    ['3', 0, false, 3],
    ['۴', 0, true, 4],
    ['6', 2, false, null],
    ['0', 2, false, null],
    ['Tab', 2, false, null],
  ])('%s from %i (rtl %s) → %s', (key, from, rtl, to) => {
    expect(feelingKey(key, from, rtl)).toBe(to);
  });
});

describe('the story form asks how it went', () => {
  describe('accessibility', () => {
    it('is a labelled, optional radio group with one tab stop and a name for each face', async () => {
      const { root } = await story();
      const group = root.querySelector('[role=radiogroup]');
      expect(group?.querySelector('legend')?.textContent).toContain('How did it go?');
      expect(group?.querySelector('legend')?.textContent).toContain('(optional)');
      const radios = [...root.querySelectorAll<HTMLInputElement>('input[name=feeling]')];
      expect(radios).toHaveLength(5);
      expect(radios.filter((r) => r.tabIndex === 0)).toHaveLength(1);
      expect(radios.every((r) => !r.required)).toBe(true);
      expect([...root.querySelectorAll('label[for^=fe-] .visually-hidden')].map((l) => l.textContent)).toEqual([
        '1 – Very badly',
        '2 – Badly',
        '3 – Okay',
        '4 – Well',
        '5 – Very well',
      ]);
    });

    it('speaks Persian with Persian digits', async () => {
      const { root } = await story('fa');
      expect(root.querySelector('[role=radiogroup] legend')?.textContent).toContain('چطور گذشت؟');
      expect(root.querySelector('label[for=fe-2] .visually-hidden')?.textContent).toBe('۲ – بد');
    });
  });

  describe('keyboard', () => {
    it('chooses with number keys and arrows, mirrored right to left', async () => {
      const { el, root } = await story('fa');
      const group = root.querySelector<HTMLElement>('[role=radiogroup]');
      group?.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true }));
      await el.updateComplete;
      expect(root.querySelector<HTMLInputElement>('#fe-2')?.checked).toBe(true);
      group?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
      await el.updateComplete;
      expect(root.querySelector<HTMLInputElement>('#fe-3')?.checked).toBe(true);
      expect(root.querySelector<HTMLInputElement>('#fe-3')?.tabIndex).toBe(0);
    });
  });

  describe('events', () => {
    it('sends the chosen feeling with the story, and none when the shopper skipped it', async () => {
      const bodies: unknown[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (_url, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify({ id: 's1', kind: 'story', status: 'pending' }), { status: 201, headers: { 'content-type': 'application/json' } });
      };
      try {
        for (const feeling of [2, 0]) {
          const { el, root } = await story();
          if (feeling) root.querySelector<HTMLInputElement>(`#fe-${feeling}`)?.click();
          const body = root.querySelector<HTMLTextAreaElement>('#f-body');
          const name = root.querySelector<HTMLInputElement>('#f-author-name');
          if (!body || !name) throw new Error('no fields');
          body.value = 'We came by on Sunday.';
          name.value = 'Mina';
          root.querySelector<HTMLButtonElement>('[part=send]')?.click();
          await new Promise((r) => setTimeout(r, 50));
          await el.updateComplete;
          el.remove();
        }
      } finally {
        globalThis.fetch = realFetch;
      }
      expect(bodies).toHaveLength(2);
      expect(bodies[0]).toMatchObject({ kind: 'story', feeling: 2 });
      expect(bodies[1]).not.toHaveProperty('feeling');
    });
  });
});

describe('the thank-you text is honest about contact', () => {
  it.each([
    ['', 'but you left no email, so the shop cannot write to you'],
    ['ana@example.com', 'and will get back to you'],
  ])('a routed review with email %j', async (email, expected) => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () =>
      new Response(JSON.stringify({ id: 's1', kind: 'review', status: 'pending', case: { ref: 'RB-ABCDEFGH', trackUrl: 'https://rebound.test/track/?t=x' } }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    try {
      const el = new RbForm();
      el.api = { base: 'http://127.0.0.1:9', site: 'pk_thanks' };
      el.kind = 'review';
      document.body.append(el);
      await el.updateComplete;
      const root = el.shadowRoot;
      if (!root) throw new Error('no shadow root');
      root.querySelector<HTMLInputElement>('#r-1')?.click();
      const set = (sel: string, v: string) => {
        const f = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(sel);
        if (f) f.value = v;
      };
      set('#f-body', 'It broke.');
      set('#f-author-name', 'Ana');
      set('#f-author-email', email);
      root.querySelector<HTMLButtonElement>('[part=send]')?.click();
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(root.querySelector('[part=confirmation]')?.textContent).toContain(expected);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
