/**
 * Reads the per-priority SLA targets (internal: never shown to shoppers) from the settings form.
 * A blank field leaves that target unset, so the built-in default applies (P1 4 h / 24 h, P2 the
 * base 24 h / 72 h, P3 48 h / 120 h; worker/src/rules/sla.ts).
 */
import { PRIORITIES, type Priority } from '../../../shared/cases.ts';
import type { SiteSettings } from '../../../shared/site.ts';
import { numberField } from './number-field.ts';

export const SLA_TARGETS = ['firstResponseHours', 'planHours'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The form field of one target of one priority. */
export function slaField(priority: Priority, target: SlaTarget): string {
  return `sla.${priority}.${target}`;
}

/** The `sla` settings with `byPriority` as the form says; values the schema then checks. */
export function slaFromForm(form: FormData, current: SiteSettings['sla']): SiteSettings['sla'] {
  const byPriority: Record<string, Record<string, number>> = {};
  for (const p of PRIORITIES) {
    const own: Record<string, number> = {};
    for (const t of SLA_TARGETS) {
      const value = numberField(form.get(slaField(p, t)));
      if (value !== undefined) own[t] = value;
    }
    if (Object.keys(own).length) byPriority[p] = own;
  }
  return { ...current, byPriority };
}
