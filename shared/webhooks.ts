/** Outgoing webhooks: the merchant's endpoint, the events, the queue message and the delivery log. */
import * as z from 'zod/mini';

export const WEBHOOK_EVENTS = [
  'case.opened',
  'case.escalated',
  'case.resolved',
  'case.recovered',
  'case.promise_due',
  'followup.due',
  'submission.created',
] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * The shape of an endpoint URL. Where it may point (https on a public address only, unless
 * local development opted in) is the Worker's rule `webhookTarget`, checked when staff save it
 * (422 with `errors[0].code` = `https_required`, `private_address`, `local_name` or
 * `invalid_url`) and again before every delivery.
 */
export const WebhookUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

export const WebhookEndpointInput = z.strictObject({
  url: WebhookUrl,
  /** Events to send; empty or absent: all of them. */
  events: z.optional(z.array(WebhookEvent).check(z.maxLength(WEBHOOK_EVENTS.length))),
  enabled: z.optional(z.boolean()),
  /** True to replace the signing secret; a new endpoint always gets one. */
  rotateSecret: z.optional(z.boolean()),
});
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointInput>;

export const WebhookEndpoint = z.object({
  url: z.string(),
  events: z.array(WebhookEvent),
  enabled: z.boolean(),
  /** `whsec_<base64>`, shown only when it was (re)generated. */
  secret: z.optional(z.string()),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The body POSTed to the merchant. */
export const WebhookPayload = z.object({
  type: WebhookEvent,
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** Message on the WEBHOOKS queue: the payload lives in `webhook_deliveries`, keyed by this id. */
export const WebhookMessage = z.object({
  v: z.literal(1),
  type: z.literal('deliver-webhook'),
  deliveryId: z.string(),
  siteId: z.string(),
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;

export const WebhookDelivery = z.object({
  id: z.string(),
  event: WebhookEvent,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** `POST /v1/admin/webhooks/deliveries/{id}/replay`: the failed delivery, now pending again. */
export const WebhookReplayed = WebhookDelivery;

export const DeliveriesQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 25),
});

export const WebhookDeliveriesPage = z.object({
  items: z.array(WebhookDelivery),
  nextCursor: z.nullable(z.string()),
  /**
   * The endpoint the log belongs to (null: none is set), on the first page only, so the settings
   * page reads both in one request and a site without webhooks gets no 404.
   */
  endpoint: z.optional(z.nullable(WebhookEndpoint)),
});
export type WebhookDeliveriesPage = z.infer<typeof WebhookDeliveriesPage>;
