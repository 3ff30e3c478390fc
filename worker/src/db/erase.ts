/**
 * Erasing one shopper by any contact they gave (email, phone, order reference).
 *
 * `findPerson` first gathers who they are on one site: the submissions, registered orders and
 * cases that carry any of the given contacts, and then every other contact those rows hold
 * (a phone typed beside an email, the email of a registered order), matched once more so an
 * erasure by phone also reaches the rows written with the email. Then each area of the
 * database contributes the statements that remove the person from it (`ERASE_AREAS`); the
 * route runs them all, with its audit line, in one batch.
 *
 * What the shopper said stays (the merchant's record; the rating stays in the summary, helpful
 * votes are keyed by network, not contact); who they are goes: name, contacts, client hash, and
 * any copy of a contact inside free text (their own texts, replies to them, their cases'
 * timelines, webhook payloads, dead letters, audit entries, import rows not yet imported), which
 * becomes `[erased]`.
 *
 * Adding an area (photos, outgoing emails, ...): write an `EraseArea` in the area's own db file
 * and add one line to `ERASE_AREAS`.
 */
import { submissionSearchText } from '../rules/normalize.ts';
import { contactKey } from '../rules/contact.ts';
import type { ImportRow } from './imports.ts';

export const ERASED_NAME = 'Anonymous';
export const ERASED_TEXT = '[erased]';

/** One shopper on one site, as far as the database knows them. */
export interface Person {
  siteId: string;
  /** Lowercased emails. */
  emails: string[];
  /** Phones as typed (for redacting copies in text) and their matching keys (`phone:` + last ten digits). */
  phones: string[];
  phoneKeys: string[];
  /** Order references as typed and lowercased. */
  orderRefs: string[];
  /** Names they gave, for redacting copies in their own records' text. */
  names: string[];
  submissionIds: string[];
  caseIds: string[];
  /** Their cases' refs (a webhook or audit entry naming one is about them). */
  caseRefs: string[];
  /** Registered orders (`order_id`) that are theirs. */
  orderIds: string[];
}

export interface EraseArea {
  /** A short name, the key of `Erased.changed`. */
  name: string;
  /** The statements that erase `person` from this area; reads first if it must. */
  statements(db: D1Database, person: Person, nowMs: number): Promise<D1PreparedStatement[]>;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where a text sits: in the person's own records (`own`: their submissions, the replies to
 * them, their cases), where their name is theirs too; or anywhere on the site (`site`:
 * deliveries, dead letters, audit), where only contacts are looked for, so another customer who
 * shares a first name is left alone.
 */
export type Scope = 'own' | 'site';

/** Every string a copy of which must not survive in text of `scope`. */
export function needles(person: Person, scope: Scope = 'own'): string[] {
  const all = [...person.emails, ...person.phones, ...person.orderRefs, ...(scope === 'own' ? person.names : [])];
  // Longest first, so an email is replaced whole before a name inside it.
  return [...new Set(all.map((n) => n.trim()).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every copy of a needle (any case, not inside a longer word) replaced by
 * `[erased]`; null stays null.
 */
export function redact(text: string | null, person: Person, scope: Scope = 'own'): string | null {
  if (text === null) return null;
  let out = text;
  for (const needle of needles(person, scope)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'giu'), ERASED_TEXT);
  }
  return out;
}

function containsNeedle(text: string | null, person: Person, scope: Scope = 'own'): boolean {
  return text !== null && redact(text, person, scope) !== text;
}

/** Replaces contacts inside a JSON value: customer-like objects lose name and contacts, strings are redacted. */
function redactJson(value: unknown, person: Person, scope: Scope): unknown {
  if (typeof value === 'string') return redact(value, person, scope);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, person, scope));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const theirs = entries.some(([k, v]) => (k === 'email' || k === 'phone') && typeof v === 'string' && containsNeedle(v, person, 'site'));
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (theirs && (k === 'email' || k === 'phone')) out[k] = null;
      else if (theirs && k === 'name') out[k] = ERASED_NAME;
      else out[k] = redactJson(v, person, scope);
    }
    return out;
  }
  return value;
}

/** A JSON document with the person removed; text that is not JSON is redacted as text. */
export function redactDocument(text: string, person: Person, scope: Scope): string {
  try {
    return JSON.stringify(redactJson(JSON.parse(text), person, scope));
  } catch {
    return redact(text, person, scope) ?? text;
  }
}

/** `instr` over a lowercased column for any needle: a cheap SQL pre-filter before the exact check in JS. */
function anyNeedleSql(column: string, param: string): string {
  return `EXISTS (SELECT 1 FROM json_each(${param}) WHERE instr(lower(${column}), value) > 0)`;
}

function needleParam(person: Person, scope: Scope): string {
  return JSON.stringify(needles(person, scope).map((n) => n.toLowerCase()));
}

/** Ids that make a site-wide row (a delivery, an audit entry) about this person. */
function theirIds(person: Person): string[] {
  return [...person.submissionIds, ...person.caseIds, ...person.caseRefs].filter((id) => id.length >= 6);
}

/** The SQL pre-filter of site-wide rows: any contact, or any of their ids. */
function siteRowParam(person: Person): string {
  return JSON.stringify([...needles(person, 'site'), ...theirIds(person)].map((n) => n.toLowerCase()));
}

/** A site-wide row that names one of their submissions or cases is theirs: their name goes too. */
function scopeOf(text: string | null, person: Person): Scope {
  const lower = (text ?? '').toLowerCase();
  return theirIds(person).some((id) => lower.includes(id.toLowerCase())) ? 'own' : 'site';
}

interface SubmissionContacts {
  id: string;
  author_name: string;
  author_email: string | null;
  author_phone: string | null;
  order_ref: string | null;
}

function phoneKeyOf(phone: string): string | null {
  const key = contactKey({ phone });
  return key?.startsWith('phone:') ? key : null;
}

/**
 * Who the given contacts belong to on `siteId`. Matching is case-insensitive for emails and
 * order refs; phones match on their last ten digits, as case contact keys do.
 */
export async function findPerson(db: D1Database, siteId: string, given: { email?: string; phone?: string; orderRef?: string }): Promise<Person> {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const phoneKeys = new Set<string>();
  const orderRefs = new Set<string>();
  const names = new Set<string>();
  const submissionIds = new Set<string>();
  const orderIds = new Set<string>();
  if (given.email) emails.add(given.email.trim().toLowerCase());
  if (given.phone) {
    phones.add(given.phone.trim());
    const key = phoneKeyOf(given.phone);
    if (key) phoneKeys.add(key);
  }
  if (given.orderRef) orderRefs.add(given.orderRef.trim());

  // Two rounds: the given contacts, then the other contacts found beside them.
  for (let round = 0; round < 2; round += 1) {
    const lowerRefs = [...orderRefs].map((r) => r.toLowerCase());
    const { results: subs } = await db
      .prepare(
        `SELECT id, author_name, author_email, author_phone, order_ref FROM submissions
         WHERE site_id = ?1 AND (
           (author_email IS NOT NULL AND lower(author_email) IN (SELECT value FROM json_each(?2)))
           OR (order_ref IS NOT NULL AND lower(order_ref) IN (SELECT value FROM json_each(?3)))
           OR (author_phone IS NOT NULL AND ?4 = 1))`,
      )
      .bind(siteId, JSON.stringify([...emails]), JSON.stringify(lowerRefs), phoneKeys.size > 0 ? 1 : 0)
      .all<SubmissionContacts>();
    for (const s of subs) {
      const emailHit = s.author_email !== null && emails.has(s.author_email.toLowerCase());
      const refHit = s.order_ref !== null && lowerRefs.includes(s.order_ref.toLowerCase());
      const key = s.author_phone !== null ? phoneKeyOf(s.author_phone) : null;
      const phoneHit = key !== null && phoneKeys.has(key);
      if (!emailHit && !refHit && !phoneHit) continue;
      submissionIds.add(s.id);
      if (s.author_email) emails.add(s.author_email.toLowerCase());
      if (s.author_phone) {
        phones.add(s.author_phone);
        if (key) phoneKeys.add(key);
      }
      if (s.order_ref) orderRefs.add(s.order_ref);
      if (s.author_name && s.author_name !== ERASED_NAME) names.add(s.author_name);
    }
    const { results: orders } = await db
      .prepare(
        `SELECT order_id, customer_name, customer_email FROM orders
         WHERE site_id = ?1 AND (lower(customer_email) IN (SELECT value FROM json_each(?2)) OR lower(order_id) IN (SELECT value FROM json_each(?3)))`,
      )
      .bind(siteId, JSON.stringify([...emails]), JSON.stringify([...orderRefs].map((r) => r.toLowerCase())))
      .all<{ order_id: string; customer_name: string; customer_email: string }>();
    for (const o of orders) {
      orderIds.add(o.order_id);
      orderRefs.add(o.order_id);
      if (!o.customer_email.startsWith('erased:')) emails.add(o.customer_email.toLowerCase());
      if (o.customer_name !== ERASED_NAME) names.add(o.customer_name);
    }
  }

  const keys = [...[...emails].map((e) => `email:${e}`), ...phoneKeys, ...[...orderRefs].map((r) => `order:${r.toLowerCase()}`)];
  const { results: cases } = await db
    .prepare(
      `SELECT id, ref FROM cases WHERE site_id = ?1 AND (
         contact_key IN (SELECT value FROM json_each(?2))
         OR submission_id IN (SELECT value FROM json_each(?3))
         OR (order_ref IS NOT NULL AND lower(order_ref) IN (SELECT value FROM json_each(?4)))
         OR id IN (SELECT case_id FROM case_events WHERE type = 'submission' AND submission_id IN (SELECT value FROM json_each(?3))))`,
    )
    .bind(siteId, JSON.stringify(keys), JSON.stringify([...submissionIds]), JSON.stringify([...orderRefs].map((r) => r.toLowerCase())))
    .all<{ id: string; ref: string }>();
  const caseIds = cases.map((c) => c.id);
  const { results: refs } = await db
    .prepare('SELECT ref FROM case_refs WHERE case_id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(caseIds))
    .all<{ ref: string }>();

  return {
    siteId,
    emails: [...emails],
    phones: [...phones],
    phoneKeys: [...phoneKeys],
    orderRefs: [...orderRefs],
    names: [...names],
    submissionIds: [...submissionIds],
    caseIds,
    caseRefs: [...new Set([...cases.map((c) => c.ref), ...refs.map((r) => r.ref)])],
    orderIds: [...orderIds],
  };
}

interface SubmissionText {
  id: string;
  title: string | null;
  body: string;
  expected: string | null;
  desired_outcome: string | null;
  decision_reason: string | null;
}

/** Submissions: name and contacts go, copies in their text are redacted, search text rebuilt. */
const submissionsArea: EraseArea = {
  name: 'submissions',
  async statements(db, person) {
    if (person.submissionIds.length === 0) return [];
    const { results } = await db
      .prepare(
        `SELECT id, title, body, expected, desired_outcome, decision_reason FROM submissions
         WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(person.siteId, JSON.stringify(person.submissionIds))
      .all<SubmissionText>();
    return results.map((row) => {
      const title = redact(row.title, person);
      const body = redact(row.body, person) ?? row.body;
      const expected = redact(row.expected, person);
      const desiredOutcome = redact(row.desired_outcome, person);
      return db
        .prepare(
          `UPDATE submissions SET author_name = ?3, author_email = NULL, author_phone = NULL, order_ref = NULL,
             client_hash = NULL, title = ?4, body = ?5, expected = ?6, desired_outcome = ?7, decision_reason = ?8, search_text = ?9
           WHERE id = ?1 AND site_id = ?2`,
        )
        .bind(
          row.id,
          person.siteId,
          ERASED_NAME,
          title,
          body,
          expected,
          desiredOutcome,
          redact(row.decision_reason, person),
          submissionSearchText({ title, body, expected, desiredOutcome, name: ERASED_NAME }),
        );
    });
  },
};

/** The merchant's public replies to them may greet them by name or repeat a contact. */
const repliesArea: EraseArea = {
  name: 'replies',
  async statements(db, person) {
    if (person.submissionIds.length === 0) return [];
    const { results } = await db
      .prepare('SELECT submission_id, body FROM replies WHERE site_id = ?1 AND submission_id IN (SELECT value FROM json_each(?2))')
      .bind(person.siteId, JSON.stringify(person.submissionIds))
      .all<{ submission_id: string; body: string }>();
    return results
      .filter((r) => containsNeedle(r.body, person))
      .map((r) => db.prepare('UPDATE replies SET body = ?3 WHERE submission_id = ?1 AND site_id = ?2').bind(r.submission_id, person.siteId, redact(r.body, person)));
  },
};

/** The stored answers of their submissions (request hashes cover their contacts). */
const idempotencyArea: EraseArea = {
  name: 'idempotency',
  async statements(db, person) {
    if (person.submissionIds.length === 0) return [];
    return [
      db
        .prepare('DELETE FROM idempotency_keys WHERE site_id = ?1 AND submission_id IN (SELECT value FROM json_each(?2))')
        .bind(person.siteId, JSON.stringify(person.submissionIds)),
    ];
  },
};

/** Cases keep working but no longer point at them: the contact key becomes `erased:<case id>`. */
const casesArea: EraseArea = {
  name: 'cases',
  async statements(db, person, nowMs) {
    if (person.caseIds.length === 0) return [];
    const { results } = await db
      .prepare('SELECT id, resolution FROM cases WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))')
      .bind(person.siteId, JSON.stringify(person.caseIds))
      .all<{ id: string; resolution: string | null }>();
    return results.map((c) =>
      db
        .prepare(`UPDATE cases SET contact_key = 'erased:' || id, order_ref = NULL, resolution = ?3, updated_at = ?4 WHERE id = ?1 AND site_id = ?2`)
        .bind(c.id, person.siteId, redact(c.resolution, person), nowMs),
    );
  },
};

/** Their cases' timelines: messages and notes that repeat a contact are redacted. */
const caseEventsArea: EraseArea = {
  name: 'caseEvents',
  async statements(db, person) {
    if (person.caseIds.length === 0 || needles(person).length === 0) return [];
    const { results } = await db
      .prepare(`SELECT id, body FROM case_events WHERE case_id IN (SELECT value FROM json_each(?1)) AND body IS NOT NULL AND ${anyNeedleSql('body', '?2')}`)
      .bind(JSON.stringify(person.caseIds), needleParam(person, 'own'))
      .all<{ id: number; body: string }>();
    return results
      .filter((e) => containsNeedle(e.body, person))
      .map((e) => db.prepare('UPDATE case_events SET body = ?2 WHERE id = ?1').bind(e.id, redact(e.body, person)));
  },
};

/** Registered orders exist to invite the customer back: theirs are deleted, with the follow-up record. */
const ordersArea: EraseArea = {
  name: 'orders',
  async statements(db, person) {
    const statements: D1PreparedStatement[] = [];
    if (person.orderIds.length > 0) {
      statements.push(
        db.prepare('DELETE FROM orders WHERE site_id = ?1 AND order_id IN (SELECT value FROM json_each(?2))').bind(person.siteId, JSON.stringify(person.orderIds)),
      );
    }
    if (person.emails.length > 0) {
      statements.push(
        db
          .prepare('DELETE FROM followup_contacts WHERE site_id = ?1 AND lower(email) IN (SELECT value FROM json_each(?2))')
          .bind(person.siteId, JSON.stringify(person.emails)),
      );
    }
    return statements;
  },
};

/**
 * Import chunks not yet processed hold rows as the merchant's file had them, emails included.
 * A row with one of their emails becomes anonymous before it is imported (its text keeps what
 * they said, without copies of their name or contacts); copies of their contacts in other rows'
 * text are redacted. Processed chunks are already deleted.
 */
const importChunksArea: EraseArea = {
  name: 'importChunks',
  async statements(db, person) {
    const needleJson = needleParam(person, 'site');
    if (needleJson === '[]') return [];
    const { results } = await db
      .prepare(
        `SELECT c.import_id, c.seq, c.rows FROM import_chunks AS c JOIN imports AS i ON i.id = c.import_id
         WHERE i.site_id = ?1 AND ${anyNeedleSql('c.rows', '?2')}`,
      )
      .bind(person.siteId, needleJson)
      .all<{ import_id: string; seq: number; rows: string }>();
    const statements: D1PreparedStatement[] = [];
    for (const chunk of results) {
      const rows = JSON.parse(chunk.rows) as ImportRow[];
      const erased = rows.map((row) => eraseImportRow(row, person));
      if (erased.every((row, i) => row === rows[i])) continue;
      statements.push(
        db.prepare('UPDATE import_chunks SET rows = ?3 WHERE import_id = ?1 AND seq = ?2').bind(chunk.import_id, chunk.seq, JSON.stringify(erased)),
      );
    }
    return statements;
  },
};

/** One import row without the person: the same object when nothing in it is theirs. */
export function eraseImportRow(row: ImportRow, person: Person): ImportRow {
  const theirs = row.email !== null && person.emails.includes(row.email.trim().toLowerCase());
  const scope: Scope = theirs ? 'own' : 'site';
  const who = theirs ? { ...person, names: [...person.names, row.name] } : person;
  const title = redact(row.title, who, scope);
  const body = redact(row.body, who, scope) ?? row.body;
  const reply = redact(row.reply, who, scope);
  if (!theirs && title === row.title && body === row.body && reply === row.reply) return row;
  const name = theirs ? ERASED_NAME : row.name;
  return {
    ...row,
    name,
    email: theirs ? null : row.email,
    title,
    body,
    reply,
    search: submissionSearchText({ title, body, expected: null, desiredOutcome: null, name }),
  };
}

/**
 * Webhook deliveries whose payload holds them lose it: customer objects become anonymous,
 * copies in text are redacted. A follow-up not yet delivered is not sent any more (its review
 * links' tokens were made for the email); other events still go out, without the contact.
 */
const webhookDeliveriesArea: EraseArea = {
  name: 'webhookDeliveries',
  async statements(db, person, nowMs) {
    if (needles(person, 'site').length === 0 && theirIds(person).length === 0) return [];
    const { results } = await db
      .prepare(`SELECT id, event, payload, status FROM webhook_deliveries WHERE site_id = ?1 AND ${anyNeedleSql('payload', '?2')}`)
      .bind(person.siteId, siteRowParam(person))
      .all<{ id: string; event: string; payload: string; status: string }>();
    return results
      .filter((d) => containsNeedle(d.payload, person, scopeOf(d.payload, person)))
      .map((d) => {
        let payload = redactDocument(d.payload, person, scopeOf(d.payload, person));
        const stop = d.event === 'followup.due';
        if (stop) {
          try {
            const doc: unknown = JSON.parse(payload);
            if (doc && typeof doc === 'object' && 'data' in doc && doc.data && typeof doc.data === 'object') {
              payload = JSON.stringify({ ...doc, data: { ...doc.data, items: [] } });
            }
          } catch {
            // not JSON: already redacted as text
          }
        }
        return db
          .prepare(
            `UPDATE webhook_deliveries SET payload = ?3,
               status = CASE WHEN ?4 = 1 AND status = 'pending' THEN 'failed' ELSE status END,
               last_error = CASE WHEN ?4 = 1 AND status = 'pending' THEN 'erased' ELSE last_error END,
               updated_at = ?5
             WHERE id = ?1 AND site_id = ?2`,
          )
          .bind(d.id, person.siteId, payload, stop ? 1 : 0, nowMs);
      });
  },
};

/**
 * Dead letters keep a message's body for inspection. They have no site column, so a body
 * naming another site is left alone; one naming this site, or none, loses the person.
 */
const deadLettersArea: EraseArea = {
  name: 'deadLetters',
  async statements(db, person) {
    if (needles(person, 'site').length === 0) return [];
    const { results } = await db
      .prepare(
        `SELECT id, body FROM dead_letters WHERE ${anyNeedleSql('body', '?2')}
           AND (NOT json_valid(body) OR json_type(body) <> 'object' OR json_extract(body, '$.siteId') IS NULL OR json_extract(body, '$.siteId') = ?1)`,
      )
      .bind(person.siteId, needleParam(person, 'site'))
      .all<{ id: number; body: string }>();
    return results
      .filter((d) => containsNeedle(d.body, person, 'site'))
      .map((d) => db.prepare('UPDATE dead_letters SET body = ?2 WHERE id = ?1').bind(d.id, redactDocument(d.body, person, 'site')));
  },
};

/** The audit log records changes, not people: copies of their contacts in before/after are redacted. */
const auditArea: EraseArea = {
  name: 'audit',
  async statements(db, person) {
    if (needles(person, 'site').length === 0 && theirIds(person).length === 0) return [];
    const { results } = await db
      .prepare(
        `SELECT id, target, before, after FROM audit_log WHERE site_id = ?1
           AND (target IN (SELECT value FROM json_each(?3))
             OR ${anyNeedleSql("coalesce(before, '')", '?2')} OR ${anyNeedleSql("coalesce(after, '')", '?2')})`,
      )
      .bind(person.siteId, JSON.stringify(needles(person, 'site').map((n) => n.toLowerCase())), JSON.stringify(theirIds(person)))
      .all<{ id: number; target: string | null; before: string | null; after: string | null }>();
    return results.flatMap((a) => {
      // An entry about one of their submissions or cases is theirs; any other only loses contacts.
      const scope: Scope = a.target !== null && theirIds(person).includes(a.target) ? 'own' : 'site';
      if (!containsNeedle(a.before, person, scope) && !containsNeedle(a.after, person, scope)) return [];
      return [
        db
          .prepare('UPDATE audit_log SET before = ?3, after = ?4 WHERE id = ?1 AND site_id = ?2')
          .bind(
            a.id,
            person.siteId,
            a.before === null ? null : redactDocument(a.before, person, scope),
            a.after === null ? null : redactDocument(a.after, person, scope),
          ),
      ];
    });
  },
};

/**
 * Every area an erasure reaches, in batch order. Areas owned elsewhere (photos, outgoing
 * emails, customer links) add one line each.
 */
export const ERASE_AREAS: readonly EraseArea[] = [
  submissionsArea,
  repliesArea,
  idempotencyArea,
  casesArea,
  caseEventsArea,
  ordersArea,
  webhookDeliveriesArea,
  deadLettersArea,
  auditArea,
  importChunksArea,
];

/** The statements of every area, each tagged with its area for counting what changed. */
export async function eraseStatements(
  db: D1Database,
  person: Person,
  nowMs: number,
  areas: readonly EraseArea[] = ERASE_AREAS,
): Promise<{ area: string; statement: D1PreparedStatement }[]> {
  const out: { area: string; statement: D1PreparedStatement }[] = [];
  for (const area of areas) {
    for (const statement of await area.statements(db, person, nowMs)) out.push({ area: area.name, statement });
  }
  return out;
}
