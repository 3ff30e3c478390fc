/**
 * People by name: who acted, as staff read it. Staff are named by their token's name; one the
 * server could not name gets a stable short label from their id rather than the raw id.
 */
import type { Messages } from '../i18n/en.ts';

export type ActorKind = 'staff' | 'customer' | 'server' | 'system';

/** "Staff member 4f2a": the last four characters of a staff id are enough to tell two apart. */
export function staffFallback(id: string | null, m: Messages): string {
  const tail = (id ?? '').replace(/[^A-Za-z0-9]/g, '').slice(-4) || '?';
  return m.people.staffFallback(tail);
}

export function actorLabel(kind: ActorKind, name: string | null, id: string | null, m: Messages): string {
  if (kind === 'staff') return name?.trim() || staffFallback(id, m);
  return m.people[kind];
}
