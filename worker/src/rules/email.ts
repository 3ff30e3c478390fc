/**
 * Pure decisions about outgoing email: when a review request and its reminder are due, whether
 * an email whose time has come is still sent, and how a failed send is retried. The clock is an
 * argument. Nothing here looks at how happy the customer is: everyone with an order gets the
 * same request, and no incentive is offered for what they write.
 */
import type { EmailKind, EmailMode } from '../../../shared/email.ts';

const DAY = 24 * 3_600_000;

/** The review request counts from delivery when the merchant said when that was, else from purchase. */
export function reviewRequestDueAt(o: { purchasedAt: number; deliveredAt: number | null; delayDays: number }): number {
  return (o.deliveredAt ?? o.purchasedAt) + o.delayDays * DAY;
}

export interface PlannedEmail {
  kind: Extract<EmailKind, 'review.request' | 'review.reminder'>;
  dueAt: number;
}

/** The request, and one reminder `reminderDays` later unless the site turned reminders off. */
export function reviewEmailPlan(dueAt: number, reminderDays: number): PlannedEmail[] {
  const plan: PlannedEmail[] = [{ kind: 'review.request', dueAt }];
  if (reminderDays > 0) plan.push({ kind: 'review.reminder', dueAt: dueAt + reminderDays * DAY });
  return plan;
}

export interface DispatchFacts {
  kind: EmailKind;
  /** The site's choice of who sends review requests. */
  mode: EmailMode;
  /** The address unsubscribed from this site. */
  suppressed: boolean;
  /** Review emails: the customer reviewed, complained or told a story since the purchase. */
  wrote: boolean;
  /** Review emails: the request this reminder follows was sent (reminders never come alone). */
  requestSent: boolean;
  /** Review requests: when this customer last got one from this site (another order), if ever. */
  lastRequestAt: number | null;
  quietPeriodDays: number;
  /** What the email is about still exists and still wants it (the case, the reply, the opt-in). */
  stillWanted: boolean;
}

export type Dispatch = { action: 'send' } | { action: 'cancel'; reason: string } | { action: 'suppress'; reason: string };

/** Whether an email whose time has come goes out. Checked when it is sent, not when it was planned. */
export function decideDispatch(f: DispatchFacts, nowMs: number): Dispatch {
  // An address that said "no more" gets nothing, not even a confirmation asking for more.
  if (f.suppressed) return { action: 'suppress', reason: 'unsubscribed' };
  if (!f.stillWanted) return { action: 'cancel', reason: 'no longer wanted' };
  if (f.kind === 'review.request' || f.kind === 'review.reminder') {
    if (f.mode === 'webhook') return { action: 'cancel', reason: 'the site sends its own review requests' };
    if (f.wrote) return { action: 'cancel', reason: 'the customer already wrote' };
    if (f.kind === 'review.reminder' && !f.requestSent) return { action: 'cancel', reason: 'the request was not sent' };
    if (f.kind === 'review.request' && f.lastRequestAt !== null && nowMs - f.lastRequestAt < f.quietPeriodDays * DAY) {
      return { action: 'cancel', reason: 'quiet period' };
    }
  }
  return { action: 'send' };
}

/** Waits between attempts: a minute, five, half an hour, two hours; then the email has failed. */
export const EMAIL_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
export const EMAIL_MAX_ATTEMPTS = EMAIL_BACKOFF_MS.length + 1;

/** After attempt number `attempts` (1-based) failed: when to try again, or give up. */
export function retryAfterFailure(attempts: number, nowMs: number): { action: 'retry'; dueAt: number } | { action: 'fail' } {
  const wait = EMAIL_BACKOFF_MS[attempts - 1];
  if (wait === undefined || attempts >= EMAIL_MAX_ATTEMPTS) return { action: 'fail' };
  return { action: 'retry', dueAt: nowMs + wait };
}
