/**
 * Every value the worker can produce has a label in both languages, and the Persian one is
 * Persian. The lists come from shared/ (and the console's own problem table), so a new status,
 * event, reason, role, action or flag fails here until it is named in en.ts and fa.ts.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, DECISIONS } from '../../../shared/admin.ts';
import { CASE_REASON_KINDS } from '../../../shared/case-reason.ts';
import { CASE_ACTORS, CASE_EVENT_TYPES, CASE_STATUSES, PRIORITIES, ROOT_CAUSES } from '../../../shared/cases.ts';
import { LINK_REASONS } from '../../../shared/case-links.ts';
import { FLAGS } from '../../../shared/site.ts';
import { COMPLAINT_CATEGORIES, KINDS, SUBMISSION_STATUSES } from '../../../shared/submission.ts';
import { AuditEntry } from '../../../shared/admin.ts';
import { FIELD_ERROR_CODES, PROBLEM_SLUGS } from '../lib/problems.ts';
import { QUEUE_COMMANDS } from '../lib/keys.ts';
import { EMAIL_REASONS } from '../lib/email-reason.ts';
import { en } from './en.ts';
import { fa } from './fa.ts';

const PERSIAN = /[\u0600-\u06FF]/;

/** A label may be a string or a function of a (formatted) number or name. */
function said(label: unknown): string {
  if (typeof label === 'function') return String(label('3', false));
  return typeof label === 'string' ? label : '';
}

function expectBoth(table: (l: typeof en) => Record<string, unknown>, keys: readonly string[]) {
  for (const key of keys) {
    const english = said(table(en)[key]);
    const persian = said(table(fa)[key]);
    expect(english, `en has no label for ${key}`).not.toBe('');
    expect(persian, `fa has no Persian label for ${key}`).toMatch(PERSIAN);
  }
}

describe('every value the console shows has an English and a Persian label', () => {
  it.each<[string, (l: typeof en) => Record<string, unknown>, readonly string[]]>([
    ['case statuses', (l) => l.caseStatus, CASE_STATUSES],
    ['priorities', (l) => l.priority, PRIORITIES],
    ['case reasons', (l) => l.reason, CASE_REASON_KINDS],
    ['timeline events', (l) => l.timeline, CASE_EVENT_TYPES],
    ['roles (who acted)', (l) => l.people, [...CASE_ACTORS.filter((a) => a !== 'staff'), 'server', 'staffFallback']],
    ['audit actions', (l) => l.auditAction, AUDIT_ACTIONS],
    ['submission statuses', (l) => l.status, SUBMISSION_STATUSES],
    ['decisions', (l) => l.decision, DECISIONS],
    ['decision results', (l) => l.outcome, DECISIONS],
    ['flags', (l) => l.flag, FLAGS],
    ['flag explanations', (l) => l.flagWhy, FLAGS],
    ['kinds', (l) => l.kind, KINDS],
    ['complaint categories', (l) => l.category, COMPLAINT_CATEGORIES],
    ['root causes', (l) => l.rootCause, ROOT_CAUSES],
    ['look-alike reasons', (l) => l.caseLinks.reason, LINK_REASONS],
    ['server problems', (l) => l.problem, PROBLEM_SLUGS],
    ['field errors', (l) => l.fieldError, FIELD_ERROR_CODES],
    ['shortcut descriptions', (l) => l.keys, QUEUE_COMMANDS],
    ['reasons an email was not sent', (l) => l.emailReason, EMAIL_REASONS],
  ])('%s', (_name, table, keys) => {
    expectBoth(table, keys);
  });

  it('names every kind of actor the audit log reports', () => {
    const kinds = AuditEntry.shape.actorKind.options.filter((k) => k !== 'staff');
    expectBoth((l) => l.people, kinds);
  });
});
