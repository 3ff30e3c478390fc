/**
 * Bulk loads into wrangler's local D1 file with Node's built-in SQLite, while no worker has it
 * open: one transaction of prepared inserts, with the table's secondary indexes dropped during
 * the load and rebuilt afterwards (the same indexes, read back from the schema the migrations
 * made). A million rows take seconds this way instead of hours of one request per row.
 */
import { randomBytes } from 'node:crypto';

/** A seeded PRNG (mulberry32) so every run loads the same shape of data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = [
  'Boils fast and stays quiet.',
  'The lid hinge feels a little loose after a month.',
  'Exactly as described, arrived well packed.',
  'Temperature dial is accurate for green tea.',
  'Handle gets warm but never hot.',
  'Delivery took longer than promised, the kettle itself is fine.',
  'Would buy again for the office.',
  'Limescale filter is easy to clean.',
];
const FA = ['خیلی سریع جوش میاد و بی‌صداست.', 'بسته‌بندی عالی بود.', 'ارسال کمی دیر شد ولی کیفیت خوبه.', 'دمای آب دقیقه.'];
const NAMES = ['Sam', 'Alex K.', 'Maria', 'J. Chen', 'سارا', 'علی رضایی', 'Priya', 'Tom'];
// A realistic skew: most reviews are 4-5 stars, with a fat tail of 1s.
const STAR_CDF = [0.08, 0.13, 0.22, 0.45, 1];

function pickStars(r) {
  const x = r();
  return STAR_CDF.findIndex((c) => x < c) + 1;
}

function sortableId(nowMs) {
  return nowMs.toString(36).padStart(9, '0') + randomBytes(9).toString('base64url');
}

/** Drops the secondary indexes of `table`, runs `load`, and rebuilds them. */
function withIndexesRebuilt(db, table, load) {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")
    .all(table);
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  try {
    return load();
  } finally {
    for (const { sql } of indexes) db.exec(sql);
  }
}

function transaction(db, fn) {
  db.exec('BEGIN');
  try {
    const value = fn();
    db.exec('COMMIT');
    return value;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Adds `count` published reviews of `subject` to `siteId`, older than any loaded before
 * (`offset` = how many exist already), and keeps `rating_summaries` consistent: the subject's
 * row and the site-wide '' row get exactly the loaded counts.
 */
export function loadReviews(db, { siteId, subject, count, offset = 0, nowMs = Date.now(), seed = 7 }) {
  const r = prng(seed + offset);
  const stars = [0, 0, 0, 0, 0];
  db.exec('PRAGMA synchronous = OFF');
  const started = performance.now();
  withIndexesRebuilt(db, 'submissions', () =>
    transaction(db, () => {
      const insert = db.prepare(
        `INSERT INTO submissions (id, site_id, kind, status, subject, rating, title, body, author_name,
           verified, lang, helpful_count, search_text, created_at, published_at, decided_at, decided_by)
         VALUES (?1, ?2, 'review', 'published', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 'bench')`,
      );
      const reply = db.prepare(
        `INSERT INTO replies (submission_id, site_id, body, staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, 'bench', ?4, ?4)`,
      );
      for (let i = 0; i < count; i++) {
        const n = offset + i;
        // One review every ~37 s going back in time: 1M reviews span about a year.
        const published = nowMs - 60_000 - n * 37_000;
        const created = published - 3_600_000;
        const rating = pickStars(r);
        stars[rating - 1] += 1;
        const fa = r() < 0.25;
        const pool = fa ? FA : EN;
        const body = [pool[(n * 7) % pool.length], pool[(n * 3 + 1) % pool.length], pool[(n + 5) % pool.length]].join(' ');
        const title = r() < 0.6 ? pool[n % pool.length].slice(0, 40) : null;
        const helpful = Math.floor(r() ** 4 * 60);
        const id = sortableId(created);
        insert.run(id, siteId, subject, rating, title, body, NAMES[n % NAMES.length], r() < 0.3 ? 1 : 0, fa ? 'fa' : 'en', helpful, body.toLowerCase(), created, published);
        if (n % 20 === 0) reply.run(id, siteId, 'Thank you for taking the time to tell us.', published + 600_000);
      }
    }),
  );
  const summary = db.prepare(
    `INSERT INTO rating_summaries (site_id, subject, count, total, s1, s2, s3, s4, s5, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
     ON CONFLICT (site_id, subject) DO UPDATE SET count = count + ?3, total = total + ?4, s1 = s1 + ?5,
       s2 = s2 + ?6, s3 = s3 + ?7, s4 = s4 + ?8, s5 = s5 + ?9, updated_at = ?10`,
  );
  const total = stars.reduce((sum, c, i) => sum + c * (i + 1), 0);
  transaction(db, () => {
    for (const s of subject === '' ? [''] : [subject, '']) summary.run(siteId, s, count, total, ...stars, nowMs);
    db.prepare('UPDATE sites SET content_version = content_version + 1 WHERE id = ?1').run(siteId);
  });
  return { rows: count, ms: Math.round(performance.now() - started) };
}

const CASE_STATUSES = ['new', 'acknowledged', 'in_progress'];

/**
 * Adds `count` open recovery cases (each with its complaint) to `siteId`. Due times are spread
 * so that, at `nowMs`, about a third are past half their SLA (to escalate), a sixth past the
 * full SLA (to reassign) and the rest not yet due: the cron has real work to do.
 */
export function loadOpenCases(db, { siteId, count, nowMs = Date.now(), seed = 11, slaMs = 24 * 3_600_000 }) {
  const r = prng(seed);
  db.exec('PRAGMA synchronous = OFF');
  const started = performance.now();
  withIndexesRebuilt(db, 'cases', () =>
    withIndexesRebuilt(db, 'submissions', () =>
      transaction(db, () => {
        const submission = db.prepare(
          `INSERT INTO submissions (id, site_id, kind, status, subject, body, category, author_name, author_email,
             lang, search_text, case_ref, routing, routed_at, created_at)
           VALUES (?1, ?2, 'complaint', 'pending', 'sku-bench', ?3, 'delivery', 'Bench Shopper', ?4, 'en', ?3, ?5, 'complaint', ?6, ?6)`,
        );
        const kase = db.prepare(
          `INSERT INTO cases (id, site_id, ref, status, priority, contact_key, submission_id, reason, track_token_hash,
             first_response_due, due_at, plan_due, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'complaint', ?8, ?9, ?9, ?10, ?11, ?11)`,
        );
        for (let i = 0; i < count; i++) {
          const x = r();
          // Age as a fraction of the SLA: <0.5 not due, 0.5..1 escalate, >1 breached.
          const age = x < 0.5 ? x : x < 0.83 ? 0.5 + (x - 0.5) * 1.5 : 1 + (x - 0.83) * 3;
          const created = Math.round(nowMs - age * slaMs);
          const subId = sortableId(created);
          const ref = `RB-${(i + 1).toString(36).toUpperCase().padStart(6, '0')}`;
          const email = `shopper${i}@bench.example`;
          submission.run(subId, siteId, `Parcel ${i} arrived late and damaged.`, email, ref, created);
          kase.run(
            sortableId(created),
            siteId,
            ref,
            CASE_STATUSES[i % 3],
            ['P1', 'P2', 'P3'][Math.floor(r() * 3)],
            `email:${email}`,
            subId,
            randomBytes(32).toString('hex'),
            created + slaMs,
            created + 3 * slaMs,
            created,
          );
        }
      }),
    ),
  );
  return { rows: count, ms: Math.round(performance.now() - started) };
}
