import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/admin.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { auditView } from './audit-view.ts';

const DECIDED = Date.UTC(2026, 2, 21, 9, 30);

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    actor: 'st_abcd1234',
    actorKind: 'staff',
    actorName: 'Mina',
    action: 'submission.decision',
    target: 'sub_1',
    before: { status: 'pending', publishedAt: null, decidedAt: null, decidedBy: null, decisionReason: null },
    after: { status: 'published', publishedAt: DECIDED, decidedAt: DECIDED, decidedBy: 'st_abcd1234', decisionReason: null },
    createdAt: new Date(DECIDED).toISOString(),
    ...overrides,
  };
}

describe('auditView', () => {
  it('says who by name and what in words', () => {
    const v = auditView(entry(), en, 'en');
    expect(v.who).toBe('Mina');
    expect(v.what).toBe('Decided on a submission');
  });

  it('shows only the fields that changed, as field: old → new with labels and dates', () => {
    const v = auditView(entry(), en, 'en');
    expect(v.changes).toEqual([
      { field: 'Status', before: 'Pending', after: 'Published' },
      { field: 'Published', before: '—', after: formatDateTime(new Date(DECIDED).toISOString(), 'en') },
      { field: 'Decided', before: '—', after: formatDateTime(new Date(DECIDED).toISOString(), 'en') },
      { field: 'Decided by', before: '—', after: 'Mina' },
    ]);
  });

  it('never shows epoch milliseconds: times read in the Persian calendar with Persian digits', () => {
    const v = auditView(entry(), fa, 'fa');
    const text = v.changes.map((c) => `${c.field} ${c.before} ${c.after}`).join(' ');
    expect(text).not.toMatch(/\d{10}/);
    expect(text).toContain('۱۴۰۵');
    expect(v.what).toMatch(/[\u0600-\u06FF]/);
    expect(v.changes[0]).toEqual({ field: 'وضعیت', before: fa.status.pending, after: fa.status.published });
  });

  it('names a staff member with no known name by a short id, not the raw id', () => {
    const v = auditView(entry({ actorName: null }), en, 'en');
    expect(v.who).toBe('Staff member 1234');
  });

  it('names the customer, the shop’s server and the system', () => {
    expect(auditView(entry({ actorKind: 'customer', actorName: null, actor: 'customer' }), fa, 'fa').who).toBe('مشتری');
    expect(auditView(entry({ actorKind: 'server', actorName: null, actor: 'secret-key' }), en, 'en').who).toContain('server');
  });

  it('keeps markup in values as text and flattens nested settings', () => {
    const v = auditView(
      entry({ action: 'settings.update', before: { settings: { brand: '<b>x</b>', languages: ['en'] } }, after: { settings: { brand: '<img src=x>', languages: ['en', 'fa'] } } }),
      en,
      'en',
    );
    expect(v.changes).toContainEqual({ field: 'settings › brand', before: '<b>x</b>', after: '<img src=x>' });
    expect(v.changes).toContainEqual({ field: 'settings › languages', before: 'en', after: 'en, fa' });
  });

  it('keeps an unknown action readable as its code', () => {
    expect(auditView(entry({ action: 'site.future-action' }), en, 'en').what).toBe('site.future-action');
  });

  it('shortens a long entry and says how many lines it left out', () => {
    const before = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i + 1]));
    const v = auditView(entry({ before, after }), en, 'en');
    expect(v.changes).toHaveLength(8);
    expect(v.hidden).toBe(4);
  });
});
