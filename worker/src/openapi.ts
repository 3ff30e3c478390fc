/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the worker validates with.
 * Each operation names its schemas; JSON Schema comes from `z.toJSONSchema`, so the document
 * cannot drift from what the API accepts.
 */
import * as z from 'zod/mini';
import * as S from '../../shared/index.ts';

type Schema = z.ZodMiniType;

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: 'public' | 'server' | 'staff' | 'operations';
  query?: z.ZodMiniObject;
  body?: Schema;
  /** A raw (non-JSON) body in one of these media types, e.g. a photo upload. */
  rawBody?: readonly string[];
  /** A `text/csv` body instead of JSON: what its header row and rows hold. */
  csvBody?: string;
  /** A response that is not JSON (a feed): its media type. */
  okType?: string;
  headers?: { name: string; required: boolean; description: string }[];
  ok: { status: number; schema?: Schema; description: string; media?: readonly string[] };
  auth?: 'cookie' | 'secret';
}

const SITE = { name: 'site', description: 'The site public key (pk_...)' };

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/v1/health', summary: 'Liveness and a D1 read', tag: 'operations', ok: { status: 200, schema: S.Health, description: 'Healthy' } },
  {
    method: 'get',
    path: '/v1/ping',
    summary: 'A do-nothing endpoint that touches no binding: the floor the benchmark compares the API with',
    tag: 'operations',
    ok: { status: 200, description: 'The text "pong"' },
  },
  { method: 'get', path: '/v1/openapi.json', summary: 'This document, generated from the shared zod schemas', tag: 'operations', ok: { status: 200, description: 'OpenAPI 3.1 (JSON)' } },
  {
    method: 'get',
    path: '/v1/sites/{site}/widget',
    summary: 'Everything for first render: settings, summary, first page of reviews. A page origin the site did not register gets 403 `origin-not-allowed`, readable by that page (no data in it)',
    tag: 'public',
    query: S.WidgetQuery,
    ok: { status: 200, schema: S.WidgetBootstrap, description: 'The bootstrap' },
  },
  {
    method: 'get',
    path: '/v1/sites/{site}/reviews',
    summary: 'A keyset page of published reviews',
    tag: 'public',
    query: S.ReviewsQuery,
    ok: { status: 200, schema: S.ReviewsPage, description: 'A page' },
  },
  {
    method: 'post',
    path: '/v1/sites/{site}/submissions',
    summary: 'Submit a review, complaint or story',
    tag: 'public',
    body: S.SubmissionInput,
    headers: [{ name: 'Idempotency-Key', required: true, description: 'Chosen by the client when first attempted; retries reuse it.' }],
    ok: { status: 201, schema: S.SubmissionCreated, description: 'Stored (or replayed for a retry with the same key)' },
  },
  {
    method: 'post',
    path: '/v1/sites/{site}/reviews/{id}/helpful',
    summary: 'Mark a review helpful, once per voter',
    tag: 'public',
    ok: { status: 200, schema: S.HelpfulVoted, description: 'The new count' },
  },
  {
    method: 'post',
    path: '/v1/admin/session',
    summary: 'Log in with a staff token; sets the session cookie',
    tag: 'staff',
    body: S.LoginInput,
    ok: { status: 201, schema: S.StaffSession, description: 'Logged in' },
  },
  { method: 'get', path: '/v1/admin/session', summary: 'The current session', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.StaffSession, description: 'Logged in' } },
  { method: 'delete', path: '/v1/admin/session', summary: 'Log out', tag: 'staff', auth: 'cookie', ok: { status: 204, description: 'Logged out' } },
  {
    method: 'get',
    path: '/v1/admin/submissions',
    summary: 'The moderation queue',
    tag: 'staff',
    auth: 'cookie',
    query: S.SubmissionsQuery,
    ok: { status: 200, schema: S.AdminSubmissionsPage, description: 'A page' },
  },
  {
    method: 'post',
    path: '/v1/admin/submissions/{id}/decision',
    summary: 'Approve, reject, mark as spam or hide',
    tag: 'staff',
    auth: 'cookie',
    body: S.DecisionInput,
    ok: { status: 200, schema: S.DecisionResult, description: 'Decided' },
  },
  {
    method: 'post',
    path: '/v1/admin/submissions/decision',
    summary: 'The bulk form of a decision',
    tag: 'staff',
    auth: 'cookie',
    body: S.BulkDecisionInput,
    ok: { status: 200, schema: S.BulkDecisionResult, description: 'Decided' },
  },
  {
    method: 'put',
    path: '/v1/admin/submissions/{id}/reply',
    summary: "Write or edit the merchant's public reply",
    tag: 'staff',
    auth: 'cookie',
    body: S.ReplyInput,
    ok: { status: 200, schema: S.AdminReply, description: 'Saved (201 when it is new)' },
  },
  { method: 'delete', path: '/v1/admin/submissions/{id}/reply', summary: 'Remove the public reply', tag: 'staff', auth: 'cookie', ok: { status: 204, description: 'Removed' } },
  { method: 'get', path: '/v1/admin/submissions/{id}', summary: 'One submission with its private fields', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.AdminSubmission, description: 'The submission' } },
  {
    method: 'post',
    path: '/v1/admin/submissions/{id}/undo',
    summary: 'Revert the last decision not yet undone',
    tag: 'staff',
    auth: 'cookie',
    ok: { status: 200, schema: S.DecisionResult, description: 'Reverted' },
  },
  { method: 'get', path: '/v1/admin/settings', summary: "The site's name, allowed origins and settings", tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.AdminSettings, description: 'The settings' } },
  {
    method: 'put',
    path: '/v1/admin/settings',
    summary: 'Replace the settings and allowed origins',
    tag: 'staff',
    auth: 'cookie',
    body: S.SettingsInput,
    ok: { status: 200, schema: S.AdminSettings, description: 'Saved' },
  },
  { method: 'get', path: '/v1/admin/audit', summary: 'Who did what, newest first', tag: 'staff', auth: 'cookie', query: S.AuditQuery, ok: { status: 200, schema: S.AuditPage, description: 'A page' } },
  {
    method: 'get',
    path: '/v1/admin/audit/export',
    summary: 'The whole audit log as CSV or a JSON array',
    tag: 'staff',
    auth: 'cookie',
    query: S.ExportQuery,
    ok: { status: 200, description: 'A download' },
  },
  {
    method: 'get',
    path: '/v1/admin/export',
    summary: "Every submission of the site, private fields included, as CSV or a JSON array",
    tag: 'staff',
    auth: 'cookie',
    query: S.ExportQuery,
    ok: { status: 200, description: 'A download' },
  },
  {
    method: 'post',
    path: '/v1/admin/people/erase',
    summary: "Erase one shopper's personal data by email, phone or order reference (submissions, cases and their timelines, orders, webhook deliveries, dead letters, audit copies)",
    tag: 'staff',
    auth: 'cookie',
    body: S.EraseInput,
    ok: { status: 200, schema: S.Erased, description: 'What was erased' },
  },
  {
    method: 'delete',
    path: '/v1/admin/people',
    summary: 'Gone: answers 400 `erase-moved` pointing at POST /v1/admin/people/erase (contacts do not belong in a query string)',
    tag: 'staff',
    auth: 'cookie',
    ok: { status: 400, description: 'Always refused' },
  },
  {
    method: 'get',
    path: '/v1/sites/{site}/cases/{ref}',
    summary: "The customer's own view of their case (signed link): status and public timeline, never notes or contact details",
    tag: 'public',
    query: S.TokenQuery,
    ok: { status: 200, schema: S.PublicCase, description: 'The case; 404 alike for an unknown ref and a bad, expired or mismatched link' },
  },
  {
    method: 'post',
    path: '/v1/sites/{site}/cases/{ref}/feedback',
    summary: 'The one re-rating after resolution; publishes nothing unless `updateReview` is true (then a moderated update under the review)',
    tag: 'public',
    query: S.TokenQuery,
    body: S.FeedbackInput,
    ok: { status: 201, schema: S.FeedbackResult, description: 'Recorded: recovered or not recovered' },
  },
  {
    method: 'post',
    path: '/v1/sites/{site}/cases/{ref}/contact',
    summary: 'A customer who left no contact adds an email or phone to their own case (tracking link only; kept private, audited)',
    tag: 'public',
    query: S.TokenQuery,
    body: S.ContactInput,
    ok: { status: 201, schema: S.ContactAdded, description: 'Added; 409 when the shop already has a contact' },
  },
  {
    method: 'post',
    path: '/v1/sites/{site}/orders',
    summary: 'Register a purchase for the follow-up; answers with signed review links per item',
    tag: 'server',
    auth: 'secret',
    body: S.OrderInput,
    ok: { status: 201, schema: S.OrderRegistered, description: 'Registered (200 with the same links when the order id was registered before)' },
  },
  {
    method: 'get',
    path: '/v1/admin/emails',
    summary: 'The emails the site sent or will send, newest first, with their delivery state (optionally one case, one state)',
    tag: 'staff',
    auth: 'cookie',
    query: S.AdminEmailsQuery,
    ok: { status: 200, schema: S.AdminEmailsPage, description: 'A page' },
  },
  {
    method: 'post',
    path: '/v1/admin/emails/preview',
    summary: 'One email template rendered with sample data as it would be sent (with unsaved subject and intro)',
    tag: 'staff',
    auth: 'cookie',
    body: S.EmailPreviewInput,
    ok: { status: 200, schema: S.EmailPreview, description: 'The rendered email' },
  },
  {
    method: 'get',
    path: '/v1/email/unsubscribe',
    summary: 'The page behind an email\'s unsubscribe link: one button, changes nothing by itself',
    tag: 'public',
    query: S.EmailTokenQuery,
    ok: { status: 200, description: 'An HTML page (404 for a bad link)' },
  },
  {
    method: 'post',
    path: '/v1/email/unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058) from every email of the site; idempotent, no cookie',
    tag: 'public',
    query: S.EmailTokenQuery,
    ok: { status: 200, schema: S.EmailActionResult, description: 'Unsubscribed (an HTML page when the browser asks for one)' },
  },
  {
    method: 'get',
    path: '/v1/email/confirm',
    summary: 'The page behind a reply-notice confirmation link: one button',
    tag: 'public',
    query: S.EmailTokenQuery,
    ok: { status: 200, description: 'An HTML page (404 for a bad or expired link)' },
  },
  {
    method: 'post',
    path: '/v1/email/confirm',
    summary: 'Confirm the address for reply notices (double opt-in)',
    tag: 'public',
    query: S.EmailTokenQuery,
    ok: { status: 200, schema: S.EmailActionResult, description: 'Confirmed' },
  },
  { method: 'get', path: '/v1/admin/cases', summary: 'The recovery queue, most urgent first', tag: 'staff', auth: 'cookie', query: S.AdminCasesQuery, ok: { status: 200, schema: S.AdminCasesPage, description: 'A page' } },
  { method: 'get', path: '/v1/admin/cases/{id}', summary: 'One case (by id, or by a ref one of its submissions was told) with its submissions, refs and whole timeline', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.AdminCaseDetail, description: 'The case' } },
  {
    method: 'patch',
    path: '/v1/admin/cases/{id}',
    summary: 'Change status (lifecycle), assignee, priority, promised date, root cause, resolution; message the customer (sent once: a repeated messageKey or the last message again adds nothing)',
    tag: 'staff',
    auth: 'cookie',
    body: S.CasePatch,
    ok: { status: 200, schema: S.CaseChanged, description: 'The changed case' },
  },
  // "Probably the same customer" links, merge/split and tracking-link rotation (routes/admin-case-links.ts).
  { method: 'get', path: '/v1/admin/cases/{id}/links', summary: 'Cases that look like the same customer (same email, phone or order number), and merges', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.CaseLinks, description: 'The links' } },
  { method: 'post', path: '/v1/admin/cases/{id}/merge', summary: 'Merge this case into another for staff work; each customer still tracks only their own', tag: 'staff', auth: 'cookie', body: S.MergeInput, ok: { status: 200, schema: S.CaseLinks, description: 'Merged' } },
  { method: 'post', path: '/v1/admin/cases/{id}/split', summary: 'Undo a merge: the case is worked on its own again', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.CaseLinks, description: 'Split' } },
  { method: 'post', path: '/v1/admin/cases/{id}/track-link', summary: "Rotate the customer's tracking link: earlier links stop working; the new one is shown once", tag: 'staff', auth: 'cookie', ok: { status: 201, schema: S.TrackLinkRotated, description: 'The new link' } },
  // The text router's staff side (routes/admin-router.ts).
  { method: 'post', path: '/v1/admin/submissions/{id}/case', summary: 'Open a recovery case from an item the text router left alone or was unsure about; teaches the site\'s router', tag: 'staff', auth: 'cookie', ok: { status: 201, schema: S.OpenedFromItem, description: 'The case is being opened under this ref' } },
  { method: 'post', path: '/v1/admin/submissions/{id}/not-a-problem', summary: 'Take an item out of the "needs a look" lane; teaches the site\'s router', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.DismissedFromLane, description: 'Out of the lane' } },
  { method: 'get', path: '/v1/admin/router/learned', summary: 'What the site\'s router learned from staff corrections', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.LearnedSummary, description: 'Corrections and the words that lean each way' } },
  { method: 'post', path: '/v1/admin/cases/{id}/notes', summary: 'A private note', tag: 'staff', auth: 'cookie', body: S.NoteInput, ok: { status: 201, schema: S.NoteAdded, description: 'Added' } },
  { method: 'get', path: '/v1/admin/metrics', summary: 'Ratings, volumes, first response median/p90, SLA kept, recovery rate, promises kept, root causes', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.Metrics, description: 'The numbers' } },
  { method: 'get', path: '/v1/admin/webhooks', summary: 'The webhook endpoint', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.WebhookEndpoint, description: 'The endpoint' } },
  {
    method: 'put',
    path: '/v1/admin/webhooks',
    summary: 'Set the webhook endpoint (https on a public address; 422 otherwise); the signing secret is shown when generated',
    tag: 'staff',
    auth: 'cookie',
    body: S.WebhookEndpointInput,
    ok: { status: 200, schema: S.WebhookEndpoint, description: 'Saved (201 when first set)' },
  },
  { method: 'delete', path: '/v1/admin/webhooks', summary: 'Remove the webhook endpoint (audited); the delivery log stays, pending deliveries fail', tag: 'staff', auth: 'cookie', ok: { status: 204, description: 'Removed (404 when none is set)' } },
  {
    method: 'post',
    path: '/v1/sites/{site}/uploads',
    summary: 'Upload one review photo (JPEG, PNG or WebP by its bytes; at most 8 MB, 10,000 px a side, 40 megapixels); metadata is removed before storing. `thumbOf` stores the body as the thumbnail of an earlier upload',
    tag: 'public',
    query: S.UploadQuery,
    rawBody: S.PHOTO_MIME_TYPES,
    headers: [{ name: 'Idempotency-Key', required: true, description: 'Retries with the same key and bytes replay the answer; other bytes get 422.' }],
    ok: { status: 201, schema: S.UploadCreated, description: 'Stored (or replayed). 415: not one of the accepted images; 413: too many bytes; 422: too many pixels' },
  },
  {
    method: 'get',
    path: '/v1/sites/{site}/photos/{id}',
    summary: 'A photo of a published review, immutable (the URL carries the content hash as `v`)',
    tag: 'public',
    query: S.PhotoQuery,
    ok: { status: 200, description: 'The image bytes', media: S.PHOTO_MIME_TYPES },
  },
  { method: 'get', path: '/v1/admin/photos', summary: "A submission's photos, pending and hidden ones included", tag: 'staff', auth: 'cookie', query: z.strictObject({ submission: z.string() }), ok: { status: 200, schema: S.AdminPhotos, description: 'The photos' } },
  { method: 'get', path: '/v1/admin/photos/{id}', summary: 'The bytes of any photo of the site (never cached)', tag: 'staff', auth: 'cookie', query: S.PhotoQuery, ok: { status: 200, description: 'The image bytes', media: S.PHOTO_MIME_TYPES } },
  { method: 'post', path: '/v1/admin/photos/{id}/hidden', summary: 'Hide or show one photo without touching its review (audited)', tag: 'staff', auth: 'cookie', body: S.PhotoHiddenInput, ok: { status: 200, schema: S.AdminPhoto, description: 'The photo' } },
  {
    method: 'put',
    path: '/v1/sites/{site}/products/{subject}',
    summary: 'The product behind a subject (name, url, image, GTIN, MPN, SKU, brand) for feeds and JSON-LD',
    tag: 'server',
    auth: 'secret',
    body: S.ProductInput,
    ok: { status: 200, schema: S.ProductSaved, description: 'Replaced (201 when created)' },
  },
  {
    method: 'put',
    path: '/v1/sites/{site}/products',
    summary: 'Many products at once from a CSV file; nothing is written unless every row is valid',
    tag: 'server',
    auth: 'secret',
    csvBody: 'Header row with subject, name, url and optionally image_url, gtin, mpn, sku, brand; one product per row (at most 1,000).',
    ok: { status: 200, schema: S.ProductsImported, description: 'Counts of rows, created and updated products' },
  },
  { method: 'get', path: '/v1/admin/products', summary: 'The product catalogue, by subject', tag: 'staff', auth: 'cookie', query: S.ProductsQuery, ok: { status: 200, schema: S.ProductsPage, description: 'A page' } },
  { method: 'get', path: '/v1/admin/products/{subject}', summary: 'One product', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.ProductOne, description: 'The product' } },
  { method: 'put', path: '/v1/admin/products/{subject}', summary: 'Create or replace a product (audited)', tag: 'staff', auth: 'cookie', body: S.ProductInput, ok: { status: 200, schema: S.ProductSaved, description: 'Replaced (201 when created)' } },
  { method: 'delete', path: '/v1/admin/products/{subject}', summary: 'Remove a product (audited)', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.ProductDeleted, description: 'Removed' } },
  {
    method: 'post',
    path: '/v1/admin/imports',
    summary: 'Import reviews from a Judge.me, Shopify Product Reviews, Okendo, Yotpo or generic CSV export; dryRun=1 previews and writes nothing',
    tag: 'staff',
    auth: 'cookie',
    query: S.ImportQuery,
    csvBody: "The platform's review export as exported (docs/IMPORTS.md lists the columns read), UTF-8, at most 32 MB and 100,000 rows.",
    ok: { status: 202, schema: S.ImportStarted, description: 'The import job after its first step: 200 when already done (up to 5,000 rows), 202 while chunks remain (call /run). With dryRun: 200 and the preview { rows, valid, duplicates, errors }' },
  },
  { method: 'get', path: '/v1/admin/imports', summary: 'The latest imports', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.ImportsList, description: 'Newest first' } },
  { method: 'get', path: '/v1/admin/imports/{id}', summary: 'One import: rows done of total, reviews added', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.ImportProgress, description: 'The job' } },
  {
    method: 'post',
    path: '/v1/admin/imports/{id}/run',
    summary: 'Import the next chunks of a running import (call until status is done); the last step rebuilds the rating summaries once',
    tag: 'staff',
    auth: 'cookie',
    ok: { status: 200, schema: S.ImportProgress, description: 'The job after this step' },
  },
  { method: 'get', path: '/v1/admin/feeds', summary: "The site's secret feed URLs (the key is made on first read)", tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.FeedsList, description: 'The feeds' } },
  { method: 'post', path: '/v1/admin/feeds/rotate', summary: 'Replace the feed key; the old URL stops working at once (audited)', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.FeedsList, description: 'The new URLs' } },
  {
    method: 'get',
    path: '/v1/feeds/{feedKey}/google-product-reviews.xml',
    summary: 'Google Product Reviews feed (schema 2.4): every published product review with its visible photos (reviewer_images, absolute full-size URLs) and the spam-decided ones marked is_spam; no contact details',
    tag: 'public',
    okType: 'application/xml',
    ok: { status: 200, description: 'The feed, streamed; cached until the site’s content changes' },
  },
  {
    method: 'get',
    path: '/v1/sites/{site}/ratings',
    summary: 'Count and average for up to 50 subjects at once, for <rb-stars> badges on listing pages',
    tag: 'public',
    query: S.RatingsQuery,
    ok: { status: 200, schema: S.Ratings, description: 'One entry per subject (count 0 without reviews)' },
  },
  { method: 'get', path: '/v1/admin/webhooks/deliveries', summary: 'The webhook delivery log, newest first; the first page also names the endpoint (null when none is set)', tag: 'staff', auth: 'cookie', query: S.DeliveriesQuery, ok: { status: 200, schema: S.WebhookDeliveriesPage, description: 'A page' } },
  {
    method: 'get',
    path: '/v1/admin/origins',
    summary: 'Allowed page origins, and origins the widget was refused on (most recent first, at most 50)',
    tag: 'staff',
    auth: 'cookie',
    ok: { status: 200, schema: S.SiteOrigins, description: 'The origins' },
  },
  {
    method: 'post',
    path: '/v1/admin/origins',
    summary: 'Allow the widget on one more page origin (https, or http on localhost; audited); forgets its refusals. 422 names what is wrong with the origin',
    tag: 'staff',
    auth: 'cookie',
    body: S.OriginInput,
    ok: { status: 200, schema: S.SiteOrigins, description: 'The origins now' },
  },
  {
    method: 'delete',
    path: '/v1/admin/origins',
    summary: 'Stop allowing a page origin (audited); 409 `last-origin` for the only one left',
    tag: 'staff',
    auth: 'cookie',
    query: S.OriginQuery,
    ok: { status: 200, schema: S.SiteOrigins, description: 'The origins now' },
  },
  {
    method: 'post',
    path: '/v1/admin/webhooks/deliveries/{id}/replay',
    summary: 'Send a failed delivery again (audited); 409 unless it failed and the endpoint is on',
    tag: 'staff',
    auth: 'cookie',
    ok: { status: 202, schema: S.WebhookReplayed, description: 'Queued again' },
  },
];

function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const problemContent = { 'application/problem+json': { schema: jsonSchema(S.Problem, 'output') } };

function operationObject(op: Operation) {
  const parameters: Record<string, unknown>[] = [];
  for (const match of op.path.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    parameters.push({ name, in: 'path', required: true, description: name === 'site' ? SITE.description : undefined, schema: { type: 'string' } });
  }
  if (op.query) {
    const query = jsonSchema(op.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  for (const header of op.headers ?? []) {
    parameters.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
  }
  return {
    summary: op.summary,
    tags: [op.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
    ...(op.rawBody
      ? { requestBody: { required: true, content: Object.fromEntries(op.rawBody.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) } }
      : {}),
    ...(op.csvBody ? { requestBody: { required: true, description: op.csvBody, content: { 'text/csv': { schema: { type: 'string' } } } } } : {}),
    ...(op.auth === 'cookie' ? { security: [{ staffSession: [] }] } : op.auth === 'secret' ? { security: [{ secretKey: [] }] } : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema ? { content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } } } : {}),
        ...(op.ok.media ? { content: Object.fromEntries(op.ok.media.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) } : {}),
        ...(op.okType ? { content: { [op.okType]: { schema: { type: 'string' } } } } : {}),
      },
      '4XX': { description: 'A problem with the request', content: problemContent },
    },
  };
}

/** Builds the document; `extra` lets other modules register their operations. */
export function buildOpenApi(serverUrl: string, extra: Operation[] = []) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...OPERATIONS, ...extra]) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rebound API',
      version: '1',
      description:
        'Reviews, complaints and stories from an embeddable widget, and the recovery queue that wins unhappy customers back. Every error is application/problem+json (RFC 9457).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        staffSession: { type: 'apiKey', in: 'cookie', name: 'rb_session', description: '`__Host-rb_session` over https' },
        secretKey: { type: 'http', scheme: 'bearer', description: 'The site secret key (sk_...)' },
      },
    },
    paths,
  };
}

export type { Operation };
