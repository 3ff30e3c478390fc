/**
 * One entry of a case's timeline as staff read it: what happened (a translated label), who did
 * it (by name), and the detail in words: a status or priority by its label, a date in the
 * console's calendar, the reason a submission joined, or the text someone wrote (shown as text).
 */
import type { CaseEvent } from '../../../shared/cases.ts';
import { CASE_STATUSES, PRIORITIES, type CaseEventType } from '../../../shared/cases.ts';
import { formatDateTime, formatNumber } from '../../../shared/format.ts';
import type { Lang } from '../../../shared/submission.ts';
import type { Messages } from '../i18n/en.ts';
import { reasonView, type ReasonView } from './case-reason-view.ts';
import { actorLabel } from './people.ts';

type Event = Pick<CaseEvent, 'type' | 'body' | 'actor' | 'actorKind' | 'actorName'>;

export interface TimelineView {
  label: string;
  who: string;
  /** A sentence of ours (translated), or null. */
  detail: string | null;
  /** Text someone typed (a message, note, name): render as text inside `<bdi>`. */
  text: string | null;
  /** For a joined submission: why it opened the case. */
  reason: ReasonView | null;
}

function isType(type: string, m: Messages): type is CaseEventType {
  return type in m.timeline;
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

export function timelineView(e: Event, m: Messages, lang: Lang): TimelineView {
  const view: TimelineView = {
    label: isType(e.type, m) ? m.timeline[e.type] : m.timelineMore.unknown,
    who: actorLabel(e.actorKind, e.actorName, e.actor, m),
    detail: null,
    text: null,
    reason: null,
  };
  const body = e.body;
  switch (e.type) {
    case 'status':
      if (body) view.detail = (CASE_STATUSES as readonly string[]).includes(body) ? (m.caseStatus[body] ?? body) : null;
      if (body && view.detail === null) view.text = body;
      return view;
    case 'priority':
      if (body && (PRIORITIES as readonly string[]).includes(body)) view.detail = m.priority[body as keyof Messages['priority']];
      else view.text = body;
      return view;
    case 'promised':
    case 'promise_reminder':
      if (body && isDate(body)) view.detail = formatDateTime(body, lang);
      else if (e.type === 'promised' && body === null) view.detail = m.timelineMore.promisedCleared;
      return view;
    case 'escalated':
      view.detail = m.timelineMore.escalatedWhy;
      return view;
    case 'breached': {
      const to = body ? /^reassigned to (.+)$/.exec(body) : null;
      if (to?.[1]) view.detail = m.timelineMore.reassignedTo(to[1]);
      return view;
    }
    case 'submission':
      if (body) view.reason = reasonView(body, m, lang);
      return view;
    case 'rerated':
      if (body && /^\d$/.test(body)) view.detail = m.timelineMore.rerated(formatNumber(Number(body), lang));
      else view.text = body;
      return view;
    default:
      view.text = body;
      return view;
  }
}
