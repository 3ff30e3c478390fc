/**
 * Sends outbox entries. Keeps the decision (delivered / refused / retry) in `outbox.ts` and only
 * does the I/O here; `send` is passed in so the caller chooses fetch and tests choose a stand-in.
 */
import './zod-jitless.ts';
import { Problem } from '../../../shared/problem.ts';
import { SubmissionCreated } from '../../../shared/submission.ts';
import { submit, type SiteRef } from './api.ts';
import { classify, needsChallenge, Outbox, withToken, type OutboxEntry } from './outbox.ts';
import { keptRefs, photoIds, uploadKept, type PhotoDelivery, type PhotoSlot } from './photo-outbox.ts';

/** One HTTP answer, reduced to what delivery needs; status 0 means the network failed. */
export interface Answer {
  status: number;
  body: unknown;
}

export type Send = (entry: OutboxEntry) => Promise<Answer>;

export type Outcome =
  | { key: string; result: 'delivered'; created: SubmissionCreated | null }
  | { key: string; result: 'refused'; problem: Problem | null; status: number }
  | { key: string; result: 'retry'; nextAt: number | null }
  /** Refused for its Turnstile token only: kept until a fresh token can be had. */
  | { key: string; result: 'challenge' };

/**
 * Tries one entry: removes it once the server has answered for good, else schedules a retry.
 * Photos kept with it (`entry.photos`) are uploaded first and their bytes deleted with the entry.
 */
export async function deliver(outbox: Outbox, entry: OutboxEntry, send: Send, nowMs: () => number, random: () => number, photos?: PhotoDelivery): Promise<Outcome> {
  if (entry.photos?.length) {
    const current = entry;
    // Without the photo chunk (it could not load) the kept photos cannot go: wait rather than drop them.
    // Progress is written back only while the entry is still there: another page or tab may have delivered it meanwhile.
    const save = (s: PhotoSlot[]) => outbox.list().some((e) => e.key === current.key) && outbox.put({ ...current, photos: s });
    const slots = photos ? await uploadKept(current.photos ?? [], photos, save) : null;
    if (!slots) return { key: entry.key, result: 'retry', nextAt: outbox.reschedule(entry.key, nowMs(), random()) };
    entry = { ...entry, photos: slots, body: entry.body.kind === 'review' ? { ...entry.body, photos: photoIds(slots) } : entry.body };
  }
  let answer: Answer;
  try {
    answer = await send(entry);
  } catch {
    answer = { status: 0, body: null };
  }
  // A token lives minutes and an offline entry can wait days: an expired one must not lose
  // what the shopper wrote.
  if (needsChallenge(answer.status, answer.body)) {
    outbox.put({ ...entry, challenge: true });
    return { key: entry.key, result: 'challenge' };
  }
  const result = classify(answer.status);
  if (result === 'retry') return { key: entry.key, result, nextAt: outbox.reschedule(entry.key, nowMs(), random()) };
  outbox.remove(entry.key);
  // Delivered or refused for good: the kept bytes have no further use, and must not stay behind.
  if (photos && entry.photos) await photos.store.delete(keptRefs(entry.photos)).catch(() => undefined);
  // The server has the submission either way; an answer we cannot read only loses the receipt.
  if (result === 'delivered') return { key: entry.key, result, created: SubmissionCreated.safeParse(answer.body).data ?? null };
  return { key: entry.key, result, status: answer.status, problem: Problem.safeParse(answer.body).data ?? null };
}

/** Tries every due entry once, in order; `all` ignores the backoff (the connection just came back). */
export async function flush(outbox: Outbox, send: Send, nowMs: () => number, random: () => number, all = false, photos?: PhotoDelivery): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const entry of all ? outbox.retryable() : outbox.due(nowMs())) outcomes.push(await deliver(outbox, entry, send, nowMs, random, photos));
  return outcomes;
}


/**
 * Flushes the page's outbox for the API's site with the real clock, network and storage;
 * answers the outcomes, when the next retry is due (null when nothing is) and how many entries
 * wait for a Turnstile token (`turnstile`: whether the site still asks for one).
 */
export async function flushSite(ref: SiteRef, all: boolean, turnstile: boolean): Promise<{ outcomes: Outcome[]; nextAt: number | null; challenged: number }> {
  const outbox = new Outbox(localStorage, ref.site);
  if (!turnstile) outbox.unflag();
  // The photo store and uploads are a chunk of their own, fetched only for entries that kept photos.
  const photos = outbox.list().some((e) => e.photos?.length) ? await import('./photo-delivery.ts').then((m) => m.pagePhotos(ref), () => undefined) : undefined;
  const outcomes = await flush(outbox, (e) => submit(ref, e.key, e.body), Date.now, Math.random, all, photos);
  const waiting = outbox.retryable().map((e) => e.nextAt);
  return { outcomes, nextAt: waiting.length ? Math.min(...waiting) : null, challenged: outbox.challenged().length };
}

/** Sends the oldest entry waiting for a challenge again with a fresh token; null when none waits. */
export async function sendChallenged(outbox: Outbox, token: string, send: Send, nowMs: () => number, random: () => number, photos?: PhotoDelivery): Promise<Outcome | null> {
  const entry = outbox.challenged()[0];
  if (!entry) return null;
  const fresh = { ...entry, body: withToken(entry.body, token), challenge: false };
  outbox.put(fresh);
  return deliver(outbox, fresh, send, nowMs, random, photos);
}
