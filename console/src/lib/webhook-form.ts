/**
 * Reads the webhook endpoint form into a `WebhookEndpointInput`, checked by the shared schema
 * first so a malformed address shows at its field before anything is sent. Where it may point
 * (https, public) is the worker's to say; its refusal comes back on the same `url` path.
 */
import { WebhookEndpointInput } from '../../../shared/webhooks.ts';
import type { FieldError } from '../../../shared/problem.ts';

export type WebhookParse = { ok: true; value: WebhookEndpointInput } | { ok: false; errors: FieldError[] };

export function webhookFromForm(form: FormData): WebhookParse {
  const draft = {
    url: String(form.get('url') ?? '').trim(),
    events: form.getAll('events'),
    enabled: form.get('enabled') === 'on',
    ...(form.get('rotateSecret') === 'on' ? { rotateSecret: true } : {}),
  };
  const parsed = WebhookEndpointInput.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.path[0] === 'url' ? 'invalid_url' : i.code, message: i.message })) };
}
