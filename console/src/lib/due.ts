/** Whether a due time has passed at `nowMs`; a case without one is never overdue. */
export function isOverdue(dueIso: string | null | undefined, nowMs: number): boolean {
  if (!dueIso) return false;
  const due = new Date(dueIso).getTime();
  return !Number.isNaN(due) && due < nowMs;
}
