/**
 * The settings page's internal response targets per priority (hours): staff-side only, never
 * shown to shoppers, who see only the promised response time. Blank keeps the default.
 */
import { html } from 'lit';
import { PRIORITIES } from '../../../../shared/cases.ts';
import type { SiteSettings } from '../../../../shared/site.ts';
import { fieldDigits } from '../../lib/number-field.ts';
import { SLA_TARGETS, slaField } from '../../lib/sla-form.ts';
import { textField, type FieldContext } from './fields.ts';

export function slaFields(sla: SiteSettings['sla'], ctx: FieldContext) {
  const { m } = ctx;
  return html`<fieldset aria-describedby="sla-hint">
    <legend>${m.slaSettings.legend}</legend>
    <p class="hint" id="sla-hint">${m.slaSettings.hint}</p>
    ${PRIORITIES.map(
      (p) => html`<div class="row">
        ${SLA_TARGETS.map((t) => {
          const value = sla.byPriority?.[p]?.[t];
          return textField(ctx, {
            id: slaField(p, t).replaceAll('.', '-'),
            name: slaField(p, t),
            path: `settings.sla.byPriority.${p}.${t}`,
            label: m.slaSettings[t](p),
            inputmode: 'numeric',
            value: fieldDigits(value, ctx.lang),
          });
        })}
      </div>`,
    )}
  </fieldset>`;
}
