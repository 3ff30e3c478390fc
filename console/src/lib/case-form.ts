/**
 * Turns the case form into a `CasePatch` holding only what changed, validated by the shared
 * schema, so an untouched form sends nothing and a bad value never leaves the page.
 */
import { CasePatch, type AdminCase } from '../../../shared/cases.ts';
import type { AdminSubmission } from '../../../shared/admin.ts';
import type { FieldError } from '../../../shared/problem.ts';

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export type CasePatchParse = { ok: true; value: CasePatch | null } | { ok: false; errors: FieldError[] };

/**
 * `value` is null when nothing changed; `errors` are shaped like the server's field errors.
 * `messageKey` names the message in the box (one key per message typed, kept across retries) so
 * the server sends it once even if the same request arrives twice.
 */
export function casePatchFromForm(form: FormData, current: AdminCase, messageKey?: string): CasePatchParse {
  const draft: Record<string, unknown> = {};
  const status = field(form, 'status');
  if (status && status !== current.status) draft.status = status;
  const priority = field(form, 'priority');
  if (priority && priority !== current.priority) draft.priority = priority;
  const assignee = field(form, 'assignee');
  if (assignee !== (current.assignee ?? '')) draft.assignee = assignee || null;
  const promised = field(form, 'promisedAt');
  const promisedIso = promised ? new Date(promised).toISOString() : null;
  if (promisedIso !== current.promisedAt && !(promisedIso && current.promisedAt && Date.parse(current.promisedAt) === Date.parse(promisedIso))) {
    draft.promisedAt = promisedIso;
  }
  const rootCause = field(form, 'rootCause');
  if (rootCause && rootCause !== current.rootCause) draft.rootCause = rootCause;
  const resolved = field(form, 'resolved');
  if (resolved && (resolved === 'yes') !== current.resolvedOk) draft.resolved = resolved === 'yes';
  const resolution = field(form, 'resolution');
  if (resolution !== (current.resolution ?? '')) draft.resolution = resolution;
  const publicMessage = field(form, 'publicMessage');
  if (publicMessage) {
    draft.publicMessage = publicMessage;
    if (messageKey) draft.messageKey = messageKey;
  }
  if (!Object.keys(draft).length) return { ok: true, value: null };
  const parsed = CasePatch.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) };
}

/** The contact staff copy: the first email or phone any of the case's submissions gave. */
export function contactOf(submissions: readonly AdminSubmission[]): string | null {
  for (const s of submissions) {
    const contact = s.author.email ?? s.author.phone;
    if (contact) return contact;
  }
  return null;
}

/** A fresh message key: 16 random bytes as URL-safe characters. */
export function newMessageKey(random: (bytes: Uint8Array) => Uint8Array): string {
  let out = 'msg-';
  for (const b of random(new Uint8Array(16))) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63];
  return out;
}
