import { afterEach, describe, expect, it } from 'vitest';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import './rb-admin-item.ts';
import type { RbAdminItem } from './rb-admin-item.ts';

const HOSTILE = `<img src=x onerror="window.__pwned=1"> "><svg onload="window.__pwned=2">`;

function submission(overrides: Partial<AdminSubmission> = {}): AdminSubmission {
  return {
    id: 'sub_1',
    kind: 'review',
    status: 'pending',
    subject: 'sku-1',
    rating: 2,
    title: null,
    body: 'It broke',
    category: null,
    expected: null,
    desiredOutcome: null,
    author: { name: 'Sam', email: 'sam@example.com', phone: null },
    orderRef: 'ORD-1',
    verified: false,
    lang: 'en',
    flags: [],
    helpful: 0,
    createdAt: '2026-01-01T10:00:00.000Z',
    publishedAt: null,
    decidedAt: null,
    decisionReason: null,
    reply: null,
    caseRef: null,
    feeling: null,
    revisesId: null,
    ...overrides,
  };
}

async function render(item: AdminSubmission, lang: Lang = 'en'): Promise<ShadowRoot> {
  const el: RbAdminItem = document.createElement('rb-admin-item');
  el.item = item;
  el.lang = lang;
  document.body.append(el);
  await el.updateComplete;
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

afterEach(() => document.body.replaceChildren());

describe('rb-admin-item', () => {
  it('shows markup in shopper text as the characters typed, creating no elements', async () => {
    const root = await render(submission({ title: HOSTILE, body: HOSTILE, author: { name: HOSTILE, email: null, phone: null } }));
    expect(root.querySelector('img, svg, script')).toBeNull();
    expect(root.querySelector('.body')?.textContent).toContain(HOSTILE);
    expect(root.querySelector('.author')?.textContent).toContain(HOSTILE);
  });

  it('isolates shopper text in bdi so mixed directions do not reorder the page', async () => {
    const root = await render(submission({ body: 'قوری خراب بود', author: { name: 'مریم', email: null, phone: null } }));
    expect(root.querySelector('bdi.body')?.textContent).toBe('قوری خراب بود');
    expect(root.querySelector('.author bdi')?.textContent).toBe('مریم');
  });

  it('explains each flag that held the item', async () => {
    const root = await render(submission({ flags: ['links', 'bidi'] }));
    const text = root.querySelector('.why')?.textContent ?? '';
    expect(text).toContain('Links');
    expect(text).toContain('web addresses');
    expect(text).toContain('Direction controls');
  });

  it('explains the flags in Persian on the Persian page', async () => {
    const root = await render(submission({ flags: ['abuse'] }), 'fa');
    expect(root.querySelector('.why')?.textContent).toContain('توهین‌آمیز');
  });

  it('says an unflagged pending item is held only by pre-moderation', async () => {
    const root = await render(submission());
    expect(root.querySelector('.why')?.textContent).toContain('pre-moderation');
  });

  it('shows the private contact details and order to staff', async () => {
    const root = await render(submission({ author: { name: 'Sam', email: 'sam@example.com', phone: '+98 912 000 0000' } }));
    const contact = root.querySelector('.contact')?.textContent ?? '';
    expect(contact).toContain('sam@example.com');
    expect(contact).toContain('+98 912 000 0000');
    expect(contact).toContain('ORD-1');
  });
});
