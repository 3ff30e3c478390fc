/**
 * Reads the Emails page's forms into the site's settings: who sends review requests, the sender
 * and support addresses, the reminder delay, and one template's subject and opening line. Checked
 * by the shared schema before anything is sent. Pure, so it is tested without a page.
 */
import { SettingsInput, type AdminSettings } from '../../../shared/admin.ts';
import type { EmailKind } from '../../../shared/email.ts';
import type { FieldError } from '../../../shared/problem.ts';
import type { Lang } from '../../../shared/submission.ts';

export type EmailSettingsParse = { ok: true; value: SettingsInput } | { ok: false; errors: FieldError[] };

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function check(draft: unknown): EmailSettingsParse {
  const parsed = SettingsInput.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) };
}

export function sendingFromForm(form: FormData, current: AdminSettings): EmailSettingsParse {
  const { emailFrom: _f, emailReplyTo: _r, ...rest } = current.settings;
  const from = text(form, 'emailFrom');
  const replyTo = text(form, 'emailReplyTo');
  return check({
    origins: current.origins,
    settings: {
      ...rest,
      emailMode: form.get('emailMode'),
      reviewReminderDays: Number(text(form, 'reviewReminderDays') || '0'),
      ...(from ? { emailFrom: from } : {}),
      ...(replyTo ? { emailReplyTo: replyTo } : {}),
    },
  });
}

/** The settings with one template replaced; empty fields fall back to Rebound's wording. */
export function templateInto(current: AdminSettings, kind: EmailKind, lang: Lang, subject: string, intro: string): EmailSettingsParse {
  const templates = structuredClone(current.settings.emailTemplates);
  const forKind = { ...(templates[kind] ?? {}) };
  const entry = { ...(subject.trim() ? { subject: subject.trim() } : {}), ...(intro.trim() ? { intro: intro.trim() } : {}) };
  if (Object.keys(entry).length > 0) forKind[lang] = entry;
  else delete forKind[lang];
  templates[kind] = forKind;
  return check({ origins: current.origins, settings: { ...current.settings, emailTemplates: templates } });
}
