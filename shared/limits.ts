/**
 * Length limits for every text field. Input beyond a limit is rejected, never truncated:
 * truncating shopper text silently changes what they said (and has broken markup elsewhere).
 */
export const LIMITS = {
  name: 80,
  email: 254,
  phone: 32,
  title: 120,
  body: 5000,
  expected: 1000,
  subject: 200,
  orderRef: 64,
  orderToken: 1024,
  reply: 5000,
  reason: 500,
  note: 5000,
  query: 200,
  siteName: 120,
  origin: 255,
  idempotencyKey: 128,
  pageSize: 50,
} as const;

/** The largest request body the API parses; larger bodies get 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;
