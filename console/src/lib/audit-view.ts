/**
 * An audit entry as people read it: who (by name), what (a translated action), and what changed
 * as "field: old → new" lines. Before/after are whatever JSON the worker stored; they are
 * flattened to fields, unchanged fields are left out, times (epoch milliseconds or ISO) become
 * dates in the console's calendar, statuses and priorities their labels. All of it is text: the
 * component renders these strings through Lit text bindings, never as markup.
 */
import type { AuditEntry } from '../../../shared/admin.ts';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/admin.ts';
import { formatDateTime, formatNumber } from '../../../shared/format.ts';
import type { Lang } from '../../../shared/submission.ts';
import type { Messages } from '../i18n/en.ts';
import { actorLabel } from './people.ts';

export interface ChangeLine {
  field: string;
  before: string;
  after: string;
}

export interface AuditView {
  who: string;
  what: string;
  changes: ChangeLine[];
  /** Lines left out to keep an entry short (a whole settings object, say). */
  hidden: number;
}

const MAX_LINES = 8;
const MAX_TEXT = 160;
/** Milliseconds since 1970 that are plausibly a time of ours (2001..2286), not a count. */
const EPOCH_MIN = 1e12;

/** Flattens nested objects to dotted fields; arrays stay values. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

function isTimeField(field: string): boolean {
  return /(At|_at|Due)$/.test(field.split('.').at(-1) ?? '');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}

export function auditValue(field: string, value: unknown, m: Messages, lang: Lang, actor?: { id: string; name: string }): string {
  if (value === null || value === undefined || value === '') return m.none;
  const leaf = field.split('.').at(-1) ?? field;
  if (typeof value === 'boolean') return value ? m.auditMore.yes : m.auditMore.no;
  if (typeof value === 'number') {
    if (isTimeField(leaf) && value >= EPOCH_MIN) return formatDateTime(new Date(value).toISOString(), lang);
    return formatNumber(value, lang);
  }
  if (typeof value === 'string') {
    if (isTimeField(leaf) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, lang);
    if (leaf === 'status') return m.caseStatus[value] ?? (value in m.status ? m.status[value as keyof Messages['status']] : value);
    if (leaf === 'priority' && value in m.priority) return m.priority[value as keyof Messages['priority']];
    if (leaf === 'rootCause' && value in m.rootCause) return m.rootCause[value as keyof Messages['rootCause']];
    if (actor && value === actor.id) return actor.name;
    return clip(value);
  }
  if (Array.isArray(value)) return value.length ? clip(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')) : m.auditMore.empty;
  return clip(JSON.stringify(value));
}

function fieldLabel(field: string, m: Messages): string {
  return field
    .split('.')
    .map((part) => m.auditField[part] ?? part)
    .join(' › ');
}

function isAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export function auditView(e: AuditEntry, m: Messages, lang: Lang): AuditView {
  const who = actorLabel(e.actorKind, e.actorName, e.actor, m);
  const before = flatten(e.before);
  const after = flatten(e.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const actor = { id: e.actor, name: who };
  const lines: ChangeLine[] = [];
  for (const field of fields) {
    const b = before.get(field);
    const a = after.get(field);
    if (same(b, a)) continue;
    lines.push({ field: fieldLabel(field, m), before: auditValue(field, b, m, lang, actor), after: auditValue(field, a, m, lang, actor) });
  }
  // A value that is a plain string (not an object) still says something.
  if (!fields.length && (typeof e.before === 'string' || typeof e.after === 'string')) {
    lines.push({ field: '', before: auditValue('', e.before, m, lang), after: auditValue('', e.after, m, lang) });
  }
  return {
    who,
    what: isAction(e.action) ? m.auditAction[e.action] : e.action,
    changes: lines.slice(0, MAX_LINES),
    hidden: Math.max(0, lines.length - MAX_LINES),
  };
}
