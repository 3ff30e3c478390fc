/**
 * @summary The site's rules: moderation mode (with the promise that publishing never depends on
 * the rating), blocked words, which flags hold an item, the response-time promise, brand
 * colour, languages and allowed origins.
 */
import { LitElement, css, html, nothing } from 'lit';
import { AdminSettings } from '../../../../shared/admin.ts';
import type { FieldError } from '../../../../shared/problem.ts';
import { FLAGS } from '../../../../shared/site.ts';
import { LANGS, type Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { settingsFromForm } from '../../lib/settings-form.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { slaFields } from './sla-fields.ts';
import { base } from '../../styles/base.ts';
import '../rb-admin-webhooks/rb-admin-webhooks.ts';

export class RbAdminSettings extends LitElement {
  static override styles = [
    base,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-inline-size: 44rem;
      }
      fieldset {
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        background: var(--rb-surface);
      }
      legend {
        font-weight: 700;
      }
      .choice {
        display: flex;
        gap: 0.4rem;
        align-items: baseline;
        font-weight: normal;
      }
      .flags {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.25rem 1rem;
      }
      .note {
        border-inline-start: 4px solid var(--rb-accent);
        padding-inline-start: 0.6rem;
      }
      textarea,
      input[type='number'] {
        inline-size: 100%;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    current: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare current: AdminSettings | null;
  declare problem: Shown | null;
  declare fieldErrors: FieldError[];
  declare notice: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.current = null;
    this.problem = null;
    this.fieldErrors = [];
    this.notice = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.current = await request(AdminSettings, '/v1/admin/settings');
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || !this.current) return;
    const m = messages(this.lang);
    this.problem = null;
    this.notice = '';
    const parsed = settingsFromForm(new FormData(form), this.current);
    if (!parsed.ok) {
      this.fieldErrors = parsed.errors;
      return;
    }
    this.fieldErrors = [];
    this.busy = true;
    try {
      this.current = await request(AdminSettings, '/v1/admin/settings', { method: 'PUT', body: parsed.value });
      this.notice = m.saved;
    } catch (err) {
      this.problem = report(this, err, m);
      this.fieldErrors = this.problem.errors;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = messages(this.lang);
    const c = this.current;
    return html`
      <h1>${m.settings.title}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${this.fieldErrors.length
        ? html`<ul class="error" role="alert">
            ${this.fieldErrors.map((e) => html`<li><code>${e.path}</code> ${e.message}</li>`)}
          </ul>`
        : nothing}
      <p role="status">${this.notice}</p>
      ${c ? this.renderForm(c) : this.problem ? nothing : html`<p role="status">${m.loading}</p>`}
      <rb-admin-webhooks .lang=${this.lang}></rb-admin-webhooks>
    `;
  }

  private renderForm(c: AdminSettings) {
    const m = messages(this.lang);
    const s = c.settings;
    return html`<form @submit=${this.save}>
      <fieldset>
        <legend>${m.settings.moderation}</legend>
        <label class="choice"><input type="radio" name="moderation" value="pre" ?checked=${s.moderation === 'pre'} /> ${m.settings.pre}</label>
        <label class="choice"><input type="radio" name="moderation" value="auto" ?checked=${s.moderation === 'auto'} /> ${m.settings.auto}</label>
        <p class="note">${m.settings.neverRating}</p>
      </fieldset>
      <fieldset>
        <legend>${m.settings.holdFlags}</legend>
        <div class="flags">
          ${FLAGS.map(
            (f) => html`<label class="choice"><input type="checkbox" name="holdFlags" value=${f} ?checked=${s.holdFlags.includes(f)} /> ${m.flag[f]}</label>`,
          )}
        </div>
      </fieldset>
      <div>
        <label for="blocked">${m.settings.blockedWords}</label>
        <textarea id="blocked" name="blockedWords" dir="auto" aria-describedby="blocked-hint" .value=${s.blockedWords.join('\n')}></textarea>
        <span class="hint" id="blocked-hint">${m.settings.blockedWordsHint}</span>
      </div>
      <div>
        <label for="rt">${m.settings.responseTime}</label>
        <input id="rt" name="responseTimeHours" type="number" min="1" max="8760" step="1" aria-describedby="rt-hint" .value=${s.responseTimeHours === undefined ? '' : String(s.responseTimeHours)} />
        <span class="hint" id="rt-hint">${m.settings.responseTimeHint}</span>
      </div>
      ${slaFields(s.sla, m)}
      <div>
        <label for="color">${m.settings.brandColor}</label>
        <input id="color" name="brandColor" type="color" .value=${s.brandColor} />
      </div>
      <fieldset>
        <legend>${m.settings.languages}</legend>
        ${LANGS.map(
          (l) => html`<label class="choice"><input type="checkbox" name="locales" value=${l} ?checked=${s.locales.includes(l)} /> ${l === 'fa' ? 'فارسی' : 'English'}</label>`,
        )}
        <label
          >${m.settings.defaultLang}
          <select name="defaultLang">
            ${LANGS.map((l) => html`<option value=${l} ?selected=${s.defaultLang === l}>${l === 'fa' ? 'فارسی' : 'English'}</option>`)}
          </select></label
        >
      </fieldset>
      <div>
        <label for="origins">${m.settings.origins}</label>
        <textarea id="origins" name="origins" dir="ltr" aria-describedby="origins-hint" .value=${c.origins.join('\n')}></textarea>
        <span class="hint" id="origins-hint">${m.settings.originsHint}</span>
      </div>
      <div><button type="submit" class="primary" ?disabled=${this.busy}>${m.save}</button></div>
    </form>`;
  }
}

if (!customElements.get('rb-admin-settings')) customElements.define('rb-admin-settings', RbAdminSettings);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-settings': RbAdminSettings;
  }
}
