/**
 * @summary The moderation page: asks for a staff token until there is a session, then shows the
 * views (queue, cases, dashboard, settings, audit, data) chosen from the URL hash.
 *
 * The page language follows `?lang=`, then the last choice (kept in localStorage, which holds
 * nothing personal), then the browser; it sets `lang` and `dir` on the document so the whole
 * page, not only this element, reads in the right direction.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { StaffSession } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { ApiError, request, send } from '../../lib/api.ts';
import { parseRoute, routeHash, VIEWS, type Route } from '../../lib/route.ts';
import { messages, pickLang } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { styles } from './rb-admin-app.styles.ts';
import '../rb-admin-login/rb-admin-login.ts';
import '../rb-admin-queue/rb-admin-queue.ts';
import '../rb-admin-detail/rb-admin-detail.ts';
import '../rb-admin-cases/rb-admin-cases.ts';
import '../rb-admin-case/rb-admin-case.ts';
import '../rb-admin-dashboard/rb-admin-dashboard.ts';
import '../rb-admin-settings/rb-admin-settings.ts';
import '../rb-admin-audit/rb-admin-audit.ts';
import '../rb-admin-emails/rb-admin-emails.ts';
import '../rb-admin-data/rb-admin-data.ts';
import '../rb-admin-products/rb-admin-products.ts';
import '../rb-admin-imports/rb-admin-imports.ts';
import '../rb-admin-install/rb-admin-install.ts';

const LANG_KEY = 'rb-admin-lang';
/**
 * Set while this browser holds a session. The cookie is HttpOnly, so the page cannot see it;
 * without this hint every first visit would ask the server and log a 401 to the console. It
 * says only "probably logged in", nothing secret: the server still decides.
 */
const SIGNED_IN_KEY = 'rb-admin-signed-in';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be off; the choice then lasts for this page only.
  }
}

export class RbAdminApp extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    lang: { type: String, reflect: true },
    session: { state: true },
    checking: { state: true },
    route: { state: true },
  };

  declare lang: Lang;
  declare session: StaffSession | null;
  declare checking: boolean;
  declare route: Route;

  constructor() {
    super();
    this.lang = pickLang(location.search, stored(LANG_KEY), navigator.languages);
    this.session = null;
    this.checking = true;
    this.route = parseRoute(location.hash);
  }

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('lang')) {
      const m = messages(this.lang);
      document.documentElement.lang = this.lang;
      document.documentElement.dir = m.dir;
      document.title = m.appName;
    }
  }

  private async checkSession(): Promise<void> {
    if (!stored(SIGNED_IN_KEY)) {
      this.checking = false;
      return;
    }
    try {
      this.session = await request(StaffSession, '/v1/admin/session');
    } catch (err) {
      // 401 simply means "not logged in yet"; anything else is shown on the log-in form.
      if (!(err instanceof ApiError && err.status === 401)) console.warn(err);
      this.signedOut();
    } finally {
      this.checking = false;
    }
  }

  private setLang(event: Event) {
    const value = event.target instanceof HTMLSelectElement ? event.target.value : '';
    if (value !== 'en' && value !== 'fa') return;
    this.lang = value;
    store(LANG_KEY, value);
  }

  private async logOut() {
    try {
      await send('/v1/admin/session', { method: 'DELETE' });
    } catch (err) {
      console.warn(err);
    }
    this.signedOut();
  }

  private signedIn(session: StaffSession) {
    this.session = session;
    store(SIGNED_IN_KEY, '1');
  }

  private signedOut() {
    this.session = null;
    store(SIGNED_IN_KEY, null);
  }

  /** Any view reports a 401 this way: the session expired, so the log-in form comes back. */
  private onUnauthorised = () => {
    this.signedOut();
  };

  private navigate(route: Route) {
    location.hash = routeHash(route);
  }

  override render() {
    const m = messages(this.lang);
    const langPicker = html`<label class="lang"
      ><span class="visually-hidden">${m.language}</span>
      <select @change=${this.setLang} aria-label=${m.language}>
        <option value="en" ?selected=${this.lang === 'en'} lang="en">English</option>
        <option value="fa" ?selected=${this.lang === 'fa'} lang="fa">فارسی</option>
      </select></label
    >`;
    if (this.checking) return html`<p class="pad" role="status">${m.loading}</p>`;
    if (!this.session) {
      return html`<main class="pad">
        <div class="row end">${langPicker}</div>
        <rb-admin-login .lang=${this.lang} @rb-login=${(e: CustomEvent<StaffSession>) => this.signedIn(e.detail)}></rb-admin-login>
      </main>`;
    }
    const { view, id } = this.route;
    return html`
      <header class="bar">
        <strong class="brand">${m.appName}</strong>
        <nav aria-label=${m.nav.label}>
          <ul>
            ${VIEWS.map(
              (v) => html`<li><a href=${routeHash({ view: v, id: null })} aria-current=${v === view ? 'page' : 'false'}>${m.nav[v]}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="row who">
          <span class="muted"><bdi>${m.login.signedInAs(this.session.staff.name, this.session.site.name)}</bdi></span>
          ${langPicker}
          <button type="button" @click=${this.logOut}>${m.login.logout}</button>
        </div>
      </header>
      <main class="pad" @rb-unauthorised=${this.onUnauthorised} @rb-navigate=${(e: CustomEvent<Route>) => this.navigate(e.detail)}>
        ${this.renderView(view, id)}
      </main>
    `;
  }

  private renderView(view: Route['view'], id: string | null) {
    const session = this.session;
    if (!session) return nothing;
    switch (view) {
      case 'queue':
        // The queue stays alive (hidden) while an item is open, so going back keeps its
        // filters, search and cursor.
        return html`<rb-admin-queue .lang=${this.lang} ?hidden=${id !== null}></rb-admin-queue>
          ${id ? html`<rb-admin-detail .lang=${this.lang} .itemId=${id}></rb-admin-detail>` : nothing}`;
      case 'cases':
        return id
          ? html`<rb-admin-case .lang=${this.lang} .caseId=${id} .staff=${session.staff}></rb-admin-case>`
          : html`<rb-admin-cases .lang=${this.lang} .staff=${session.staff}></rb-admin-cases>`;
      case 'dashboard':
        return html`<rb-admin-dashboard .lang=${this.lang}></rb-admin-dashboard>`;
      case 'settings':
        return html`<rb-admin-settings .lang=${this.lang}></rb-admin-settings>`;
      case 'audit':
        return html`<rb-admin-audit .lang=${this.lang}></rb-admin-audit>`;
      case 'emails':
        return html`<rb-admin-emails .lang=${this.lang}></rb-admin-emails>`;
      case 'data':
        return html`<rb-admin-data .lang=${this.lang}></rb-admin-data>`;
      case 'products':
        return html`<rb-admin-products .lang=${this.lang}></rb-admin-products>`;
      case 'imports':
        return html`<rb-admin-imports .lang=${this.lang}></rb-admin-imports>`;
      case 'install':
        return html`<rb-admin-install .lang=${this.lang}></rb-admin-install>`;
    }
  }
}

if (!customElements.get('rb-admin-app')) customElements.define('rb-admin-app', RbAdminApp);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-app': RbAdminApp;
  }
}
