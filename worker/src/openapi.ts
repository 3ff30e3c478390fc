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
  headers?: { name: string; required: boolean; description: string }[];
  ok: { status: number; schema?: Schema; description: string };
  auth?: 'cookie' | 'secret';
}

const SITE = { name: 'site', description: 'The site public key (pk_...)' };

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/v1/health', summary: 'Liveness and a D1 read', tag: 'operations', ok: { status: 200, schema: S.Health, description: 'Healthy' } },
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
    summary: 'The one re-rating after resolution (tracking or re-rating link)',
    tag: 'public',
    query: S.TokenQuery,
    body: S.FeedbackInput,
    ok: { status: 201, schema: S.FeedbackResult, description: 'Recorded: recovered or not recovered' },
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
  { method: 'get', path: '/v1/admin/cases', summary: 'The recovery queue, most urgent first', tag: 'staff', auth: 'cookie', query: S.AdminCasesQuery, ok: { status: 200, schema: S.AdminCasesPage, description: 'A page' } },
  { method: 'get', path: '/v1/admin/cases/{id}', summary: 'One case with its submissions, refs and whole timeline', tag: 'staff', auth: 'cookie', ok: { status: 200, schema: S.AdminCaseDetail, description: 'The case' } },
  {
    method: 'patch',
    path: '/v1/admin/cases/{id}',
    summary: 'Change status (lifecycle), assignee, priority, promised date, root cause, resolution; message the customer',
    tag: 'staff',
    auth: 'cookie',
    body: S.CasePatch,
    ok: { status: 200, schema: S.CaseChanged, description: 'The changed case' },
  },
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
  { method: 'get', path: '/v1/admin/webhooks/deliveries', summary: 'The webhook delivery log, newest first', tag: 'staff', auth: 'cookie', query: S.DeliveriesQuery, ok: { status: 200, schema: S.WebhookDeliveriesPage, description: 'A page' } },
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
    ...(op.auth === 'cookie' ? { security: [{ staffSession: [] }] } : op.auth === 'secret' ? { security: [{ secretKey: [] }] } : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema ? { content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } } } : {}),
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
