/**
 * @summary The Install page (`#/install`): the exact snippet for this site and this host with a
 * Copy button, the page origins the widget may load on (add, remove), and the origins it was
 * refused on, each with an Allow button. A merchant goes from "nothing shows" to reviews on
 * their page without the command line.
 *
 * The host in the snippet is the origin this console is served from: the Worker serves the
 * console, `widget.js` and the API from one origin, so it is the one the script tag must name.
 * Origins are checked here with the worker's own rule (`checkPageOrigin`) so a typo is
 * explained at once in the page's language; the worker checks again.
 */
import { LitElement, css, html, nothing } from 'lit';
import { embedSnippet } from '../../../../shared/embed.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { checkPageOrigin, SiteOrigins, type OriginProblem } from '../../../../shared/origins.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { ApiError, request, withQuery } from '../../lib/api.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages, type Messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

/** What a section says after an action: an origin and the sentence that follows it, or an error. */
interface Said {
  origin?: string;
  text: string;
  error?: boolean;
}

type Section = 'snippet' | 'allowed' | 'refused';

/** A failed origin change in the page's language: the worker's field code or status, else its detail. */
export function originFailure(err: unknown, m: Messages, shown: Shown): string {
  if (err instanceof ApiError) {
    const code = err.errors[0]?.code;
    if (code && code in m.install.errors) return m.install.errors[code as OriginProblem];
    if (err.status === 409) return m.install.errors.last_origin;
  }
  return shown.message;
}

export class RbAdminInstall extends LitElement {
  static override styles = [
    base,
    css`
      .card h2 {
        margin-block-end: 0.25rem;
      }
      textarea.snippet {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
        min-block-size: 7.5rem;
        direction: ltr;
        text-align: left;
      }
      code {
        font-family: ui-monospace, monospace;
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.75rem;
        margin-block: 0.5rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        min-inline-size: 0;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: 1fr;
        }
      }
      ul.origins {
        list-style: none;
        padding: 0;
        margin-block: 0.5rem;
      }
      ul.origins li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding-block: 0.4rem;
        border-block-end: 1px solid var(--rb-border);
      }
      ul.origins li .what {
        flex: 1 1 14rem;
        min-inline-size: 0;
      }
      .origin {
        font-family: ui-monospace, monospace;
        font-size: 0.9rem;
      }
      form.add {
        display: grid;
        gap: 0.25rem;
        margin-block-start: 0.75rem;
      }
      form.add input {
        inline-size: min(100%, 26rem);
      }
      .when {
        display: block;
      }
      .ok {
        color: var(--rb-ok);
        font-weight: 600;
      }
      p {
        margin-block: 0.35rem;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    origins: { state: true },
    problem: { state: true },
    said: { state: true },
    fieldError: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare origins: SiteOrigins | null;
  /** A failure to load the page at all. */
  declare problem: Shown | null;
  /** The last outcome per section, shown next to the control that caused it. */
  declare said: Partial<Record<Section, Said>>;
  /** Why the typed origin was refused, shown under the field. */
  declare fieldError: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.origins = null;
    this.problem = null;
    this.said = {};
    this.fieldError = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.origins = await request(SiteOrigins, '/v1/admin/origins');
      this.problem = null;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private say(section: Section, said: Said) {
    this.said = { ...this.said, [section]: said };
  }

  private get snippet(): string {
    return this.origins ? embedSnippet(location.origin, this.origins.site) : '';
  }

  private async copy() {
    const m = messages(this.lang);
    try {
      await navigator.clipboard.writeText(this.snippet);
      this.say('snippet', { text: m.install.copied });
    } catch {
      // No clipboard permission (an embedded or insecure page): select the text for Ctrl+C.
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#snippet');
      area?.focus();
      area?.select();
      this.say('snippet', { text: m.install.copyFailed, error: true });
    }
  }

  /** Adds `origin` (from the form or an Allow button), reporting in `section`. */
  private async allow(value: string, section: 'allowed' | 'refused'): Promise<boolean> {
    const m = messages(this.lang);
    const checked = checkPageOrigin(value);
    if ('problem' in checked) {
      if (section === 'allowed') this.fieldError = m.install.errors[checked.problem];
      else this.say(section, { origin: value, text: m.install.errors[checked.problem], error: true });
      return false;
    }
    this.busy = true;
    try {
      this.origins = await request(SiteOrigins, '/v1/admin/origins', { method: 'POST', body: { origin: checked.origin } });
      this.fieldError = '';
      this.say(section, { origin: checked.origin, text: section === 'refused' ? m.install.allowedNow : m.install.added });
      return true;
    } catch (err) {
      const message = originFailure(err, m, report(this, err, m));
      if (section === 'allowed') this.fieldError = message;
      else this.say(section, { origin: checked.origin, text: message, error: true });
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async submitAdd(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const field = form.elements.namedItem('origin');
    if (!(field instanceof HTMLInputElement)) return;
    if (await this.allow(field.value, 'allowed')) field.value = '';
    else field.focus();
  }

  private async disallow(origin: string) {
    const m = messages(this.lang);
    this.busy = true;
    try {
      this.origins = await request(SiteOrigins, withQuery('/v1/admin/origins', { origin }), { method: 'DELETE' });
      this.say('allowed', { origin, text: m.install.removed });
    } catch (err) {
      this.say('allowed', { text: originFailure(err, m, report(this, err, m)), error: true });
    } finally {
      this.busy = false;
    }
  }

  private renderSaid(section: Section) {
    const said = this.said[section];
    // The live region is always there, so a screen reader hears each new outcome.
    return html`<p role="status" class=${said?.error ? 'error' : 'ok'} data-said=${section}>
      ${said?.origin ? html`<bdi dir="ltr" class="origin">${said.origin}</bdi> ` : nothing}${said?.text ?? ''}
    </p>`;
  }

  private renderSnippet(o: SiteOrigins, m: Messages) {
    const host = location.origin;
    return html`<section class="card" aria-labelledby="snippet-title">
      <h2 id="snippet-title">${m.install.snippetTitle}</h2>
      <p class="hint">${m.install.snippetHint}</p>
      <dl>
        <dt>${m.install.host}</dt>
        <dd><bdi dir="ltr" class="origin" data-host>${host}</bdi></dd>
        <dt>${m.install.siteKey}</dt>
        <dd><bdi dir="ltr" class="origin" data-site>${o.site}</bdi></dd>
      </dl>
      <label for="snippet">${m.install.snippetLabel}</label>
      <textarea id="snippet" class="snippet" readonly dir="ltr" spellcheck="false" rows="4" .value=${this.snippet}></textarea>
      <div class="row">
        <button type="button" class="primary" @click=${this.copy}>${m.install.copy}</button>
        ${this.renderSaid('snippet')}
      </div>
      <ul class="hint">
        <li>${m.install.subjectHint}</li>
        <li>${m.install.styleHint}</li>
        <li>${m.install.cliHint} <code dir="ltr">npm run site -- snippet --site ${o.site} --host ${host}</code></li>
      </ul>
    </section>`;
  }

  private renderAllowed(o: SiteOrigins, m: Messages) {
    const last = o.allowed.length <= 1;
    return html`<section class="card" aria-labelledby="allowed-title">
      <h2 id="allowed-title">${m.install.allowedTitle}</h2>
      <p class="hint">${m.install.allowedHint}</p>
      <ul class="origins" aria-labelledby="allowed-title">
        ${o.allowed.map(
          (origin) => html`<li data-origin=${origin}>
            <span class="what">
              <bdi dir="ltr" class="origin">${origin}</bdi>
              <span class="hint when">${this.lastSeen(o, origin, m)}</span>
            </span>
            <button type="button" class="danger" ?disabled=${this.busy || last} aria-label=${m.install.removeLabel(origin)} @click=${() => this.disallow(origin)}>
              ${m.install.remove}
            </button>
          </li>`,
        )}
      </ul>
      <form class="add" novalidate @submit=${this.submitAdd}>
        <label for="new-origin">${m.install.addLabel}</label>
        <span class="hint" id="new-origin-hint">${m.install.addHint}</span>
        <div class="row">
          <input
            id="new-origin"
            name="origin"
            dir="ltr"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder="https://www.shop.example"
            aria-describedby="new-origin-hint new-origin-error"
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            @input=${() => (this.fieldError = '')}
          />
          <button type="submit" ?disabled=${this.busy}>${m.install.add}</button>
        </div>
        <p class="error" id="new-origin-error" role="alert">${this.fieldError}</p>
      </form>
      ${this.renderSaid('allowed')}
    </section>`;
  }

  /** When the widget last loaded on an allowed origin, or that it has not yet. */
  private lastSeen(o: SiteOrigins, origin: string, m: Messages): string {
    const seen = o.seen.find((s) => s.origin === origin);
    return seen ? m.install.lastSeen(formatDateTime(seen.lastSeen, this.lang)) : m.install.notSeen;
  }

  private renderRefused(o: SiteOrigins, m: Messages) {
    return html`<section class="card" aria-labelledby="refused-title">
      <h2 id="refused-title">${m.install.seenTitle}</h2>
      <p class="hint">${m.install.seenHint}</p>
      ${o.refused.length === 0
        ? html`<p class="muted" data-none>${m.install.seenNone}</p>`
        : html`<ul class="origins" aria-labelledby="refused-title">
            ${o.refused.map(
              (r) => html`<li data-origin=${r.origin}>
                <span class="what">
                  <span><bdi dir="ltr" class="origin">${r.origin}</bdi> ${m.install.tried}</span>
                  <span class="hint when">${m.install.seenWhen(r.count, formatNumber(r.count, this.lang), formatDateTime(r.lastSeen, this.lang))}</span>
                </span>
                <button type="button" class="primary" ?disabled=${this.busy} aria-label=${m.install.allowLabel(r.origin)} @click=${() => this.allow(r.origin, 'refused')}>
                  ${m.install.allow}
                </button>
              </li>`,
            )}
          </ul>`}
      ${this.renderSaid('refused')}
    </section>`;
  }

  override render() {
    const m = messages(this.lang);
    const o = this.origins;
    return html`<h1>${m.install.title}</h1>
      <p class="hint">${m.install.intro}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${o
        ? html`${this.renderSnippet(o, m)}${this.renderAllowed(o, m)}${this.renderRefused(o, m)}`
        : this.problem
          ? html`<button type="button" @click=${this.load}>${m.retry}</button>`
          : html`<p role="status">${m.loading}</p>`}`;
  }
}

if (!customElements.get('rb-admin-install')) customElements.define('rb-admin-install', RbAdminInstall);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-install': RbAdminInstall;
  }
}
