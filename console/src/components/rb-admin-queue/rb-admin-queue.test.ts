import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import { untranslatedWords } from '../../lib/untranslated.ts';
import './rb-admin-queue.ts';
import type { RbAdminQueue } from './rb-admin-queue.ts';

function item(id: string, name: string): AdminSubmission {
  return {
    id, kind: 'review', status: 'pending', subject: 'kettle-1', rating: 4, title: null, body: `Review ${id}`, category: null, expected: null,
    desiredOutcome: null, author: { name, email: null, phone: null }, orderRef: null, verified: false, lang: 'en', flags: [], helpful: 0,
    createdAt: '2026-03-20T08:00:00.000Z', publishedAt: null, decidedAt: null, decisionReason: null, reply: null, caseRef: id === 'b' ? 'RB-CASE2345' : null,
    feeling: null, revisesId: null,
  };
}

let posts: { url: string; body: unknown }[] = [];

beforeEach(() => {
  posts = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
    if (init.method === 'POST') {
      posts.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      return json({ id: 'a', status: 'published', previousStatus: 'pending' });
    }
    return json({ items: [item('a', 'Sam'), item('b', 'مریم'), item('c', 'Lee')], nextCursor: null });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa'): Promise<{ el: RbAdminQueue; root: ShadowRoot }> {
  const el = document.createElement('rb-admin-queue');
  el.lang = lang;
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelectorAll('li[data-id]').length).toBe(3));
  return { el, root: el.shadowRoot as ShadowRoot };
}

/** A key press as a Persian layout sends it: the physical key in `code`, the Persian letter in `key`. */
function press(code: string, key: string, target: EventTarget = window, shiftKey = false) {
  target.dispatchEvent(new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true, composed: true }));
}

describe('rb-admin-queue keyboard', () => {
  it('moves and approves by physical key on a Persian layout', async () => {
    const { el, root } = await mount('fa');
    press('KeyJ', 'ت');
    await el.updateComplete;
    expect(root.querySelector('li.current')?.getAttribute('data-id')).toBe('b');
    press('KeyK', 'ن');
    await el.updateComplete;
    expect(root.querySelector('li.current')?.getAttribute('data-id')).toBe('a');
    press('KeyA', 'ش');
    await vi.waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ url: '/v1/admin/submissions/a/decision', body: { decision: 'approve' } });
  });

  it('shows the decision’s result where the item was, with Undo', async () => {
    const { el, root } = await mount('en');
    press('KeyA', 'a');
    await el.updateComplete;
    const outcome = root.querySelector('li.outcome') as HTMLElement;
    expect(outcome.textContent).toContain('Published');
    expect(outcome.textContent).toContain('Sam');
    expect(outcome.nextElementSibling?.getAttribute('data-id')).toBe('b');
    (outcome.querySelector('button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root.querySelector('li.outcome')).toBeNull();
    expect(root.querySelector('li[data-id="a"]')).toBeTruthy();
  });

  it('fires no shortcut while staff type in a field, on any layout', async () => {
    const { el, root } = await mount('fa');
    const search = root.querySelector('input[type="search"]') as HTMLInputElement;
    search.focus();
    press('KeyA', 'ش', search);
    press('KeyJ', 'ت', search);
    await el.updateComplete;
    expect(posts).toHaveLength(0);
    expect(root.querySelector('li.current')?.getAttribute('data-id')).toBe('a');
  });

  it('lists the shortcuts with their Persian key caps in the help', async () => {
    const { el, root } = await mount('fa');
    press('Slash', '؟', window, true);
    await el.updateComplete;
    const help = root.querySelector('#help') as HTMLDialogElement;
    expect(help.textContent).toContain('ت');
    expect(help.textContent).toContain('J');
    expect(help.textContent).toContain(' مورد بعدی'.trim());
  });

  it('links a submission’s case ref to the case page', async () => {
    const { root } = await mount('en');
    const item = root.querySelector('li[data-id="b"] rb-admin-item') as HTMLElement;
    const link = item.shadowRoot?.querySelector('.case-ref a');
    expect(link?.getAttribute('href')).toBe('#/cases/RB-CASE2345');
  });

  it('renders no English of its own on the Persian page', async () => {
    const { root } = await mount('fa');
    // Shopper names reach the checkboxes' accessible names; they are data, not strings of ours.
    expect(untranslatedWords(root, ['Sam', 'Lee'])).toEqual([]);
  });
});
