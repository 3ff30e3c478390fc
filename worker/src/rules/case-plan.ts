/**
 * What a staff change to a recovery case means, decided without a database: the status move
 * and what it asks for, the SLA clock (pause on "awaiting customer", resume moves the deadlines
 * by the pause), the columns to write, the timeline entries (public or private), the webhook and
 * the audit entry. The route reads the case, calls `planCaseChange` and commits the plan in one
 * batch (db/case-changes.ts); nothing here reads the clock.
 */
import type { CasePatch, CaseStatus, Priority } from '../../../shared/cases.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { canTransition, missingForTransition } from './lifecycle.ts';
import { endPause, startPause } from './sla.ts';

/** The case as stored (epoch ms), in the words of the plan. */
export interface CaseState {
  status: CaseStatus;
  priority: Priority;
  assignee: string | null;
  promisedAt: number | null;
  rootCause: string | null;
  resolution: string | null;
  resolvedOk: boolean | null;
  firstResponseAt: number | null;
  firstResponseDue: number | null;
  planDue: number | null;
  planAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
  dueAt: number | null;
  updatedAt: number;
}

/** The columns a change may write; db/case-changes.ts maps each to its SQL column. */
export interface CaseColumns {
  status?: CaseStatus;
  assignee?: string | null;
  priority?: Priority;
  promisedAt?: number | null;
  rootCause?: string;
  resolution?: string;
  resolvedOk?: boolean;
  firstResponseAt?: number;
  pausedAt?: number | null;
  pausedMs?: number;
  firstResponseDue?: number | null;
  planDue?: number | null;
  planAt?: number;
  dueAt?: number | null;
  resolvedAt?: number;
  closedAt?: number;
}

export interface PlannedEvent {
  type: 'assigned' | 'priority' | 'promised' | 'status' | 'message';
  /** Shown on the customer's tracking page. */
  public: boolean;
  body: string | null;
  /** For a message: the key that makes a retried send a no-op. */
  messageKey?: string | null;
}

/** A staff message already on the case's timeline. */
export interface SentMessage {
  body: string;
  key: string | null;
}

export interface CasePlanInput {
  current: CaseState;
  patch: CasePatch;
  /** The staff member making the change, for the timeline and the audit log. */
  actor: string;
  nowMs: number;
  /** The case's staff messages so far, oldest first: a message is sent once. */
  messages: readonly SentMessage[];
}

export type CasePlan =
  | {
      ok: true;
      /** Nothing to write: the answer is the case as it is. */
      noop: boolean;
      set: CaseColumns;
      events: PlannedEvent[];
      /** The webhook the change announces, if any (the route adds its payload). */
      webhook: 'case.resolved' | null;
      audit: { action: 'case.update'; before: Record<string, unknown>; after: CaseColumns };
      /** The new `updated_at`: strictly newer than the one read, so the write guard tells them apart. */
      stamp: number;
    }
  | { ok: false; status: 409 | 422; code: string; detail: string; errors?: FieldError[] };

/** The next deadline: first response until answered, then the plan, then the promised date. */
export function nextDue(c: Pick<CaseState, 'firstResponseAt' | 'firstResponseDue' | 'planAt' | 'planDue' | 'promisedAt'>): number | null {
  if (c.firstResponseAt === null) return c.firstResponseDue;
  if (c.planAt === null) return c.planDue;
  return c.promisedAt;
}

/** Whether `body` (or its key) was already sent: a save that carries it again sends nothing. */
export function alreadySent(messages: readonly SentMessage[], body: string, key: string | undefined): boolean {
  if (key !== undefined && messages.some((m) => m.key === key)) return true;
  // The box kept its text and "Save case" was pressed again: the last message is not repeated.
  return messages.at(-1)?.body === body;
}

export function planCaseChange({ current: row, patch, nowMs: now, messages }: CasePlanInput): CasePlan {
  const set: CaseColumns = {};
  const events: PlannedEvent[] = [];
  let webhook: 'case.resolved' | null = null;

  if (patch.assignee !== undefined && patch.assignee !== row.assignee) {
    set.assignee = patch.assignee;
    events.push({ type: 'assigned', public: false, body: patch.assignee });
  }
  if (patch.priority && patch.priority !== row.priority) {
    set.priority = patch.priority;
    events.push({ type: 'priority', public: false, body: patch.priority });
  }
  if (patch.promisedAt !== undefined) {
    const promised = patch.promisedAt === null ? null : Date.parse(patch.promisedAt);
    if (promised !== row.promisedAt) {
      set.promisedAt = promised;
      events.push({ type: 'promised', public: true, body: promised === null ? null : new Date(promised).toISOString() });
    }
  }
  if (patch.rootCause && patch.rootCause !== row.rootCause) set.rootCause = patch.rootCause;
  if (patch.resolution !== undefined && patch.resolution !== (row.resolution ?? '')) set.resolution = patch.resolution;

  const to = patch.status;
  if (to && to !== row.status) {
    if (!canTransition(row.status, to)) {
      return { ok: false, status: 409, code: 'invalid-transition', detail: `A case cannot go from ${row.status} to ${to}.` };
    }
    // Resolving says yes to "was it resolved?" unless staff say otherwise; closing must say.
    const resolved = patch.resolved ?? row.resolvedOk ?? (to === 'resolved' ? true : undefined);
    const missing = missingForTransition(to, { rootCause: patch.rootCause ?? row.rootCause, resolved });
    if (missing.length > 0) {
      return {
        ok: false,
        status: 422,
        code: 'validation',
        detail: 'Closing a case asks for its root cause and whether the problem was resolved.',
        errors: missing.map((path) => ({ path, code: 'required', message: path === 'rootCause' ? 'is required to close a case' : 'say whether the problem was resolved' })),
      };
    }
    if (resolved !== undefined && (to === 'resolved' || to === 'closed')) set.resolvedOk = resolved;
    set.status = to;
    events.push({ type: 'status', public: true, body: to });
    // The SLA clock stops while the customer owes an answer; its deadlines move by the pause.
    if (to === 'awaiting_customer') set.pausedAt = startPause(now).pausedAt;
    if (row.status === 'awaiting_customer' && row.pausedAt !== null) {
      const ended = endPause({ pausedAt: row.pausedAt, pausedMs: row.pausedMs, firstResponseDue: row.firstResponseDue, planDue: row.planDue }, now);
      set.pausedAt = ended.pausedAt;
      set.pausedMs = ended.pausedMs;
      set.firstResponseDue = ended.firstResponseDue;
      set.planDue = ended.planDue;
    }
    if (to === 'in_progress' && row.planAt === null) set.planAt = now;
    if (to === 'resolved') {
      set.resolvedAt = now;
      webhook = 'case.resolved';
    }
    if (to === 'closed') set.closedAt = now;
  }

  const message = patch.publicMessage && !alreadySent(messages, patch.publicMessage, patch.messageKey) ? patch.publicMessage : null;
  if (message) events.push({ type: 'message', public: true, body: message, messageKey: patch.messageKey ?? null });
  if (patch.resolved !== undefined && patch.resolved !== row.resolvedOk) set.resolvedOk = patch.resolved;
  // The first thing staff do that the customer sees is the first response.
  if (row.firstResponseAt === null && (set.status !== undefined || message)) set.firstResponseAt = now;

  const merged = { ...row, ...set };
  const due = merged.status === 'awaiting_customer' ? row.dueAt : nextDue(merged);
  if (due !== row.dueAt) set.dueAt = due;

  const keys = Object.keys(set) as (keyof CaseColumns)[];
  const before: Record<string, unknown> = {};
  for (const k of keys) before[k] = k in row ? row[k as keyof CaseState] : null;
  return {
    ok: true,
    noop: keys.length === 0 && events.length === 0,
    set,
    events,
    webhook,
    audit: { action: 'case.update', before, after: set },
    stamp: Math.max(now, row.updatedAt + 1),
  };
}
