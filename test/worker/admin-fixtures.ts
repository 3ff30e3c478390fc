/**
 * Fixtures for the staff API suites: submissions inserted straight into D1, as the public
 * submission route would leave them, so these suites do not depend on that route.
 */
import { env } from 'cloudflare:test';
import { newId } from '../../worker/src/lib/crypto.ts';
import type { SummaryRecord } from '../../worker/src/db/summaries.ts';
import { searchText } from '../../worker/src/rules/normalize.ts';
import type { TestSite } from './helpers.ts';

export interface SubmissionFixture {
  kind?: 'review' | 'complaint' | 'story';
  status?: 'pending' | 'published' | 'rejected' | 'spam' | 'hidden';
  subject?: string;
  rating?: number | null;
  title?: string | null;
  body?: string;
  authorName?: string;
  email?: string | null;
  phone?: string | null;
  orderRef?: string | null;
  lang?: 'en' | 'fa';
  flags?: string[];
  createdAt?: number;
  caseRef?: string | null;
}

let clock = Date.now() - 86_400_000;

/** Inserts one submission and returns its id; each one is a millisecond newer than the last. */
export async function insertSubmission(site: Pick<TestSite, 'publicKey'>, fixture: SubmissionFixture = {}): Promise<string> {
  clock += 1;
  const createdAt = fixture.createdAt ?? clock;
  const id = newId(createdAt);
  const kind = fixture.kind ?? 'review';
  const title = fixture.title ?? null;
  const body = fixture.body ?? 'Good product, arrived on time.';
  const status = fixture.status ?? 'pending';
  await env.DB.prepare(
    `INSERT INTO submissions (id, site_id, kind, status, subject, rating, title, body, author_name, author_email,
       author_phone, order_ref, lang, flags, search_text, case_ref, client_hash, created_at, published_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)`,
  )
    .bind(
      id,
      site.publicKey,
      kind,
      status,
      fixture.subject ?? 'sku-1',
      kind === 'review' ? (fixture.rating === undefined ? 5 : fixture.rating) : null,
      title,
      body,
      fixture.authorName ?? 'Sara',
      fixture.email === undefined ? 'sara@example.com' : fixture.email,
      fixture.phone ?? null,
      fixture.orderRef ?? null,
      fixture.lang ?? 'en',
      JSON.stringify(fixture.flags ?? []),
      searchText([title, body]),
      fixture.caseRef ?? null,
      'client-hash',
      createdAt,
      status === 'published' ? createdAt : null,
    )
    .run();
  return id;
}

/** A stored `rating_summaries` row, as the worker reads it. */
export type SummaryRow = SummaryRecord;

/** The stored summary row of a subject ('' is the whole site), zeros when there is none. */
export async function summaryRow(siteId: string, subject: string): Promise<SummaryRow> {
  const row = await env.DB.prepare('SELECT count, total, s1, s2, s3, s4, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ?2')
    .bind(siteId, subject)
    .first<SummaryRow>();
  return row ?? { count: 0, total: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0 };
}

export async function contentVersion(siteId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT content_version FROM sites WHERE id = ?1').bind(siteId).first<{ content_version: number }>();
  return row?.content_version ?? -1;
}

export async function auditActions(siteId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT action FROM audit_log WHERE site_id = ?1 ORDER BY id').bind(siteId).all<{ action: string }>();
  return results.map((r) => r.action);
}
