/**
 * The story form's "How did it go?" scale: five faces from 1 (very badly) to 5 (very well),
 * optional, asked rather than guessed from the text (a low answer opens a recovery case).
 * A radio group with one tab stop: arrow keys move and choose (mirrored right to left), Home and
 * End jump to the ends, the number keys 1..5 (Latin or Persian) choose directly. Each face has
 * a screen-reader label; the faces themselves are hidden from assistive tech.
 * Lives in the lazy form chunk; `rb-form.ts` renders it inside its form, so the checked radio is
 * part of the form's data as `feeling`.
 */
import { html } from 'lit';
import type { FormStrings } from '../../i18n/form-en.ts';
import { formatNumber, type Lang } from '../../../../shared/format.ts';

const FACES = ['😞', '🙁', '😐', '🙂', '😄'] as const;
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/**
 * The value a key moves to from `current` (0: nothing chosen yet), or null when the key is not
 * the scale's. Pure, so the keyboard map is tested without a document.
 */
export function feelingKey(key: string, current: number, rtl: boolean): number | null {
  const digit = /^[1-5]$/.test(key) ? Number(key) : PERSIAN_DIGITS.indexOf(key);
  if (digit >= 1 && digit <= 5) return digit;
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward || key === 'ArrowDown') return current === 0 ? 1 : Math.min(5, current + 1);
  if (key === backward || key === 'ArrowUp') return current === 0 ? 1 : Math.max(1, current - 1);
  if (key === 'Home') return 1;
  if (key === 'End') return 5;
  return null;
}

export interface FeelingView {
  value: number;
  language: Lang;
  s: FormStrings;
  onChange: (value: number) => void;
}

/** The scale as part of a form: `<fieldset role="radiogroup">` of five labelled radios named `feeling`. */
export function feelingScale({ value, language, s, onChange }: FeelingView) {
  const choose = (next: number, root: ParentNode | null) => {
    onChange(next);
    root?.querySelector<HTMLInputElement>(`#fe-${next}`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const next = feelingKey(e.key, value, language === 'fa');
    if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    choose(next, e.currentTarget instanceof HTMLElement ? e.currentTarget : null);
  };
  const labels = [s.feeling_1, s.feeling_2, s.feeling_3, s.feeling_4, s.feeling_5];
  return html`<fieldset part="field" class="field" role="radiogroup" aria-describedby="fe-hint" @keydown=${onKey}>
    <legend>${s.feeling} <span class="muted">${s.optional}</span></legend>
    <div class="stars feeling">
      ${labels.map(
        (label, i) => html`<input
            class="visually-hidden"
            type="radio"
            name="feeling"
            id="fe-${i + 1}"
            value=${i + 1}
            tabindex=${value === i + 1 || (value === 0 && i === 0) ? '0' : '-1'}
            .checked=${value === i + 1}
            @change=${() => onChange(i + 1)}
          /><label for="fe-${i + 1}" class=${value === i + 1 ? 'on' : ''}
            ><span aria-hidden="true">${FACES[i]}</span
            ><span class="visually-hidden">${formatNumber(i + 1, language)} – ${label}</span></label
          >`,
      )}
    </div>
    <span class="hint muted" id="fe-hint">${s.feelingHint}</span>
  </fieldset>`;
}
