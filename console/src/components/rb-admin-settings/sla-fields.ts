/**
 * The settings page's internal response targets per priority (hours): staff-side only, never
 * shown to shoppers, who see only the promised response time. Blank keeps the default.
 */
import { html } from 'lit';
import { PRIORITIES } from '../../../../shared/cases.ts';
import type { SiteSettings } from '../../../../shared/site.ts';
import type { Messages } from '../../i18n/en.ts';
import { SLA_TARGETS, slaField } from '../../lib/sla-form.ts';

export function slaFields(sla: SiteSettings['sla'], m: Messages) {
  return html`<fieldset aria-describedby="sla-hint">
    <legend>${m.slaSettings.legend}</legend>
    <p class="hint" id="sla-hint">${m.slaSettings.hint}</p>
    ${PRIORITIES.map(
      (p) => html`<div class="row">
        ${SLA_TARGETS.map((t) => {
          const id = slaField(p, t).replaceAll('.', '-');
          const value = sla.byPriority?.[p]?.[t];
          return html`<label for=${id}>${m.slaSettings[t](p)}</label>
            <input id=${id} name=${slaField(p, t)} type="number" min="1" max="8760" step="1" .value=${value === undefined ? '' : String(value)} />`;
        })}
      </div>`,
    )}
  </fieldset>`;
}
