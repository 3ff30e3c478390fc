/**
 * Turns a failed request into what a view shows: the server's problem `detail` and field
 * errors. A 401 also tells the page shell the session is gone, so it can ask to log in again.
 */
import type { FieldError } from '../../../../shared/problem.ts';
import type { Messages } from '../i18n/en.ts';
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
