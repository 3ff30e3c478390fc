import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { WidgetBootstrap } from '../../../../shared/site.ts';
import type { Kind, Lang } from '../../../../shared/submission.ts';
import { en, type ReadStrings } from '../../i18n/en.ts';
import { fa } from '../../i18n/fa.ts';
import { call, type SiteRef } from '../../lib/call.ts';
import { config } from '../../lib/config.ts';
import { formatDate, formatNumber, formatRelative } from '../../../../shared/format.ts';
import { pickLang } from '../../lib/lang.ts';
import type { ListState } from '../../lib/paging.ts';
import { reviewList } from '../rb-review-list/rb-review-list.ts';
import { styles as listStyles } from '../rb-review-list/rb-review-list.styles.ts';
import { summary } from '../rb-summary/rb-summary.ts';
import { styles as summaryStyles } from '../rb-summary/rb-summary.styles.ts';
import { shared } from '../shared.styles.ts';
import { styles } from './rb-feedback.styles.ts';

/** Everything that happens after first render lives in a lazy chunk (first-render budget). */
const load = () => import('./rb-feedback.actions.ts');
type Later = Awaited<ReturnType<typeof load>>;

/**
 * @summary Reviews, complaints and stories for one product or page: the summary, the published
 * reviews, and tabs with the forms (loaded on demand).
 * @event rb-submitted - A submission reached the server (`kind`, `id`, `caseRef`); no personal data.
 * @event rb-queued - A submission is saved offline and will be sent when the shopper is back online.
 * @event rb-error - A submission was refused (`status`, `codes`).
 * @event rb-helpful - The shopper marked a review helpful (`reviewId`).
 * @csspart base - The whole widget. @csspart frame - Everything but the form panel: a fixed
 * height until the shopper asks for more. @csspart controls - The sort and filter row.
 * @csspart more - The "show more" button. @csspart tabs - The tab list. @csspart tab - One tab.
 * @csspart panel - The form panel.
 * @cssproperty --rb-brand - Accent colour (default: the site's brand colour).
 * @cssproperty --rb-radius - Corner radius. @cssproperty --rb-space - Spacing unit.
 * @cssproperty --rb-block-size - The frame's height before the shopper asks for more (40em).
 */
export class RbFeedback extends LitElement {
  static override properties = {
    site: {},
    subject: {},
    language: { attribute: 'lang' },
    kinds: {},
    theme: {},
    seo: {},
    boot: { state: true },
    failed: { state: true },
    list: { state: true },
    listBusy: { state: true },
    tab: { state: true },
    formReady: { state: true },
    notice: { state: true },
    voted: { state: true },
    later: { state: true },
    open: { state: true },
  };

  static override styles = [shared, summaryStyles, listStyles, styles];

  /** The site's public key; defaults to the script tag's `data-site`. */
  site = '';
  /** The product or page id; empty means the whole site. */
  subject = '';
  /** `en` or `fa`; defaults to the nearest `lang` attribute, then the site's default. */
  language = '';
  /** Which tabs to offer, space-separated: `review complaint story` (default: the site's). */
  kinds = '';
  /** `auto`, `light` or `dark` (default: the site's). */
  theme = '';
  /** When present, JSON-LD for the product goes into the light DOM; its value names the product. */
  seo: string | null = null;

  // Internal state, shared with rb-feedback.actions.ts (not part of the public API).
  /** @internal */ boot: WidgetBootstrap | null = null;
  /** @internal */ failed = false;
  /** @internal */ list: ListState | null = null;
  /** @internal */ listBusy = false;
  /** @internal */ tab: Kind | null = null;
  /** @internal */ formReady = false;
  /** @internal */ notice = '';
  /** @internal */ voted: ReadonlySet<string> = new Set();
  /** @internal The lazy chunk, once loaded: renders the controls, tabs and forms. */ later: Later | null = null;
  /** @internal The shopper asked for more: the frame takes the reviews' own height. */ open = false;
  /** @internal */ ref: SiteRef | null = null;
  /** @internal */ now = 0;
  /** @internal */ retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** @internal */ flushing = false;
  private abort: AbortController | null = null;

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('online', this.wake);
    this.addEventListener('rb-queued', this.wake);
    // Moved elsewhere in the page: pick up where it was interrupted.
    if (this.hasUpdated && !this.boot) void this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('online', this.wake);
    this.removeEventListener('rb-queued', this.wake);
    clearTimeout(this.retryTimer);
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!this.hasUpdated || changed.has('site') || changed.has('subject')) void this.load();
  }

  /** @internal */
  async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const ref = (this.ref = { base: config.base, site: this.site || config.site });
    this.failed = !ref.site;
    this.boot = null;
    // Another product (a single-page app changed `subject`): back to the frame's fixed height.
    this.open = false;
    if (this.failed) return;
    // Before the bootstrap this is the element's or the page's language (else English).
    const lang = this.shownLang;
    const q = new URLSearchParams({ subject: this.subject, lang });
    // The first Intl formatters of a page load ICU's locale data (~25 ms): let that happen in
    // tasks of their own while the request is in flight, not in the task that renders the reviews.
    setTimeout(() => formatNumber(1, lang));
    setTimeout(() => formatRelative('', lang, 0));
    setTimeout(() => formatDate('2000', lang));
    try {
      const boot = await call<WidgetBootstrap>(ref, `/widget?${q}`, { signal: abort.signal });
      this.now = Date.now();
      this.boot = boot;
      this.list = { sort: 'newest', stars: null, items: boot.reviews.items, cursor: boot.reviews.nextCursor };
      // The outbox, the forms and JSON-LD wait until the page is idle after first paint.
      const later = () => void this.actions().then((a) => a.idle(this));
      if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 3000 });
      else setTimeout(later, 300);
    } catch (e) {
      // The shopper sees a neutral message; when the API said why, the lazy chunk tells the
      // merchant in the browser console (it ignores a network failure).
      if (!abort.signal.aborted) (this.failed = true), void load().then((a) => a.explain(ref, e));
    }
  }

  /** The lazy chunk; once it is here, the controls, tabs and forms render from it. */
  private async actions(): Promise<Later> {
    if (!this.later) {
      const later = await load();
      later.adopt(this);
      this.later = later;
    }
    return this.later;
  }

  /** On `online`, on a queued submission and after a reload: send what the outbox holds (and, back online, load the reviews that could not load). */
  private wake = (e: Event) => {
    if (this.failed && e.type === 'online') void this.load();
    // The lazy chunk (loaded at idle in any case) looks for an outbox and sends it.
    void this.actions().then((a) => a.wake(this, e.type === 'online'));
  };

  /** @internal */
  get shownLang(): Lang {
    const site = this.boot?.site;
    return pickLang([this.language, this.closest('[lang]')?.getAttribute('lang')], site?.locales ?? ['en', 'fa'], site?.defaultLang ?? 'en');
  }

  /** @internal The strings of the shown language with the merchant's overrides. */
  get strings(): ReadStrings {
    const lang = this.shownLang;
    return { ...(lang === 'fa' ? fa : en), ...this.boot?.site.strings[lang] };
  }

  override render() {
    const lang = this.shownLang;
    const s = this.strings;
    const site = this.boot?.site;
    const theme = ['auto', 'light', 'dark'].includes(this.theme) ? this.theme : (site?.theme ?? 'auto');
    // The frame has the same height whatever it holds (loading, an error, no reviews or many) until
    // the shopper asks for more, so nothing on the page moves when the data arrives.
    return html`<section part="base" class="base ${theme}" lang=${lang} dir=${lang === 'fa' ? 'rtl' : 'ltr'} aria-label=${s.heading} .style=${site ? `--_brand:${site.brandColor}` : ''}>
      <div part="frame" class=${this.open ? 'frame open' : 'frame'}>
        ${this.failed
          ? html`<p role="alert">${s.loadFailed} <button type="button" @click=${() => this.load()}>${s.retry}</button></p>`
          : this.boot && this.list
            ? this.body(this.boot, this.list, lang, s)
            : html`<p class="muted" role="status">${s.loading}</p>`}
      </div>
      ${this.later?.panel(this)}
    </section>`;
  }

  private body(boot: WidgetBootstrap, list: ListState, lang: Lang, s: ReadStrings) {
    const later = this.later;
    // The reviews take what the frame leaves them (a notice takes its line from them); the rows
    // the lazy chunk fills (the "write a review" button, sort, "show more", tabs) hold their
    // height meanwhile, so nothing inside the widget moves either. No reviews yet: no summary of
    // nothing, but an invitation to write the first one.
    return html`${boot.summary.count
        ? html`${summary(boot.summary, s, lang, list.stars, (stars) => void this.actions().then((a) => a.relist(this, { stars })), later?.cta(this))}
            <div part="controls" class="controls">${later?.controls(this, list)}</div>
            <div class="list" aria-busy=${this.listBusy}>
              ${reviewList({
                items: list.items,
                s,
                lang,
                siteName: boot.site.name,
                voted: this.voted,
                now: this.now,
                onHelpful: (id) => void this.actions().then((a) => a.helpful(this, id)),
                more: later && ((r) => later.update(this, r)),
              })}
            </div>
            <div class="more">${later?.more(this, list)}</div>`
        : html`<div part="empty" class="list empty">
            <span class="stars" aria-hidden="true"><span class="off">★★★★★</span></span>
            <p>${s.noReviews}</p>
            <div class="cta">${later?.cta(this, true)}</div>
          </div>`}
      <p class="status" role="status">${this.notice}</p>
      <div class="tabs"><div>${later?.tabs(this)}</div></div>`;
  }
}
