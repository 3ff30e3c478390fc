/** Fixtures for the public-API suites: published reviews written straight into the real D1. */
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { insertSubmission } from '../../worker/src/db/submissions.ts';
import { summaryDelta } from '../../worker/src/db/summaries.ts';

export interface ReviewSeed {
  id?: string;
  subject?: string;
  rating?: number;
  publishedAt?: number;
  helpful?: number;
  status?: 'published' | 'pending';
  email?: string;
  body?: string;
  reply?: string;
}

let counter = 0;

/** Inserts a review (published by default) and updates the summary as publishing would. */
export async function seedReview(siteId: string, seed: ReviewSeed = {}): Promise<string> {
  counter += 1;
  const id = seed.id ?? `rv${String(counter).padStart(6, '0')}`;
  const publishedAt = seed.publishedAt ?? Date.UTC(2026, 0, 1) + counter;
  const status = seed.status ?? 'published';
  const rating = seed.rating ?? 5;
  const subject = seed.subject ?? 'sku-1';
  const db = env.DB;
  const statements = [
    insertSubmission(db, {
      id,
      siteId,
      kind: 'review',
      status,
      subject,
      rating,
      title: `Title ${counter}`,
      body: seed.body ?? `Review body ${counter}`,
      category: null,
      expected: null,
      desiredOutcome: null,
      authorName: `Shopper ${counter}`,
      authorEmail: seed.email ?? `shopper${counter}@example.com`,
      authorPhone: '+98 912 000 0000',
      orderRef: null,
      verified: false,
      lang: 'en',
      flags: [],
      searchText: '',
      clientHash: null,
      caseRef: null,
      routing: null,
      createdAt: publishedAt - 1000,
      publishedAt: status === 'published' ? publishedAt : null,
    }),
  ];
  if (seed.helpful) statements.push(db.prepare('UPDATE submissions SET helpful_count = ?2 WHERE id = ?1').bind(id, seed.helpful));
  if (status === 'published') statements.push(...summaryDelta(db, siteId, subject, rating, 1, publishedAt));
  if (seed.reply) {
    statements.push(
      db
        .prepare('INSERT INTO replies (submission_id, site_id, body, staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)')
        .bind(id, siteId, seed.reply, 'stf_test', publishedAt + 1),
    );
  }
  await db.batch(statements);
  return id;
}

/** Fails when a public answer holds contact details, keys or the seeded emails and phone. */
export function expectNoPrivateData(json: unknown): void {
  expect(JSON.stringify(json)).not.toMatch(/email|phone|signing|secret|@example\.com|912 000/i);
}
