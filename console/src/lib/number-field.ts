/** Number fields typed in either language: Persian or Arabic-Indic digits read as ASCII ones. */

/** Persian and Arabic-Indic digits as ASCII, so "۴۸" reads as 48. */
export function asciiDigits(value: string): string {
  return value.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf)).replace(/\u066B/g, '.');
}

/** A number field: blank is unset; anything else is a number for the schema to judge (NaN fails). */
export function numberField(value: FormDataEntryValue | null): number | undefined {
  const raw = asciiDigits(String(value ?? '')).trim();
  return raw ? Number(raw) : undefined;
}

/** A number as a form field shows it: plain digits (no grouping), Persian ones on a Persian page. */
export function fieldDigits(value: number | undefined, lang: 'en' | 'fa'): string {
  if (value === undefined) return '';
  const plain = String(value);
  return lang === 'fa' ? plain.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d))).replace('.', '\u066B') : plain;
}
