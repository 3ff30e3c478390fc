/**
 * Turns a failed request into what a view shows: the server's problem `detail` and field
 * errors. A 401 also tells the page shell the session is gone, so it can ask to log in again.
 */
import type { FieldError } from '../../../shared/problem.ts';
import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../../../shared/submission.ts';
import { messages } from '../i18n/index.ts';
import { ApiError } from './api.ts';

export interface Shown {
  message: string;
  errors: FieldError[];
}

export function describeError(err: unknown, m: Messages): Shown {
  if (err instanceof ApiError) {
    if (err.status === 0) return { message: m.networkError, errors: [] };
    if (err.status === 401) return { message: m.sessionExpired, errors: [] };
    return { message: err.detail ?? err.message ?? m.error, errors: err.errors };
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
}

/**
 * Runs one staff action from a detail view: marks the view busy and clears the last outcome;
 * on success shows `notice` and reloads the view, so it shows what the server now holds; on
 * failure shows the problem (and signals a lost session, like `report`).
 */
export async function runAction(host: ActionHost, op: () => Promise<unknown>, notice: string, reload: () => Promise<void>): Promise<void> {
  host.busy = true;
  host.problem = null;
  host.notice = '';
  try {
    await op();
    host.notice = notice;
    await reload();
  } catch (err) {
    host.problem = report(host, err, messages(host.lang));
  } finally {
    host.busy = false;
  }
}
