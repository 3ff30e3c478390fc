/**
 * What `<rb-feedback>` renders and does after first render, loaded lazily (on idle or on the
 * first interaction) to keep first render within budget: the sort control, "show more", the
 * tabs, re-listing, helpful votes, the offline outbox and JSON-LD.
 */
import { html, nothing } from 'lit';
import type { HelpfulVoted, PublicReview, ReviewsPage, Sort } from '../../../../shared/review.ts';
import type { Kind } from '../../../../shared/submission.ts';
import { call, type SiteRef } from '../../lib/call.ts';
import { formEn, type FormStrings } from '../../i18n/form-en.ts';
import { formFa } from '../../i18n/form-fa.ts';
import { RbHelpfulEvent, RbSubmittedEvent } from '../../lib/events.ts';
import { fill, formatNumber } from '../../../../shared/format.ts';
import { listQuery, withHelpful, withPage, type ListState } from '../../lib/paging.ts';
import { storageKey } from '../../lib/outbox-key.ts';
import { jsonLdText, productJsonLd } from '../../lib/seo.ts';
import type { RbFeedback } from './rb-feedback.ts';
import { laterStyles } from './rb-feedback.later.styles.ts';
import { orderToken } from '../../lib/order-token.ts';
import { withPhotos } from '../../i18n/photos-filter.ts';

/** The tabs to offer: the site's enabled kinds, narrowed by the element's `kinds` attribute. */
export function offeredKinds(host: RbFeedback): Kind[] {
  const wanted = host.kinds.split(/\s+/).filter(Boolean);
  return (host.boot?.site.kinds ?? []).filter((k) => !wanted.length || wanted.includes(k));
}

/** Adds the styles of what this chunk renders to the element's shadow root (once), and shows the votes this browser already cast. */
export function adopt(host: RbFeedback) {
  const root = host.shadowRoot;
  const sheet = laterStyles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  if (host.ref) host.voted = new Set([...host.voted, ...readVotes(host.ref.site)]);
}

/** How many helpful votes a browser remembers per site (the oldest are forgotten first). */
export const VOTES_KEPT = 500;
const votesKey = (site: string) => `rebound:helpful:${site}`;

/**
 * The reviews this browser marked helpful on a site, kept in `localStorage` (review ids only,
 * nothing personal) so the pressed state survives a reload. Storage may be off or full: then
 * votes are remembered for the page's life only.
 */
export function readVotes(site: string): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(votesKey(site)) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberVote(site: string, id: string) {
  try {
    localStorage.setItem(votesKey(site), JSON.stringify([...readVotes(site).filter((v) => v !== id), id].slice(-VOTES_KEPT)));
  } catch {
    // Private mode or a full storage: the vote still counts, only the memory of it is lost.
  }
}

/** Idle after first paint: deliver a leftover outbox, write JSON-LD, get the forms ready. */
export async function idle(host: RbFeedback) {
  if (host.ref && hasOutbox(host.ref.site)) void flushOutbox(host, true);
  if (host.seo !== null) writeJsonLd(host);
  loadPhotos(host);
  // Arriving from a follow-up invitation's review link: the review form is what they came for.
  // Reading the token also takes it out of the address bar.
  if (orderToken() && !host.tab && offeredKinds(host).includes('review')) host.tab = 'review';
  await loadForms(host);
}

/** The thumbnails and lightbox: their own chunk, fetched only once a review with photos is listed. */
function loadPhotos(host: RbFeedback) {
  if (host.list?.items.some((r) => r.photos?.length)) void import('../rb-photos/rb-photos.ts');
}

export async function loadForms(host: RbFeedback) {
  await import('../rb-form/rb-form.ts');
  host.formReady = true;
}

/** A new sort or filter starts from the first page; `more` appends the next one. */
export async function relist(host: RbFeedback, change: Partial<Pick<ListState, 'sort' | 'stars' | 'photos'>>, more = false) {
  if (!host.list || !host.ref) return;
  const next = { ...host.list, ...change };
  host.listBusy = true;
  try {
    const page = await call<ReviewsPage>(host.ref, `/reviews?${listQuery(host.subject, next, more)}`);
    host.list = withPage(next, page, more);
    host.now = Date.now();
    // A sort or filter the shopper chose whose result is one page: show all of it, so a single
    // review with its reply is never cut (the frame grows, if at all, on the shopper's input).
    if (!more && !page.nextCursor) host.open = true;
    loadPhotos(host);
  } catch {
    host.notice = host.strings.loadFailed;
  } finally {
    host.listBusy = false;
  }
}

/** Marks a review helpful once per browser; pressed again (also after a reload), says the vote was already counted. */
export async function helpful(host: RbFeedback, id: string) {
  const ref = host.ref;
  if (!ref) return;
  const s = strings(host);
  if (host.voted.has(id)) return say(host, s.votedBefore);
  host.voted = new Set([...host.voted, id]);
  rememberVote(ref.site, id);
  host.dispatchEvent(new RbHelpfulEvent(id));
  try {
    const vote = await call<HelpfulVoted>(ref, `/reviews/${encodeURIComponent(id)}/helpful`, { method: 'POST' });
    if (host.list) host.list = withHelpful(host.list, vote.id, vote.helpful);
    // The server counts one vote per shopper: one cast from another tab or before storage was cleared.
    await say(host, vote.counted ? s.voted : s.votedBefore);
  } catch {
    // A vote is a courtesy: failing quietly beats an error message about a button.
  }
}

/** Puts a message in the status line, emptied first so a screen reader announces it again when it repeats. */
async function say(host: RbFeedback, text: string) {
  host.notice = '';
  await host.updateComplete;
  host.notice = text;
}

/**
 * The "Write a review" button first in the summary (so writing is one Tab away from the
 * widget's start, whatever the list holds), or "Be the first to review" where there are no
 * reviews yet: opens the review tab and takes focus to it. Nothing when reviews are not offered.
 */
export function cta(host: RbFeedback, first = false) {
  if (!offeredKinds(host).includes('review')) return nothing;
  const s = strings(host);
  return html`<button part="cta" class="cta-button" type="button" @click=${() => openTab(host, 'review', true)}>${first ? s.beFirst : s.tab_review}</button>`;
}

export async function openTab(host: RbFeedback, kind: Kind, focus = false) {
  host.tab = kind;
  if (focus) {
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>(`#tab-${kind}`)?.focus();
  }
  await loadForms(host);
}

/** Arrow keys move between tabs in reading order (mirrored in right-to-left), Home and End jump. */
export function tabKey(host: RbFeedback, key: string) {
  const kinds = offeredKinds(host);
  const current = Math.max(0, kinds.indexOf(host.tab ?? kinds[0] ?? 'review'));
  const rtl = host.shownLang === 'fa';
  const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
  const next = key === 'Home' ? 0 : key === 'End' ? kinds.length - 1 : key in step ? current + (step[key] ?? 0) : null;
  const kind = next === null ? undefined : kinds[(next + kinds.length) % kinds.length];
  if (kind) void openTab(host, kind, true);
}

/** On `online` or a queued submission: send what the outbox holds, if it holds anything. */
export function wake(host: RbFeedback, online: boolean) {
  if (host.ref && hasOutbox(host.ref.site)) void flushOutbox(host, online);
}

function hasOutbox(site: string): boolean {
  try {
    return Boolean(localStorage.getItem(storageKey(site)));
  } catch {
    return false;
  }
}

/** Sends what the outbox holds (`all`: whatever its backoff says) and schedules the next retry. */
export async function flushOutbox(host: RbFeedback, all = false) {
  if (host.flushing || !host.ref) return;
  host.flushing = true;
  clearTimeout(host.retryTimer);
  try {
    // Delivery brings zod along: loaded only when there is something to deliver.
    const { flushSite } = await import('../../lib/deliver.ts');
    const { outcomes, nextAt, challenged } = await flushSite(host.ref, all, Boolean(host.boot?.site.turnstileSiteKey));
    for (const o of outcomes) {
      if (o.result !== 'delivered') continue;
      host.notice = strings(host).outboxSent;
      host.dispatchEvent(new RbSubmittedEvent(o.created?.kind ?? 'review', o.created?.id ?? null, o.created?.case?.ref ?? null));
    }
    // Its token expired: an open form gets a fresh one for it (rb-form), so ask for one to be opened.
    if (challenged && !host.tab) host.notice = strings(host).outboxChallenge;
    if (nextAt !== null && host.isConnected) host.retryTimer = setTimeout(() => void flushOutbox(host), Math.max(0, nextAt - Date.now()));
  } finally {
    host.flushing = false;
  }
}

function writeJsonLd(host: RbFeedback) {
  const boot = host.boot;
  if (!boot) return;
  const data = productJsonLd(host.subject, host.seo, boot.summary, boot.reviews.items, boot.product ?? null);
  if (!data) return;
  let script = host.querySelector<HTMLScriptElement>('script[data-rb-seo]');
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.rbSeo = '';
    host.append(script);
  }
  const text = jsonLdText(data);
  const policy = seoPolicy();
  if (policy === undefined) script.textContent = text;
  // TypeScript's DOM types predate Trusted Types: `text` accepts a TrustedScript at run time.
  else if (policy) script.text = policy.createScript(text) as unknown as string;
  else script.remove();
}

interface ScriptPolicy {
  createScript(input: string): unknown;
}

let policy: ScriptPolicy | null | undefined;

/**
 * Where the browser has Trusted Types, a script's text must come from a policy even for data
 * like JSON-LD, so the `seo` option brings its own policy, `rebound-seo` (it only passes our
 * escaped JSON through). A page enforcing Trusted Types lists it in its `trusted-types`
 * directive to get JSON-LD; if it does not, there is no JSON-LD (null). Undefined: no Trusted Types.
 */
function seoPolicy(): ScriptPolicy | null | undefined {
  const factory = (window as { trustedTypes?: { createPolicy(name: string, rules: { createScript(s: string): string }): ScriptPolicy } }).trustedTypes;
  if (!factory) return undefined;
  if (policy === undefined) {
    try {
      policy = factory.createPolicy('rebound-seo', { createScript: (s) => s });
    } catch {
      policy = null;
    }
  }
  return policy;
}

const SORTS: readonly Sort[] = ['newest', 'oldest', 'highest', 'lowest', 'helpful'];

/** The strings of everything after first render, in the shown language, with the merchant's overrides. */
export function strings(host: RbFeedback): FormStrings {
  const lang = host.shownLang;
  return { ...(lang === 'fa' ? formFa : formEn), ...host.boot?.site.strings[lang] };
}

/**
 * The customer's own update after support, under their review: shown as such, with the stars
 * before and after, and only because they chose to publish it.
 * @csspart update - The update under a review.
 */
export function update(host: RbFeedback, r: PublicReview) {
  if (!r.update) return nothing;
  const s = strings(host);
  const n = (v: number) => formatNumber(v, host.shownLang);
  return html`<p part="update" class="update">
    <strong>${fill(s.updatedAfterSupport, { from: n(r.update.from), to: n(r.update.rating) })}</strong>
    ${r.update.body ? html`<bdi>${r.update.body}</bdi>` : nothing}
  </p>`;
}

export function controls(host: RbFeedback, list: ListState) {
  if (!host.boot?.summary.count) return nothing;
  const s = strings(host);
  const change = (e: Event) => {
    const sort = SORTS.find((v) => e.target instanceof HTMLSelectElement && v === e.target.value);
    if (sort) void relist(host, { sort });
  };
  return html`<label
      >${s.sortBy}<select @change=${change}>
        ${SORTS.map((v) => html`<option value=${v} ?selected=${list.sort === v}>${s[`sort_${v}`]}</option>`)}
      </select></label
    >
    <button type="button" part="photos-filter" class="photos-filter" aria-pressed=${list.photos ? 'true' : 'false'} @click=${() => void relist(host, { photos: !list.photos })}>
      ${host.boot?.site.strings[host.shownLang]?.withPhotos ?? withPhotos[host.shownLang]}
    </button>`;
}

/** Whether the frame hides part of the reviews it holds (measured on the last render). */
function clipped(host: RbFeedback): boolean {
  const list = host.renderRoot.querySelector('.list');
  return !host.open && Boolean(list && list.scrollHeight > list.clientHeight + 1);
}

const watchers = new WeakMap<RbFeedback, { io: IntersectionObserver; el?: Element | null }>();

/**
 * Opens the frame to the whole first page while that moves nothing the shopper can see: when
 * the first row after the list ("show more"; the notice and the tabs follow it) is below the
 * viewport, growing moves only what is below the viewport too, which is no layout shift. On
 * screen, or above it (scrolled past, where growing would push the visible page down unless
 * the browser's scroll anchoring made up for it), the frame keeps its height. Checked again
 * when the row enters or leaves the viewport, and after every render.
 */
function watch(host: RbFeedback) {
  let w = watchers.get(host);
  if (!w) watchers.set(host, (w = { io: new IntersectionObserver(() => grow(host)) }));
  const el = host.renderRoot.querySelector('.more');
  if (el !== w.el) {
    w.io.disconnect();
    if (el) w.io.observe(el);
    w.el = el;
  }
  grow(host);
}

function grow(host: RbFeedback) {
  const el = host.renderRoot.querySelector('.more');
  // Read now, not from the observer's entry: the page may have scrolled since it was queued.
  // The larger of the two viewport heights (with or without a horizontal scrollbar) is the safe side.
  const fold = Math.max(innerHeight, document.documentElement.clientHeight);
  if (el?.isConnected && clipped(host) && el.getBoundingClientRect().top >= fold) host.open = true;
}

/**
 * "Show more" opens the frame to the reviews' full height and, when the server has more,
 * fetches the next page. It is offered while the frame hides reviews or more pages exist.
 */
export function more(host: RbFeedback, list: ListState) {
  if (!host.boot?.summary.count) return nothing;
  const s = strings(host);
  if (!list.items.length) return html`<p class="muted">${s.noMatch}</p>`;
  const hidden = clipped(host);
  // The list drawn by this render may hide more or less than the last one: look again after it.
  void host.updateComplete.then(() => (watch(host), clipped(host) !== hidden && host.requestUpdate()));
  if (!hidden && !list.cursor) return nothing;
  const open = () => {
    host.open = true;
    if (list.cursor) void relist(host, {}, true);
  };
  return html`<button part="more" type="button" ?disabled=${host.listBusy} @click=${open}>${s.more}</button>`;
}

export function tabs(host: RbFeedback) {
  const s = strings(host);
  const active = host.tab;
  const onKey = (e: KeyboardEvent) => {
    if (!/^(Arrow(Left|Right)|Home|End)$/.test(e.key)) return;
    e.preventDefault();
    tabKey(host, e.key);
  };
  return html`<div part="tabs" role="tablist" aria-label=${s.share} @keydown=${onKey}>
    ${offeredKinds(host).map(
      (k, i) =>
        html`<button
          part="tab"
          role="tab"
          type="button"
          id="tab-${k}"
          aria-selected=${active === k ? 'true' : 'false'}
          aria-controls=${active === k ? 'panel' : nothing}
          tabindex=${active === k || (!active && i === 0) ? 0 : -1}
          @click=${() => openTab(host, k)}
        >
          ${s[`tab_${k}`]}
        </button>`,
    )}
  </div>`;
}

/** The open tab's form, below the frame: it grows the widget only when the shopper opens a tab. */
export function panel(host: RbFeedback) {
  const active = host.tab;
  if (!active) return nothing;
  const s = strings(host);
  const lang = host.shownLang;
  return html`<div part="panel" role="tabpanel" id="panel" aria-labelledby="tab-${active}">
    ${host.formReady
      ? html`<rb-form .api=${host.ref} .kind=${active} .subject=${host.subject} .language=${lang} .overrides=${host.boot?.site.strings[lang] ?? {}}
          .sitekey=${host.boot?.site.turnstileSiteKey ?? null}
          .resent=${() => (host.notice = strings(host).outboxSent)}
        ></rb-form>`
      : html`<p class="muted" role="status">${s.formLoading}</p>`}
  </div>`;
}

/**
 * Tells the merchant, in the browser console, why the reviews did not load when the answer
 * says so: this page's origin is not registered for the site (with the exact line that adds
 * it), or the site key is wrong. Shoppers only see the neutral message.
 */
export async function explain(ref: SiteRef, err: unknown) {
  if (!(err instanceof Response)) return;
  const type = ((await err.json().catch(() => null)) as { type?: unknown } | null)?.type;
  const origin = location.origin;
  if (type === 'urn:rebound:problem:origin-not-allowed') {
    console.error(
      `Rebound: this page's origin ${origin} is not allowed for site ${ref.site}, so the reviews cannot load here.\n` +
        `Add it with:  npm run site -- origins add --site ${ref.site} --origin ${origin}\n` +
        `or in the Rebound console: Install → Allowed origins.`,
    );
  } else if (type === 'urn:rebound:problem:site-not-found') {
    console.error(`Rebound: there is no site with the key "${ref.site}" at ${ref.base}. Check data-site on the script tag (or the site attribute of <rb-feedback>).`);
  }
}
