/**
 * The offline outbox: submissions waiting for delivery, kept in the page's storage under one
 * key per site so a reload or a dropped connection loses nothing. Each entry keeps the
 * `Idempotency-Key` of its first attempt, so retries can never create a duplicate. Entries are
 * removed as soon as the server has them: the merchant page's storage must not keep personal data.
 * Pure: storage and clock are passed in.
 */
import type { SubmissionInput } from '../../../shared/submission.ts';
import { storageKey } from './outbox-key.ts';
import type { PhotoSlot } from './photo-outbox.ts';

/** The subset of `Storage` the outbox needs, so tests can pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxEntry {
  key: string;
  body: SubmissionInput;
  attempts: number;
  /** Epoch ms before which the entry is not retried. */
  nextAt: number;
  /**
   * Refused by the site's Turnstile check (its token had expired): kept, but not retried until
   * a form on screen gets a fresh token for it.
   */
  challenge?: boolean;
  /**
   * Set when a photo could not be uploaded before sending: every photo of the review, in order,
   * the kept ones by their photo-store reference. Their ids replace `body.photos` on delivery.
   */
  photos?: PhotoSlot[];
}

export { storageKey };

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 5 minutes, with ±25 % jitter from `random`. */
export function backoffMs(attempts: number, random: number): number {
  const base = Math.min(2000 * 2 ** Math.max(0, attempts - 1), 300_000);
  return Math.round(base * (0.75 + random * 0.5));
}

/** What an answer means for an entry: delivered, refused for good (4xx), or worth retrying. */
export function classify(status: number): 'delivered' | 'refused' | 'retry' {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500 || status === 0) return 'retry';
  return 'refused';
}

/** Whether an answer refuses a submission only for its Turnstile token (403 turnstile-*). */
export function needsChallenge(status: number, body: unknown): boolean {
  if (status !== 403 || typeof body !== 'object' || body === null || !('type' in body)) return false;
  return typeof body.type === 'string' && /:turnstile-(required|failed)$/.test(body.type);
}

/** The body to send again with a fresh Turnstile token in place of the spent one. */
export function withToken(body: SubmissionInput, token: string): SubmissionInput {
  return { ...body, meta: { ...body.meta, turnstile: token } };
}

/** A fresh idempotency key: 22 URL-safe random characters (works outside secure contexts too). */
export function newKey(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(16));
  let out = '';
  for (const b of bytes) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63];
  return out;
}

export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly site: string,
  ) {}

  list(): OutboxEntry[] {
    let raw: string | null = null;
    try {
      raw = this.store.getItem(storageKey(this.site));
    } catch {
      // Storage can be blocked (privacy settings); the outbox is then just empty.
    }
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** Adds or replaces the entry with the same key. */
  put(entry: OutboxEntry): void {
    this.save([...this.list().filter((e) => e.key !== entry.key), entry]);
  }

  remove(key: string): void {
    this.save(this.list().filter((e) => e.key !== key));
  }

  /** Entries whose retry time has come, oldest first; those waiting for a challenge are not. */
  due(nowMs: number): OutboxEntry[] {
    return this.list().filter((e) => !e.challenge && e.nextAt <= nowMs);
  }

  /** Entries that can be sent again without a fresh Turnstile token. */
  retryable(): OutboxEntry[] {
    return this.list().filter((e) => !e.challenge);
  }

  /** The site no longer uses Turnstile: entries that waited for a token are retried as usual. */
  unflag(): void {
    const entries = this.list();
    if (entries.some((e) => e.challenge)) this.save(entries.map(({ challenge: _, ...e }) => e));
  }

  /** Entries waiting for a fresh Turnstile token, oldest first. */
  challenged(): OutboxEntry[] {
    return this.list().filter((e) => e.challenge === true);
  }

  /** Records a failed attempt and schedules the next one; returns when that will be. */
  reschedule(key: string, nowMs: number, random: number): number | null {
    const entry = this.list().find((e) => e.key === key);
    if (!entry) return null;
    const attempts = entry.attempts + 1;
    const nextAt = nowMs + backoffMs(attempts, random);
    this.put({ ...entry, attempts, nextAt });
    return nextAt;
  }

  private save(entries: OutboxEntry[]): void {
    try {
      // An empty outbox leaves no key behind at all.
      if (entries.length) this.store.setItem(storageKey(this.site), JSON.stringify(entries));
      else this.store.removeItem(storageKey(this.site));
    } catch {
      // Quota or privacy mode: delivery still happens while the page stays open.
    }
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.key === 'string' && typeof v.attempts === 'number' && typeof v.nextAt === 'number' && typeof v.body === 'object';
}
