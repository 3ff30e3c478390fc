/**
 * The per-site learned router in D1: corrections by staff and the token counts they add to
 * (migration 0007). The model itself is pure (rules/learn.ts); this file only reads and writes.
 */
import { closesAsNotAProblem, isReady, learnTokens, MAX_TOKENS, routedByText, type LearnedModel } from '../rules/learn.ts';

/** Corrections on each side for a site. */
async function readDocs(db: D1Database, siteId: string): Promise<LearnedModel['docs']> {
  const { results } = await db
    .prepare('SELECT unhappy, COUNT(*) AS n FROM router_corrections WHERE site_id = ?1 GROUP BY unhappy')
    .bind(siteId)
    .all<{ unhappy: number; n: number }>();
  return {
    unhappy: results.find((r) => r.unhappy === 1)?.n ?? 0,
    happy: results.find((r) => r.unhappy === 0)?.n ?? 0,
  };
}

/**
 * The part of a site's model one text needs: the side counts and the counts of that text's own
 * tokens (at most `MAX_TOKENS`), so routing a submission reads a few rows, not the whole model.
 */
export async function readLearnedFor(db: D1Database, siteId: string, text: string): Promise<LearnedModel> {
  const docs = await readDocs(db, siteId);
  const tokens = learnTokens(text).slice(0, MAX_TOKENS);
  // Most sites have taught nothing yet: one small read, and the model stays silent.
  if (!isReady({ docs, tokens: new Map() }) || tokens.length === 0) return { docs, tokens: new Map() };
  const { results } = await db
    .prepare('SELECT token, unhappy, happy FROM router_tokens WHERE site_id = ?1 AND token IN (SELECT value FROM json_each(?2))')
    .bind(siteId, JSON.stringify(tokens))
    .all<{ token: string; unhappy: number; happy: number }>();
  return { docs, tokens: new Map(results.map((r) => [r.token, { unhappy: r.unhappy, happy: r.happy }])) };
}

/** The whole model of a site, capped to its most frequent tokens, for the console's panel. */
export async function readLearnedModel(db: D1Database, siteId: string, limit = 500): Promise<LearnedModel> {
  const [docs, { results }] = await Promise.all([
    readDocs(db, siteId),
    db
      .prepare('SELECT token, unhappy, happy FROM router_tokens WHERE site_id = ?1 ORDER BY unhappy + happy DESC, token LIMIT ?2')
      .bind(siteId, limit)
      .all<{ token: string; unhappy: number; happy: number }>(),
  ]);
  return { docs, tokens: new Map(results.map((r) => [r.token, { unhappy: r.unhappy, happy: r.happy }])) };
}

export interface Correction {
  siteId: string;
  submissionId: string;
  /** The submission's text (title, body and the rest), tokenised here, never stored. */
  text: string;
  unhappy: boolean;
  actor: string | null;
  at: number;
}

/**
 * Records one correction and adds its tokens to the counts. A submission teaches once: a second
 * correction the same way changes nothing, and one the other way moves its tokens across.
 */
export async function recordCorrection(db: D1Database, c: Correction): Promise<'recorded' | 'unchanged' | 'changed'> {
  const earlier = await db
    .prepare('SELECT unhappy FROM router_corrections WHERE site_id = ?1 AND submission_id = ?2')
    .bind(c.siteId, c.submissionId)
    .first<{ unhappy: number }>();
  const side = c.unhappy ? 1 : 0;
  if (earlier && earlier.unhappy === side) return 'unchanged';
  const tokens = JSON.stringify(learnTokens(c.text));
  const add = c.unhappy ? 'unhappy' : 'happy';
  const statements = [
    db
      .prepare(
        `INSERT INTO router_corrections (site_id, submission_id, unhappy, actor, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (site_id, submission_id) DO UPDATE SET unhappy = excluded.unhappy, actor = excluded.actor, created_at = excluded.created_at`,
      )
      .bind(c.siteId, c.submissionId, side, c.actor, c.at),
    db
      .prepare(
        `INSERT INTO router_tokens (site_id, token, ${add}) SELECT ?1, value, 1 FROM json_each(?2) WHERE true
         ON CONFLICT (site_id, token) DO UPDATE SET ${add} = ${add} + 1`,
      )
      .bind(c.siteId, tokens),
  ];
  if (earlier) {
    const remove = c.unhappy ? 'happy' : 'unhappy';
    statements.push(
      db
        .prepare(`UPDATE router_tokens SET ${remove} = MAX(${remove} - 1, 0) WHERE site_id = ?1 AND token IN (SELECT value FROM json_each(?2))`)
        .bind(c.siteId, tokens),
    );
  }
  await db.batch(statements);
  return earlier ? 'changed' : 'recorded';
}

/** Takes an item out of the "needs a look" lane. */
export function clearNeedsLook(db: D1Database, siteId: string, submissionId: string): D1PreparedStatement {
  return db.prepare('UPDATE submissions SET needs_look = 0 WHERE id = ?1 AND site_id = ?2').bind(submissionId, siteId);
}

/** The text and routing state of one of the site's submissions, for a correction. */
export async function readForCorrection(
  db: D1Database,
  siteId: string,
  submissionId: string,
): Promise<{ id: string; kind: string; text: string; caseRef: string | null; routedAt: number | null; createdAt: number; needsLook: boolean } | null> {
  const row = await db
    .prepare(
      `SELECT id, kind, title, body, expected, desired_outcome, case_ref, routed_at, created_at, needs_look
       FROM submissions WHERE id = ?1 AND site_id = ?2`,
    )
    .bind(submissionId, siteId)
    .first<{ id: string; kind: string; title: string | null; body: string; expected: string | null; desired_outcome: string | null; case_ref: string | null; routed_at: number | null; created_at: number; needs_look: number }>();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    text: [row.title, row.body, row.expected, row.desired_outcome].filter(Boolean).join('. '),
    caseRef: row.case_ref,
    routedAt: row.routed_at,
    createdAt: row.created_at,
    needsLook: row.needs_look === 1,
  };
}

/**
 * Marks a submission for a case staff asked for: it gets the case ref and a routing decision
 * the recovery consumer opens the case from, and leaves the lane. Applies only to a submission
 * that has no case yet, so two clicks open one case.
 */
export function routeByStaff(db: D1Database, siteId: string, submissionId: string, caseRef: string, routing: string): D1PreparedStatement {
  return db
    .prepare('UPDATE submissions SET case_ref = ?3, routing = ?4, needs_look = 0 WHERE id = ?1 AND site_id = ?2 AND case_ref IS NULL')
    .bind(submissionId, siteId, caseRef, routing);
}

/**
 * The hook the case route calls after a change: a case the text router opened (not one opened
 * by stars, a feeling or the complaint form) that staff close as "not a problem" teaches the
 * site's model that its text was not unhappy. Self-contained so the case route stays one line.
 */
export async function learnFromCaseClose(
  db: D1Database,
  c: { siteId: string; submissionId: string | null; reason: string; status: string | undefined; rootCause: string | null | undefined; actor: string; at: number },
): Promise<void> {
  if (!c.submissionId || !closesAsNotAProblem(c.status, c.rootCause) || !routedByText(c.reason)) return;
  const sub = await readForCorrection(db, c.siteId, c.submissionId);
  if (!sub) return;
  await recordCorrection(db, { siteId: c.siteId, submissionId: sub.id, text: sub.text, unhappy: false, actor: c.actor, at: c.at });
}

/**
 * Erasure: the corrections of a shopper's submissions go with them. The token counts stay: they
 * are totals over many texts and name no submission.
 */
export function eraseCorrections(db: D1Database, siteId: string, submissionIds: readonly string[]): D1PreparedStatement {
  return db
    .prepare('DELETE FROM router_corrections WHERE site_id = ?1 AND submission_id IN (SELECT value FROM json_each(?2))')
    .bind(siteId, JSON.stringify(submissionIds));
}
