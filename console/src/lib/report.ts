/**
 * Turns a failed request into what a view shows: the server's problem `detail` and field
 * errors. A 401 also tells the page shell the session is gone, so it can ask to log in again.
 */
import type { FieldError } from '../../../shared/problem.ts';
import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../../../shared/submission.ts';
import { messages } from '../i18n/index.ts';
import { ApiError } from './api.ts';
import { isFieldErrorCode, isProblemSlug, problemSlug } from './problems.ts';

export interface Shown {
  message: string;
  errors: FieldError[];
}

/**
 * What staff read for a failed request, in the console's language. English keeps the server's
 * own `detail` (it names the thing that failed); other languages use the console's sentence for
 * the problem type, or for the status when the type is not one it knows.
 */
export function describeError(err: unknown, m: Messages): Shown {
  if (err instanceof ApiError) {
    if (err.status === 0) return { message: m.networkError, errors: [] };
    if (err.status === 401) return { message: m.sessionExpired, errors: [] };
    const slug = problemSlug(err.type);
    if (slug === 'unexpected-answer') return { message: m.unexpectedAnswer, errors: [] };
    const own = isProblemSlug(slug) ? m.problem[slug] : m.problemStatus(err.status);
    const message = m.serverDetail ? (err.detail ?? own) : own;
    const errors = err.errors.map((e) => ({ ...e, message: m.serverDetail || !isFieldErrorCode(e.code) ? e.message : m.fieldError[e.code] }));
    return { message, errors };
  }
  return { message: m.error, errors: [] };
}

/** Reports `err` from `host`: logs it, and signals the shell when the session ended. */
export function report(host: HTMLElement, err: unknown, m: Messages): Shown {
  if (err instanceof ApiError && err.status === 401) {
    host.dispatchEvent(new CustomEvent('rb-unauthorised', { bubbles: true, composed: true }));
  } else if (!(err instanceof ApiError)) {
    console.warn(err);
  }
  return describeError(err, m);
}

/** What a detail view shows around a staff action: that it runs, and how the last one ended. */
export interface ActionHost extends HTMLElement {
  lang: Lang;
  busy: boolean;
  problem: Shown | null;
  notice: string;
  /** Where the notice shows: the name of the button that caused it (components/notice). */
  noticeAt?: string;
}

/**
 * Runs one staff action from a detail view: marks the view busy and clears the last outcome;
 * on success shows `notice` and reloads the view, so it shows what the server now holds; on
 * failure shows the problem (and signals a lost session, like `report`).
 */
export async function runAction(host: ActionHost, op: () => Promise<unknown>, notice: string, reload: () => Promise<void>, at = ''): Promise<void> {
  host.busy = true;
  host.problem = null;
  host.notice = '';
  try {
    await op();
    host.notice = notice;
    host.noticeAt = at;
    await reload();
  } catch (err) {
    host.problem = report(host, err, messages(host.lang));
  } finally {
    host.busy = false;
  }
}
