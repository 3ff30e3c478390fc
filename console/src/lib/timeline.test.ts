import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../shared/cases.ts';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { timelineView } from './timeline.ts';

function event(overrides: Partial<CaseEvent>): CaseEvent {
  return { id: 1, type: 'status', public: true, body: null, actor: 'st_abcd1234', actorKind: 'staff', actorName: 'Mina', submissionId: null, at: '2026-03-21T09:30:00.000Z', ...overrides };
}

describe('timelineView', () => {
  it('names the staff member and translates a status change', () => {
    const v = timelineView(event({ body: 'awaiting_customer' }), fa, 'fa');
    expect(v.who).toBe('Mina');
    expect(v.label).toBe(fa.timeline.status);
    expect(v.detail).toBe(fa.caseStatus.awaiting_customer);
    expect(v.text).toBeNull();
  });

  it('says the router and cron are the system, and the customer is the customer', () => {
    expect(timelineView(event({ type: 'opened', actor: null, actorKind: 'system', actorName: null }), en, 'en').who).toBe(en.people.system);
    expect(timelineView(event({ type: 'contact_added', actor: 'customer', actorKind: 'customer', actorName: null }), fa, 'fa').who).toBe('مشتری');
  });

  it('shows a promised date in the Persian calendar', () => {
    const v = timelineView(event({ type: 'promised', body: '2026-03-21T09:30:00.000Z' }), fa, 'fa');
    expect(v.detail).toContain('۱۴۰۵');
  });

  it('translates the cron’s English bodies', () => {
    expect(timelineView(event({ type: 'escalated', body: 'no response at half the SLA', actorKind: 'system' }), fa, 'fa').detail).toBe(fa.timelineMore.escalatedWhy);
    expect(timelineView(event({ type: 'breached', body: 'reassigned to Sara', actorKind: 'system' }), fa, 'fa').detail).toBe('واگذار شد به Sara');
  });

  it('reads why a submission joined, keeping the shopper’s words', () => {
    const v = timelineView(event({ type: 'submission', body: 'rating 1: خراب; repeat customer (2 earlier cases)', actorKind: 'system' }), fa, 'fa');
    expect(v.reason).toMatchObject({ summary: 'امتیاز ۱ از ۵', words: ['خراب'], repeat: 'مشتری تکراری: ۲ پروندهٔ پیشین' });
  });

  it('keeps what staff or the customer typed as text', () => {
    const v = timelineView(event({ type: 'message', body: '<b>Hi</b>' }), en, 'en');
    expect(v.text).toBe('<b>Hi</b>');
    expect(v.label).toBe('Message to the customer');
  });

  it('labels a type it does not know without showing the code', () => {
    expect(timelineView(event({ type: 'teleported' }), fa, 'fa').label).toBe(fa.timelineMore.unknown);
  });
});
