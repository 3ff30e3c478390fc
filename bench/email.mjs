/**
 * The email drain: 10,000 review requests fall due at once (orders registered 30 days after
 * delivery). Each cron run on a real `wrangler dev` queues at most its per-run budget
 * (EMAIL_BATCH × CRON_MAX_ROUNDS); the EMAIL queue's consumer sends them through the simulated
 * `send_email` binding. Reports, per run, how many were queued and how many were sent by the
 * next run, and the time until all were sent.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SITE, freshState, openD1, removeState, runWorker, seedSite } from './lib/worker.mjs';

const CRON = '/__scheduled?cron=*/5+*+*+*+*';
const DAY = 86_400_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Writes `count` orders and their request + reminder rows as the orders route would. */
function loadOrders(db, count) {
  const key = db.prepare('SELECT signing_key FROM sites WHERE id = ?1').get(SITE).signing_key;
  const now = Date.now();
  const delivered = now - 30 * DAY - 60_000;
  const insertOrder = db.prepare(
    `INSERT INTO orders (site_id, order_id, customer_name, customer_email, items, purchased_at, followup_due_at, created_at, delivered_at, lang)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
  );
  const insertEmail = db.prepare(
    `INSERT INTO emails (id, site_id, kind, event_key, recipient, recipient_hash, lang, data, order_id, state, due_at, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'scheduled', ?10, ?11, ?11)`,
  );
  const items = JSON.stringify([{ subject: 'sku-1', name: 'Kettle', reviewUrl: 'http://127.0.0.1/demo/' }]);
  const started = performance.now();
  db.exec('BEGIN');
  for (let i = 0; i < count; i++) {
    const email = `buyer${i}@example.com`;
    const orderId = `B-${i}`;
    const lang = i % 2 ? 'fa' : 'en';
    const hash = createHmac('sha256', key).update(`email:${email}`).digest('base64url');
    const due = delivered + 30 * DAY;
    // The follow-up webhook step is out of the way (already handled) so the run measures email.
    insertOrder.run(SITE, orderId, `Buyer ${i}`, email, items, delivered - 3 * DAY, due, now, delivered, lang);
    db.prepare('UPDATE orders SET followup_at = ?3, followup_outcome = ?4 WHERE site_id = ?1 AND order_id = ?2').run(SITE, orderId, now, 'sent');
    const data = JSON.stringify({ origin: 'http://127.0.0.1:8787', name: `Buyer ${i}` });
    insertEmail.run(`em_b${i}_${randomBytes(3).toString('hex')}`, SITE, 'review.request', `order:${orderId}`, email, hash, lang, data, orderId, due - 60_000, now);
    insertEmail.run(`em_r${i}_${randomBytes(3).toString('hex')}`, SITE, 'review.reminder', `order:${orderId}`, email, hash, lang, data, orderId, due + 7 * DAY, now);
  }
  db.exec('COMMIT');
  return Math.round(performance.now() - started);
}

function counts(persistTo) {
  const db = openD1(persistTo);
  try {
    const rows = db.prepare(`SELECT state, COUNT(*) AS n FROM emails WHERE kind = 'review.request' GROUP BY state`).all();
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

export async function benchEmail({ quick, log }) {
  const total = quick ? 2_000 : 10_000;
  const persistTo = await freshState('email');
  try {
    await seedSite(persistTo, []);
    const db = openD1(persistTo);
    let loadMs;
    try {
      loadMs = loadOrders(db, total);
    } finally {
      db.close();
    }
    log(`email: ${total} due review requests loaded in ${loadMs} ms`);
    const server = await runWorker(persistTo);
    const runs = [];
    const started = performance.now();
    try {
      for (let run = 1; run <= 40; run++) {
        const before = counts(persistTo);
        const t = performance.now();
        const res = await fetch(server.url + CRON);
        await res.text();
        if (!res.ok) throw new Error(`cron trigger answered ${res.status}`);
        const runMs = Math.round(performance.now() - t);
        // Let the consumer work until the queue is empty (nothing left queued) or 60 s pass;
        // in production the next run comes five minutes later.
        const deadline = Date.now() + 60_000;
        let now = counts(persistTo);
        while ((now.queued ?? 0) > 0 && Date.now() < deadline) {
          await sleep(500);
          now = counts(persistTo);
        }
        const queued = (before.scheduled ?? 0) - (now.scheduled ?? 0);
        runs.push({ run, queued, sentTotal: now.sent ?? 0, runMs, drainedMs: Math.round(performance.now() - t) });
        log(`email: run ${run}: queued ${queued}, sent so far ${now.sent ?? 0}, run ${runMs} ms`);
        if ((now.scheduled ?? 0) === 0 && (now.queued ?? 0) === 0) break;
      }
    } finally {
      server.stop();
    }
    const final = counts(persistTo);
    const { EMAIL_BATCH } = await import('../worker/src/cron-email.ts');
    const { CRON_MAX_ROUNDS } = await import('../worker/src/cron.ts');
    return {
      dueRequests: total,
      perRunBudget: EMAIL_BATCH * CRON_MAX_ROUNDS,
      maxQueuedInOneRun: Math.max(...runs.map((r) => r.queued)),
      runs,
      cronRuns: runs.length,
      sent: final.sent ?? 0,
      failed: final.failed ?? 0,
      drainMs: Math.round(performance.now() - started),
      loadMs,
    };
  } finally {
    await removeState(persistTo);
  }
}
