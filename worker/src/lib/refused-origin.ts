/**
 * The answer to a page whose origin the site has not registered: a 403 problem the widget can
 * read, so it can tell the merchant which origin to add. CORS lets that one origin read this one
 * body and nothing else: the problem carries no site data (only the origin it already knows and
 * the public site key), no credentials are allowed, and `Vary: Origin` with `no-store` keeps any
 * cache from handing it to another page or the data to this one.
 */
import { recordRefusedOrigin, recordSeenOrigin } from '../db/origins.ts';
import { normaliseOrigin } from './provision.ts';
import { ProblemError } from './problem.ts';

/** Headers that let `origin` read a problem body, and only that. */
export function problemCors(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Cache-Control': 'no-store' };
}

/**
 * Per isolate: a refusal is written at most once a minute per site and origin, a page seen on an
 * allowed origin once every ten minutes (the Install page shows a date, not a count).
 */
const lastWrite = new Map<string, number>();
const REFUSED_EVERY_MS = 60_000;
const SEEN_EVERY_MS = 10 * 60_000;
const MAX_REMEMBERED = 1000;

function due(key: string, nowMs: number, everyMs: number): boolean {
  const last = lastWrite.get(key);
  if (last !== undefined && nowMs - last < everyMs) return false;
  if (lastWrite.size >= MAX_REMEMBERED) lastWrite.clear();
  lastWrite.set(key, nowMs);
  return true;
}

/**
 * Records a refusal of `origin` for the site's staff (bounded per site, throttled per isolate);
 * a failure to record never changes the answer.
 */
export async function noteRefusedOrigin(db: D1Database, siteId: string, origin: string, nowMs: number): Promise<void> {
  const clean = normaliseOrigin(origin);
  if (!clean || clean !== origin || origin.length > 200) return;
  if (!due(`refused\n${siteId}\n${origin}`, nowMs, REFUSED_EVERY_MS)) return;
  try {
    await recordRefusedOrigin(db, siteId, origin, nowMs);
  } catch (err) {
    console.error('refused origin not recorded', err);
  }
}

/** Records that the widget loaded on `origin`, one the site allows (throttled per isolate); never fails the answer. */
export async function noteSeenOrigin(db: D1Database, siteId: string, origin: string, nowMs: number): Promise<void> {
  if (!due(`seen\n${siteId}\n${origin}`, nowMs, SEEN_EVERY_MS)) return;
  try {
    await recordSeenOrigin(db, siteId, origin, nowMs);
  } catch (err) {
    console.error('seen origin not recorded', err);
  }
}

export function refusedOrigin(siteId: string, origin: string): ProblemError {
  return new ProblemError(
    403,
    'origin-not-allowed',
    `The page origin ${origin} is not allowed for site ${siteId}. Add it with \`npm run site -- origins add --site ${siteId} --origin ${origin}\` or on the console's Install page (/admin/#/install).`,
    undefined,
    problemCors(origin),
  );
}
