// The demo shop's history for `npm start`: about three hundred reviews, complaints and stories
// over the last 90 days in English and Persian (texts written for this project), merchant
// replies, and recovery cases in every status, some overdue and some recovered with a
// re-rating. A pure function of (site, staff, now, seed): the same seed gives the same shop,
// with every date relative to `nowMs`. It answers SQL statements ({ sql, params }) that
// `site.mjs seed-demo` runs in one batch, like every other write it makes.
import { createHash } from 'node:crypto';
import { searchText } from '../worker/src/rules/normalize.ts';
import { contactKey } from '../worker/src/rules/contact.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEMO_DAYS = 90;
/** The audit action that marks a site as seeded, so a second start adds nothing. */
export const SEEDED_ACTION = 'demo.seeded';

/** mulberry32: a small, well-known seeded generator; good enough for believable demo data. */
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

const PRODUCTS = [
  { subject: 'sku-kettle-01', weight: 0.46, en: 'kettle', fa: 'کتری', thing: { en: ['boils fast', 'the handle stays cool', 'the lid clicks shut', 'it is quiet'], fa: ['زود جوش می‌آید', 'دسته‌اش داغ نمی‌شود', 'درش محکم بسته می‌شود', 'بی‌صداست'] } },
  { subject: 'sku-grinder-02', weight: 0.18, en: 'grinder', fa: 'آسیاب', thing: { en: ['the grind is even', 'it is easy to clean', 'the burrs feel solid', 'it holds a week of beans'], fa: ['آسیابش یکدست است', 'تمیز کردنش راحت است', 'تیغه‌هایش محکم است', 'مخزنش جای قهوهٔ یک هفته را دارد'] } },
  { subject: 'sku-teapot-03', weight: 0.14, en: 'teapot', fa: 'قوری', thing: { en: ['the glass is thick', 'it pours without dripping', 'the infuser is fine enough'], fa: ['شیشه‌اش ضخیم است', 'موقع ریختن چکه نمی‌کند', 'صافی‌اش ریز است'] } },
  { subject: 'sku-mug-04', weight: 0.12, en: 'mugs', fa: 'ماگ‌ها', thing: { en: ['they keep tea hot', 'they survive the dishwasher', 'they feel good in the hand'], fa: ['چای را گرم نگه می‌دارند', 'در ماشین ظرف‌شویی سالم می‌مانند', 'خوش‌دست هستند'] } },
  { subject: 'sku-scale-05', weight: 0.1, en: 'scale', fa: 'ترازو', thing: { en: ['it reads to a tenth of a gram', 'the timer is handy', 'the battery lasts'], fa: ['تا یک دهم گرم دقیق است', 'زمان‌سنجش به کار می‌آید', 'باتری‌اش دوام دارد'] } },
];

const NAMES = {
  en: ['Emma Clarke', 'Liam Patel', 'Olivia Brown', 'Noah Fischer', 'Ava Rossi', 'James Okafor', 'Mia Jensen', 'Lucas Moreau', 'Sophie Turner', 'Daniel Kim', 'Grace Walsh', 'Ethan Novak', 'Chloe Martin', 'Owen Hughes', 'Isla Murray', 'Leo Schmidt', 'Hannah Reid', 'Samuel Costa'],
  fa: ['سارا احمدی', 'رضا کریمی', 'مریم حسینی', 'علی رضایی', 'نگار محمدی', 'امیر جعفری', 'زهرا موسوی', 'حسین نوری', 'الهام صادقی', 'مهدی قاسمی', 'فاطمه رحیمی', 'کاوه شریفی', 'شیما یزدانی', 'بهرام کاظمی', 'لیلا فرهادی', 'پویا عباسی'],
};
// Latin spellings for the Persian names' email addresses (same order).
const FA_LATIN = ['sara.ahmadi', 'reza.karimi', 'maryam.hosseini', 'ali.rezaei', 'negar.mohammadi', 'amir.jafari', 'zahra.mousavi', 'hossein.nouri', 'elham.sadeghi', 'mahdi.ghasemi', 'fatemeh.rahimi', 'kaveh.sharifi', 'shima.yazdani', 'bahram.kazemi', 'leila.farhadi', 'pouya.abbasi'];

const REVIEW = {
  en: {
    5: { titles: ['Love it', 'Exactly as described', 'Best purchase this year', 'Worth every euro', 'Five stars'], open: ['Really happy with this {p}.', 'I use the {p} every morning and it is a pleasure.', 'Bought the {p} as a gift and ended up keeping one.', 'Great {p}.'], close: ['Delivery was quick too.', 'Would buy again.', 'Packaging was neat and plastic-free.', ''] },
    4: { titles: ['Very good', 'Solid choice', 'Nearly perfect', 'Happy overall'], open: ['Good {p} for the price.', 'The {p} does what it promises.', 'Pleased with the {p}.'], close: ['Only wish it came in more colours.', 'The manual could be clearer.', 'Took a few days longer to arrive than I hoped.', ''] },
    3: { titles: ['It is fine', 'Okay', 'Mixed feelings'], open: ['The {p} is okay.', 'Average {p}, nothing special.', 'The {p} works, but'], close: ['I expected a bit more at this price.', 'it is louder than I expected.', 'Not sure I would buy it again.'] },
    2: { titles: ['Disappointed', 'Not great', 'Expected better'], open: ['Disappointed with the {p}.', 'The {p} looked better in the photos.', 'My {p} started having problems after two weeks.'], close: ['The finish scratches easily.', 'Customer service took days to answer.', 'Thinking about returning it.'] },
    1: { titles: ['Broken on arrival', 'Do not buy', 'Terrible', 'Want a refund'], open: ['The {p} arrived broken.', 'The {p} stopped working after a week.', 'Worst {p} I have owned.'], close: ['I want a refund.', 'Still waiting for a reply to my email.', 'Never again.', 'The box was crushed and nobody cares.'] },
  },
  fa: {
    5: { titles: ['عالی بود', 'دقیقاً همان که می‌خواستم', 'بهترین خرید امسال', 'ارزش خرید دارد'], open: ['از این {p} خیلی راضی‌ام.', 'هر روز صبح از {p} استفاده می‌کنم و لذت می‌برم.', '{p} را برای هدیه خریدم و یکی هم برای خودم گرفتم.', '{p} فوق‌العاده‌ای است.'], close: ['ارسال هم سریع بود.', 'حتماً دوباره می‌خرم.', 'بسته‌بندی تمیز و مرتب بود.', ''] },
    4: { titles: ['خیلی خوب', 'انتخاب مطمئن', 'تقریباً بی‌نقص'], open: ['{p} خوبی است با این قیمت.', '{p} همان کاری را می‌کند که گفته بودند.', 'از {p} راضی هستم.'], close: ['کاش رنگ‌های بیشتری داشت.', 'دفترچهٔ راهنما می‌توانست واضح‌تر باشد.', 'ارسالش چند روز بیشتر از انتظارم طول کشید.', ''] },
    3: { titles: ['معمولی', 'بد نیست', 'نظر بینابین'], open: ['{p} معمولی است.', '{p} کار می‌کند ولی چیز خاصی نیست.', '{p} بد نیست، اما'], close: ['با این قیمت انتظار بیشتری داشتم.', 'صدایش بیشتر از انتظارم است.', 'مطمئن نیستم دوباره بخرم.'] },
    2: { titles: ['ناامید شدم', 'انتظار بیشتری داشتم', 'راضی نیستم'], open: ['از {p} ناامید شدم.', '{p} در عکس‌ها بهتر به نظر می‌رسید.', '{p} بعد از دو هفته ایراد پیدا کرد.'], close: ['رنگش زود خط می‌افتد.', 'پشتیبانی چند روز جواب نداد.', 'دارم به مرجوع کردنش فکر می‌کنم.'] },
    1: { titles: ['خراب رسید', 'نخرید', 'افتضاح', 'پولم را می‌خواهم'], open: ['{p} شکسته به دستم رسید.', '{p} بعد از یک هفته از کار افتاد.', 'بدترین {p} که تا حالا داشته‌ام.'], close: ['لطفاً پول را برگردانید.', 'هنوز منتظر جواب ایمیلم هستم.', 'دیگر از اینجا خرید نمی‌کنم.', 'جعبه له شده بود و کسی پاسخگو نیست.'] },
  },
};

const COMPLAINTS = {
  en: [
    { category: 'delivery', body: 'My order was due last Tuesday and the tracking has not moved for five days.', expected: 'Delivery within three working days, as the checkout said.', desired: 'Tell me where the parcel is or send a new one.' },
    { category: 'product', body: 'The kettle leaks from the base when it is more than half full.', expected: 'A kettle that does not leak.', desired: 'A replacement.' },
    { category: 'billing', body: 'I was charged twice for the same order.', expected: 'One charge.', desired: 'Refund the second payment.' },
    { category: 'service', body: 'I have emailed support three times about a missing part and nobody has answered.', expected: 'An answer within a day or two.', desired: 'Send the missing lid.' },
    { category: 'product', body: 'The grinder makes a grinding metal noise and the coffee tastes burnt.', expected: 'A quiet grinder with an even grind.', desired: 'Repair or refund.' },
    { category: 'delivery', body: 'The parcel arrived crushed and two mugs were broken.', expected: 'Mugs packed so they survive the post.', desired: 'Two new mugs.' },
    { category: 'other', body: 'The discount code from your newsletter was refused at checkout.', expected: 'The 10% the email promised.', desired: 'Apply the discount to my order.' },
  ],
  fa: [
    { category: 'delivery', body: 'سفارشم قرار بود سه‌شنبه برسد ولی هنوز نرسیده و کد رهگیری پنج روز است تغییری نکرده.', expected: 'ارسال سه روزه همان‌طور که در سایت نوشته بود.', desired: 'بگویید بسته کجاست یا دوباره بفرستید.' },
    { category: 'product', body: 'کتری از پایین نشتی دارد وقتی بیشتر از نصفه پر شود.', expected: 'کتری سالم.', desired: 'تعویض کالا.' },
    { category: 'billing', body: 'مبلغ سفارش دو بار از حسابم کم شده است.', expected: 'یک بار پرداخت.', desired: 'پول پرداخت دوم را برگردانید.' },
    { category: 'service', body: 'سه بار برای قطعهٔ جاافتاده ایمیل زدم و کسی جواب نداد.', expected: 'پاسخ در یکی دو روز.', desired: 'درِ قوری را بفرستید.' },
    { category: 'delivery', body: 'بسته له شده رسید و دو تا از ماگ‌ها شکسته بودند.', expected: 'بسته‌بندی محکم.', desired: 'دو ماگ سالم.' },
    { category: 'product', body: 'ترازو عدد ثابتی نشان نمی‌دهد و مدام بالا و پایین می‌رود.', expected: 'ترازوی دقیق.', desired: 'مرجوع و بازگشت وجه.' },
  ],
};

const STORIES = {
  en: {
    happy: [
      'We bought the kettle for our first flat together; two years on it still sits in the middle of the kitchen.',
      'I run a small reading club and the glass teapot has become our centrepiece every Thursday.',
      'Your team called me back within an hour when my order went to the wrong address. Thank you, Nadia!',
      'Idea: a travel version of the scale would be perfect for pour-over on holiday.',
    ],
    sad: [
      'It took three weeks and five emails to get a broken lid replaced. I love the product but the experience was exhausting.',
      'The grinder died a day after the warranty ended and I was told there is nothing to be done. Disappointing.',
    ],
  },
  fa: {
    happy: [
      'کتری را برای اولین خانهٔ مشترکمان خریدیم و هنوز بعد از دو سال وسط آشپزخانه است.',
      'پیشنهاد: اگر ترازوی کوچک‌تری برای سفر داشتید حتماً می‌خریدم.',
      'وقتی سفارشم به آدرس اشتباه رفت، همکارتان یک ساعته تماس گرفت و درستش کرد. ممنون!',
    ],
    sad: [
      'سه هفته و پنج ایمیل طول کشید تا درِ شکستهٔ قوری را عوض کنید. محصول را دوست دارم اما این تجربه خسته‌کننده بود.',
      'آسیاب یک روز بعد از تمام شدن گارانتی خراب شد و گفتند کاری نمی‌شود کرد. واقعاً ناامید شدم.',
    ],
  },
};

const REPLIES = {
  en: {
    good: ['Thank you, {n}! We are glad it made it to your kitchen.', 'Thanks for taking the time to write this, {n}.', 'That made our day. Enjoy it!'],
    bad: ['We are sorry, {n}. Our support team has contacted you to put this right.', 'That is not the quality we aim for. We have sent you a replacement; please tell us how it goes.', 'Sorry for the wait. We have opened a case and will reply within a day.'],
  },
  fa: {
    good: ['ممنون {n} عزیز! خوشحالیم که راضی هستید.', 'سپاس از وقتی که برای نوشتن نظرتان گذاشتید.', 'روزمان را ساختید. از آن لذت ببرید!'],
    bad: ['{n} عزیز، متأسفیم. همکاران پشتیبانی با شما تماس گرفته‌اند تا مشکل حل شود.', 'این کیفیتی نیست که به آن افتخار کنیم. یک کالای جایگزین برایتان فرستادیم.', 'بابت تأخیر عذر می‌خواهیم. پرونده‌ای باز کرده‌ایم و تا یک روز دیگر پاسخ می‌دهیم.'],
  },
};

const MESSAGES = {
  en: ['Hello {n}, I am sorry about this. I am looking into it now and will update you today.', 'We have sent a replacement by express delivery; you should have it within two days.', 'Your refund has been issued; it can take three to five days to show.'],
  fa: ['سلام {n}، بابت این موضوع متأسفم. همین حالا پیگیری می‌کنم و امروز خبر می‌دهم.', 'کالای جایگزین با پست پیشتاز ارسال شد و تا دو روز دیگر می‌رسد.', 'مبلغ به حسابتان برگشت داده شد؛ ممکن است سه تا پنج روز طول بکشد.'],
};
const NOTES = ['Courier confirms the parcel was damaged in transit; claim filed.', 'Second case from this batch of kettles: checking with the supplier.', 'Customer prefers to be contacted by email.', 'Offered a replacement rather than a refund; customer agreed.'];
const RESOLUTIONS = {
  product_defect: 'Replaced the unit; the faulty batch was returned to the supplier.',
  wrong_item: 'Sent the right item with a return label for the wrong one.',
  delivery_delay: 'Re-shipped by express; the courier was changed for this region.',
  delivery_damage: 'Sent new items and filed a claim with the courier.',
  billing_error: 'Refunded the duplicate charge.',
  staff_behaviour: 'Apologised and reviewed the reply with the support team.',
  expectation_gap: 'Explained the product limits and offered a return.',
  policy: 'Made an exception to the returns window.',
  other: 'Resolved with the customer by email.',
};
const CAUSE_BY_CATEGORY = { delivery: ['delivery_delay', 'delivery_damage'], product: ['product_defect', 'wrong_item'], billing: ['billing_error'], service: ['staff_behaviour', 'policy'], other: ['other', 'expectation_gap'] };
const ASSIGNEES = ['Nadia', 'Sam', 'Arash'];
const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A value written into SQL text; the same rules as `sqlLiteral` in site.mjs. */
function literal(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Rows per INSERT: each statement stays well under D1's 100 KB statement limit. */
const ROWS_PER_INSERT = 40;

/**
 * Multi-row INSERTs with the values written into the SQL: a local D1 batch pays for every
 * statement (about 30 ms each on a shared machine), and D1 binds at most 100 parameters per
 * statement, so a thousand one-row inserts would take half a minute. Every value here is
 * generated by this file; none comes from outside.
 */
export function insertRows(table, rows) {
  const columns = Object.keys(rows[0]);
  const out = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`);
    out.push({ sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n${values.join(',\n')}`, params: [] });
  }
  return out;
}

/**
 * The statements that write the demo shop into `siteId` (which must exist), replying as
 * `staffId`. `nowMs` anchors every date; `seed` picks the same shop every time.
 */
export function demoShop({ siteId, staffId, nowMs, seed = 13 }) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const between = (lo, hi) => lo + random() * (hi - lo);
  const stars = () => {
    const r = random();
    return r < 0.46 ? 5 : r < 0.7 ? 4 : r < 0.8 ? 3 : r < 0.88 ? 2 : 1;
  };
  const product = () => {
    let r = random();
    for (const p of PRODUCTS) if ((r -= p.weight) < 0) return p;
    return PRODUCTS[0];
  };
  // Recent days are a little busier, as a shop that is growing.
  const agoMs = (maxDays = DEMO_DAYS) => Math.floor(Math.pow(random(), 1.3) * maxDays * DAY + between(0, HOUR));
  let serial = 0;
  const idAt = (at) => `${at.toString(36).padStart(9, '0')}demo${String((serial += 1)).padStart(4, '0')}`;
  const ref = () => `RB-${Array.from({ length: 8 }, () => REF_ALPHABET[Math.floor(random() * REF_ALPHABET.length)]).join('')}`;
  const person = (lang, n) => {
    const i = Math.floor(random() * NAMES[lang].length);
    const name = NAMES[lang][i];
    const local = lang === 'fa' ? FA_LATIN[i] : name.toLowerCase().replace(/\s+/g, '.');
    return { name, email: `${local}+${n}@example.com` };
  };
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_m, k) => values[k] ?? '');

  const submissions = [];
  const tables = new Map();
  const add = (table, row) => {
    const rows = tables.get(table) ?? [];
    rows.push(row);
    tables.set(table, rows);
  };

  // Reviews: a J-shaped rating distribution, 55% English.
  for (let n = 0; n < 250; n += 1) {
    const lang = chance(0.55) ? 'en' : 'fa';
    const p = product();
    const rating = stars();
    const t = REVIEW[lang][rating];
    const aspect = rating >= 4 ? pick(p.thing[lang]) : '';
    const body = [fill(pick(t.open), { p: p[lang] }), aspect && (lang === 'en' ? `I like that ${aspect}.` : `خوبی‌اش این است که ${aspect}.`), pick(t.close)].filter(Boolean).join(' ');
    submissions.push({ kind: 'review', lang, subject: p.subject, rating, title: chance(0.7) ? pick(t.titles) : null, body, who: person(lang, n), at: nowMs - agoMs() });
  }
  // Complaints: a few in the last day, so the queue has something new and something overdue.
  for (let n = 0; n < 30; n += 1) {
    const lang = chance(0.5) ? 'en' : 'fa';
    const c = pick(COMPLAINTS[lang]);
    const at = n < 3 ? nowMs - between(1, 18) * HOUR : n < 6 ? nowMs - between(30, 60) * HOUR : nowMs - agoMs();
    submissions.push({ kind: 'complaint', lang, subject: product().subject, rating: null, title: null, body: c.body, category: c.category, expected: c.expected, desired: c.desired, orderRef: `SO-${10400 + n * 7}`, who: person(lang, 1000 + n), at });
  }
  // Stories: mostly happy, a few bitter ones that open a case.
  for (let n = 0; n < 24; n += 1) {
    const lang = chance(0.55) ? 'en' : 'fa';
    const sad = chance(0.25);
    submissions.push({ kind: 'story', lang, subject: '', rating: null, title: null, body: pick(STORIES[lang][sad ? 'sad' : 'happy']), sad, who: person(lang, 2000 + n), at: nowMs - agoMs() });
  }
  submissions.sort((a, b) => a.at - b.at);

  const summaries = new Map();
  const count = (subject, rating) => {
    const s = summaries.get(subject) ?? { count: 0, total: 0, s: [0, 0, 0, 0, 0] };
    s.count += 1;
    s.total += rating;
    s.s[rating - 1] += 1;
    summaries.set(subject, s);
  };
  const unhappy = [];

  for (const s of submissions) {
    s.id = idAt(s.at);
    const age = nowMs - s.at;
    const opensCase = s.kind === 'complaint' || (s.kind === 'review' && s.rating <= 2) || (s.kind === 'story' && s.sad);
    // Staff keep complaints private (hidden once handled); recent items wait for moderation.
    s.status = age < 2 * DAY && chance(0.7) ? 'pending' : s.kind === 'complaint' ? 'hidden' : chance(0.04) ? 'spam' : chance(0.04) ? 'rejected' : 'published';
    const decidedAt = s.status === 'pending' ? null : s.at + Math.floor(between(0.2, 20) * HOUR);
    s.ref = opensCase ? ref() : null;
    const reason =
      s.kind === 'complaint' ? `complaint: ${s.category}` : s.kind === 'story' ? 'negative story' : `rating ${s.rating}`;
    const routing = opensCase ? JSON.stringify({ open: true, priority: s.rating === 1 || s.kind === 'complaint' ? 'P1' : 'P2', reason, score: s.kind === 'review' ? null : -0.6, method: s.kind === 'review' ? 'rating' : 'lexicon-v1' }) : null;
    add('submissions', {
      id: s.id, site_id: siteId, kind: s.kind, status: s.status, subject: s.subject, rating: s.rating, title: s.title, body: s.body,
      category: s.category ?? null, expected: s.expected ?? null, desired_outcome: s.desired ?? null,
      author_name: s.who.name, author_email: s.who.email, order_ref: s.orderRef ?? null,
      verified: s.kind === 'review' && chance(0.4) ? 1 : 0, lang: s.lang, flags: '[]',
      helpful_count: s.status === 'published' && s.kind === 'review' ? Math.floor(Math.pow(random(), 3) * 14) : 0,
      search_text: searchText([s.title, s.body, s.expected, s.desired, s.who.name]),
      case_ref: s.ref, routing, routed_at: opensCase ? s.at + 1500 : null,
      created_at: s.at, published_at: s.status === 'published' ? decidedAt : null, decided_at: decidedAt, decided_by: decidedAt === null ? null : staffId,
    });
    if (s.status === 'published' && s.rating !== null) {
      count(s.subject, s.rating);
      count('', s.rating);
      // Merchants answer most unhappy reviews and some happy ones.
      if (chance(s.rating <= 3 ? 0.7 : 0.18)) {
        const at = Math.min(nowMs - HOUR, decidedAt + Math.floor(between(1, 30) * HOUR));
        const body = fill(pick(REPLIES[s.lang][s.rating >= 4 ? 'good' : 'bad']), { n: s.who.name.split(' ')[0] });
        add('replies', { submission_id: s.id, site_id: siteId, body, staff_id: staffId, created_at: at, updated_at: at });
      }
    }
    if (opensCase) unhappy.push({ ...s, reason, routing: JSON.parse(routing) });
  }

  // Cases, newest first: the newest wait for a first answer (a few already overdue), the
  // middle are being worked, the oldest are settled.
  unhappy.sort((a, b) => b.at - a.at);
  const caseStatuses = [];
  unhappy.forEach((s, i) => {
    const age = nowMs - s.at;
    let status;
    if (age < DAY) status = 'new';
    else if (age < 3 * DAY) status = i % 3 === 0 ? 'new' : 'acknowledged';
    else if (age < 12 * DAY) status = ['in_progress', 'awaiting_customer', 'acknowledged', 'in_progress'][i % 4];
    else if (age < 20 * DAY) status = ['resolved', 'in_progress', 'awaiting_customer'][i % 3];
    else status = ['recovered', 'recovered', 'not_recovered', 'closed', 'recovered', 'resolved'][i % 6];
    caseStatuses.push(status);
    caseRows(s, status, i);
  });

  function caseRows(s, status, i) {
    const caseId = `case_${s.id}`;
    const created = s.at;
    const priority = s.routing.priority;
    const firstDue = created + 24 * HOUR;
    const planDue = created + 72 * HOUR;
    const answered = status !== 'new';
    const firstAt = answered ? created + Math.floor(between(0.5, i % 5 === 0 ? 40 : 20) * HOUR) : null;
    const working = ['in_progress', 'awaiting_customer', 'resolved', 'recovered', 'not_recovered', 'closed'].includes(status);
    const planAt = working && status !== 'closed' ? Math.min(nowMs - HOUR, firstAt + Math.floor(between(4, 40) * HOUR)) : null;
    const open = ['new', 'acknowledged', 'in_progress', 'awaiting_customer'].includes(status);
    // Most promises still open fall due in the coming days; one in five has slipped already.
    const promisedAt = planAt === null || !chance(0.5) ? null : open && chance(0.8) ? nowMs + Math.floor(between(0.5, 4) * DAY) : planAt + Math.floor(between(1, 5) * DAY);
    const pausedAt = status === 'awaiting_customer' ? Math.min(nowMs - HOUR, (planAt ?? firstAt) + Math.floor(between(2, 24) * HOUR)) : null;
    const settled = ['resolved', 'recovered', 'not_recovered'].includes(status);
    // Settled cases mostly kept their promised date.
    const resolvedAt = !settled
      ? null
      : promisedAt !== null && chance(0.8)
        ? Math.min(nowMs - 2 * HOUR, promisedAt - Math.floor(between(1, 20) * HOUR))
        : Math.min(nowMs - 2 * HOUR, (planAt ?? firstAt) + Math.floor(between(0.5, 6) * DAY));
    const reratedAt = status === 'recovered' || status === 'not_recovered' ? Math.min(nowMs - HOUR, resolvedAt + Math.floor(between(0.5, 4) * DAY)) : null;
    const rerating = status === 'recovered' ? (chance(0.6) ? 5 : 4) : status === 'not_recovered' ? 1 + Math.floor(random() * 3) : null;
    const closedAt = status === 'closed' ? created + Math.floor(between(8, 14) * DAY) : null;
    const cause = settled || status === 'closed' ? pick(CAUSE_BY_CATEGORY[s.category ?? (s.kind === 'review' ? 'product' : 'other')]) : null;
    const dueAt = !open ? null : firstAt === null ? firstDue : planAt === null ? planDue : promisedAt;
    const overdue = open && status !== 'awaiting_customer' && dueAt !== null && dueAt < nowMs;
    const escalatedAt = overdue && firstAt === null ? created + 12 * HOUR : null;
    const breachedAt = overdue ? dueAt + 5 * 60_000 : null;
    const assignee = status === 'new' && !overdue ? null : ASSIGNEES[i % ASSIGNEES.length];
    const first = s.who.name.split(' ')[0];
    add('cases', {
      id: caseId, site_id: siteId, ref: s.ref, status, priority,
      contact_key: contactKey({ email: s.who.email, orderRef: s.orderRef }) ?? `submission:${s.id}`,
      order_ref: s.orderRef ?? null, submission_id: s.id, reason: s.reason, score: s.routing.score, method: s.routing.method, assignee,
      // The demo hands out no tracking links: a hash of nothing anyone holds.
      track_token_hash: createHash('sha256').update(`demo-no-link:${caseId}`).digest('hex'),
      first_response_due: firstDue, plan_due: planDue, first_response_at: firstAt, paused_at: pausedAt, paused_ms: 0,
      promised_at: promisedAt, escalated_at: escalatedAt, breached_at: breachedAt, root_cause: cause,
      resolution: cause ? RESOLUTIONS[cause] : null, resolved_at: resolvedAt, rerating, closed_at: closedAt, created_at: created,
      updated_at: Math.max(created, firstAt ?? 0, planAt ?? 0, pausedAt ?? 0, resolvedAt ?? 0, reratedAt ?? 0, closedAt ?? 0, breachedAt ?? 0),
      due_at: dueAt, original_rating: s.rating, rerated_at: reratedAt, resolved_ok: settled ? 1 : status === 'closed' ? 0 : null, plan_at: planAt,
    });
    const event = (type, isPublic, body, at, actor = null, submissionId = null) =>
      add('case_events', { case_id: caseId, type, public: isPublic ? 1 : 0, body, actor, submission_id: submissionId, created_at: at });
    event('opened', true, null, created);
    event('submission', false, s.reason, created + 1500, null, s.id);
    if (escalatedAt) event('escalated', false, 'no response at half the SLA', escalatedAt, 'system');
    if (breachedAt) event('breached', false, `reassigned to ${assignee}`, breachedAt, 'system');
    if (firstAt !== null) {
      event('assigned', false, assignee, firstAt - 60_000, staffId);
      event('status', true, 'acknowledged', firstAt, staffId);
      event('message', true, fill(MESSAGES[s.lang][0], { n: first }), firstAt, staffId);
    }
    if (planAt !== null) {
      event('status', true, 'in_progress', planAt, staffId);
      if (chance(0.5)) event('note', false, pick(NOTES), planAt + HOUR, staffId);
    }
    if (promisedAt !== null) event('promised', true, new Date(promisedAt).toISOString(), planAt, staffId);
    if (pausedAt !== null) {
      event('message', true, fill(MESSAGES[s.lang][1], { n: first }), pausedAt, staffId);
      event('status', true, 'awaiting_customer', pausedAt, staffId);
    }
    if (resolvedAt !== null) {
      event('message', true, fill(MESSAGES[s.lang][2], { n: first }), resolvedAt - HOUR, staffId);
      event('status', true, 'resolved', resolvedAt, staffId);
    }
    if (reratedAt !== null) {
      event('rerated', true, String(rerating), reratedAt, 'customer');
      event('status', true, status, reratedAt, 'system');
    }
    if (closedAt !== null) event('status', true, 'closed', closedAt, staffId);
  }

  const statements = [...tables].flatMap(([table, rows]) => insertRows(table, rows));
  for (const [subject, s] of summaries) {
    statements.push({
      sql: `INSERT INTO rating_summaries (site_id, subject, count, total, s1, s2, s3, s4, s5, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (site_id, subject) DO UPDATE SET count = count + excluded.count, total = total + excluded.total,
              s1 = s1 + excluded.s1, s2 = s2 + excluded.s2, s3 = s3 + excluded.s3, s4 = s4 + excluded.s4, s5 = s5 + excluded.s5,
              updated_at = excluded.updated_at`,
      params: [siteId, subject, s.count, s.total, ...s.s, nowMs],
    });
  }
  // Public reads are cached per content version: a new version makes the seeded reviews show at once.
  statements.push({ sql: 'UPDATE sites SET content_version = content_version + 1 WHERE id = ?1', params: [siteId] });
  statements.push({
    sql: "INSERT INTO audit_log (site_id, actor, action, target, after, created_at) VALUES (?1, 'system', ?2, NULL, ?3, ?4)",
    params: [siteId, SEEDED_ACTION, JSON.stringify({ submissions: submissions.length, cases: unhappy.length, seed }), nowMs],
  });

  return {
    statements,
    counts: {
      submissions: submissions.length,
      reviews: submissions.filter((s) => s.kind === 'review').length,
      cases: unhappy.length,
      statuses: Object.fromEntries([...new Set(caseStatuses)].map((st) => [st, caseStatuses.filter((x) => x === st).length])),
    },
  };
}
