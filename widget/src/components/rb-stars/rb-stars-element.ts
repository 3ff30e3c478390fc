/**
 * @summary `<rb-stars subject="sku-1">`: a read-only star badge for listing pages. Every badge
 * on the page is filled by one batched request (`GET /v1/sites/{site}/ratings?subjects=...`,
 * 50 subjects per request), sent once the page has been parsed; badges added later (a
 * single-page app) are batched the same way, and a subject already fetched is not asked again.
 *
 * Plain DOM, no Lit: `stars.js` is its own tiny module. It writes no markup strings (Trusted
 * Types pages allow it) and no inline styles (its sheet is adopted, so a strict CSP allows it).
 * Its box has one size from the first frame, with or without data, so nothing on the page moves;
 * reserve the same before the script runs: `rb-stars { display: inline-block; inline-size: 8em;
 * block-size: 1.25em; }`.
 *
 * @attr subject - The product whose rating to show.
 * @attr site - The site key; defaults to the script's `data-site`.
 * @attr lang - `en` or `fa`; defaults to the nearest `lang` on the page.
 * @csspart base - The badge, announced as one image ("4.6 out of 5, 128 reviews").
 * @csspart stars - The row of five stars.
 * @csspart count - The visible number of reviews.
 * @cssproperty --rb-star - The colour of a filled star.
 * @cssproperty --rb-star-off - The colour of an empty star.
 */
import { BADGE_STRINGS, badgeLabel, badgeLang, badgeNumber, batches, type BadgeRating } from './rb-stars-label.ts';

export const badgeConfig = { base: '', site: '' };

const PER_REQUEST = 50;
const CSS = `:host{display:inline-block;inline-size:8em;block-size:1.25em;line-height:1.25em;white-space:nowrap;overflow:hidden}
:host([hidden]){display:none}
[part=stars]{position:relative;display:inline-block;color:var(--rb-star-off,#c9c9c9)}
.on{position:absolute;inset-block-start:0;inset-inline-start:0;inline-size:0;overflow:hidden;color:var(--rb-star,#b45309)}
[part=count]{margin-inline-start:.3em;font-size:.85em;opacity:.8}
@media (forced-colors:active){[part=stars]{color:GrayText}.on{color:CanvasText}}`;

let sheet: CSSStyleSheet | null = null;
const known = new Map<string, BadgeRating | 'failed'>();
const waiting = new Set<RbStars>();
let scheduled = false;

const keyOf = (site: string, subject: string) => `${site}\n${subject}`;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    void flush();
  };
  // Badges parsed after the script ran still join the first request: wait for the whole page.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else setTimeout(run, 0);
}

async function fetchBatch(site: string, subjects: string[]): Promise<void> {
  try {
    const url = `${badgeConfig.base}/v1/sites/${encodeURIComponent(site)}/ratings?subjects=${subjects.map(encodeURIComponent).join(',')}`;
    const res = await fetch(url, { credentials: 'omit' });
    if (!res.ok) throw new Error(`ratings: ${res.status}`);
    const body: unknown = await res.json();
    const ratings = (body as { ratings?: Record<string, BadgeRating> }).ratings ?? {};
    for (const s of subjects) {
      const r = ratings[s];
      known.set(keyOf(site, s), r && typeof r.count === 'number' ? { count: r.count, average: typeof r.average === 'number' ? r.average : null } : 'failed');
    }
  } catch {
    for (const s of subjects) known.set(keyOf(site, s), 'failed');
  }
}

async function flush(): Promise<void> {
  const elements = [...waiting];
  waiting.clear();
  const bySite = new Map<string, string[]>();
  for (const el of elements) {
    const { site, subject } = el.target();
    if (!site || !subject || known.has(keyOf(site, subject))) continue;
    bySite.set(site, [...(bySite.get(site) ?? []), subject]);
  }
  const requests: Promise<void>[] = [];
  for (const [site, subjects] of bySite) for (const batch of batches(subjects, PER_REQUEST)) requests.push(fetchBatch(site, batch));
  await Promise.all(requests);
  for (const el of elements) el.update();
}

export class RbStars extends HTMLElement {
  static observedAttributes = ['subject', 'site', 'lang'];
  readonly #root: ShadowRoot;
  readonly #base: HTMLSpanElement;
  readonly #on: HTMLSpanElement;
  readonly #count: HTMLSpanElement;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    this.#root.adoptedStyleSheets = [sheet];
    const span = (part?: string) => {
      const s = document.createElement('span');
      if (part) s.setAttribute('part', part);
      return s;
    };
    this.#base = span('base');
    this.#base.setAttribute('role', 'img');
    const stars = span('stars');
    stars.setAttribute('aria-hidden', 'true');
    this.#on = span();
    this.#on.className = 'on';
    this.#on.textContent = '★★★★★';
    stars.append('★★★★★', this.#on);
    this.#count = span('count');
    this.#count.setAttribute('aria-hidden', 'true');
    this.#base.append(stars, this.#count);
    this.#root.append(this.#base);
  }

  /** The site and subject this badge shows. */
  target(): { site: string; subject: string } {
    return { site: this.getAttribute('site') || badgeConfig.site, subject: (this.getAttribute('subject') ?? '').trim() };
  }

  connectedCallback(): void {
    this.update();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.update();
  }

  /** Shows what is known for this badge, or queues it for the next batched request. */
  update(): void {
    const lang = badgeLang(this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
    const { site, subject } = this.target();
    const rating = known.get(keyOf(site, subject));
    if (rating === undefined) {
      this.#show(BADGE_STRINGS[lang].loading, 0, '');
      if (site && subject) {
        waiting.add(this);
        schedule();
      }
    } else if (rating === 'failed') {
      this.#show(BADGE_STRINGS[lang].unavailable, 0, '');
    } else {
      const share = rating.average === null ? 0 : Math.max(0, Math.min(1, rating.average / 5));
      this.#show(badgeLabel(rating, lang), share, `(${badgeNumber(rating.count, lang)})`);
    }
  }

  #show(label: string, share: number, count: string): void {
    this.#base.setAttribute('aria-label', label);
    // CSSOM, not a style attribute: a page's CSP may refuse inline styles.
    this.#on.style.inlineSize = `${(share * 100).toFixed(1)}%`;
    this.#count.textContent = count;
  }
}
