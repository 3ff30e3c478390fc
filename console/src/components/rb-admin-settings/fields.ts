/**
 * The pieces every settings field is made of: a label, a one-line hint and, after a failed save,
 * the field's error in the page's language, tied together with `aria-describedby` and
 * `aria-invalid` so a screen reader reads all three and the page can focus the first bad field.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../../../shared/submission.ts';
import { formatNumber } from '../../../../shared/format.ts';
import type { Messages } from '../../i18n/en.ts';
import { describeFieldError, errorsAt } from '../../lib/field-errors.ts';
import type { FormFieldError } from '../../lib/settings-form.ts';

export interface FieldContext {
  m: Messages;
  lang: Lang;
  errors: readonly FormFieldError[];
}

/** The error of the field at `path` (a settings path such as `settings.brandColor`), or ''. */
export function errorFor(ctx: FieldContext, path: string): string {
  const [first] = errorsAt(ctx.errors, path);
  return first ? describeFieldError(first, ctx.m.settings.fieldErrors, (n) => formatNumber(n, ctx.lang), ctx.lang === 'en') : '';
}

/** The first error at `prefix` or below it (a list field: `settings.blockedWords.3`), or ''. */
export function errorUnder(ctx: FieldContext, prefix: string): string {
  const first = ctx.errors.find((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
  return first ? errorFor(ctx, first.path) : '';
}

/** `aria-describedby` of a field: its hint, and its error when it has one. */
export function describedBy(id: string, hint: boolean, error: string): string {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

export function hint(id: string, text: string): TemplateResult {
  return html`<span class="hint" id=${`${id}-hint`}>${text}</span>`;
}

export function fieldError(id: string, error: string): TemplateResult | typeof nothing {
  return error ? html`<span class="field-error" id=${`${id}-error`}>${error}</span>` : nothing;
}

/** A labelled one-line input with its hint and error. */
export function textField(
  ctx: FieldContext,
  f: { id: string; name: string; path: string; label: string; hint?: string; value: string; type?: string; dir?: 'ltr' | 'rtl' | 'auto'; inputmode?: string; placeholder?: string; autocomplete?: string },
): TemplateResult {
  const error = errorFor(ctx, f.path);
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <input
      id=${f.id}
      name=${f.name}
      type=${f.type ?? 'text'}
      dir=${f.dir ?? 'auto'}
      inputmode=${f.inputmode ?? nothing}
      placeholder=${f.placeholder ?? nothing}
      autocomplete=${f.autocomplete ?? 'off'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(f.id, Boolean(f.hint), error) || nothing}
      .value=${f.value}
    />
    ${f.hint ? hint(f.id, f.hint) : nothing} ${fieldError(f.id, error)}
  </div>`;
}

/** A group of radios or checkboxes in a fieldset, with the group's hint and error. */
export function choiceGroup(
  ctx: FieldContext,
  g: { id: string; name: string; path: string; legend: string; hint?: string; type: 'radio' | 'checkbox'; options: Array<{ value: string; label: string; checked: boolean }>; wide?: boolean },
): TemplateResult {
  const error = errorFor(ctx, g.path);
  return html`<fieldset aria-describedby=${describedBy(g.id, Boolean(g.hint), error) || nothing}>
    <legend>${g.legend}</legend>
    ${g.hint ? hint(g.id, g.hint) : nothing}
    <div class=${g.wide ? 'choices wide' : 'choices'}>
      ${g.options.map(
        (o) =>
          html`<label class="choice"
            ><input type=${g.type} name=${g.name} value=${o.value} ?checked=${o.checked} aria-invalid=${error ? 'true' : 'false'} /> <span>${o.label}</span></label
          >`,
      )}
    </div>
    ${fieldError(g.id, error)}
  </fieldset>`;
}
