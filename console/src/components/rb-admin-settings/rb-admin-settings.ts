/**
 * @summary Everything a merchant tunes, in sections, each setting explained in one line: the
 * widget's look (name, theme, accent colour, tabs, languages), its texts per language, publishing
 * (moderation, holding unverified reviews, holding flags, blocked words; publishing never depends
 * on the rating), response times (the promise and the internal targets per priority), recovery
 * and review invitations, bot
 * protection (Turnstile), where the widget may load, and webhooks with their delivery log.
 * Field errors show at their field in the page's language; "Saved." shows beside the button.
 */
import { LitElement, html, nothing } from 'lit';
import { AdminSettings } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { settingsFromForm, type FormFieldError } from '../../lib/settings-form.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { styles } from './rb-admin-settings.styles.ts';
import { botSection, lookSection, publishingSection, recoverySection, textSection, timesSection, whereSection } from './sections.ts';
import '../rb-admin-webhooks/rb-admin-webhooks.ts';

export class RbAdminSettings extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    lang: { type: String },
    current: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    busy: { state: true },
    loadProblem: { state: true },
  };

  declare lang: Lang;
  declare current: AdminSettings | null;
  /** What went wrong with the last save, shown beside the Save button. */
  declare problem: string;
  declare fieldErrors: FormFieldError[];
  declare notice: string;
  declare busy: boolean;
  declare loadProblem: Shown | null;
  /** Set after a failed save, so the first field in error gets focus once it is drawn. */
  #focusError = false;

  constructor() {
    super();
    this.lang = 'en';
    this.current = null;
    this.problem = '';
    this.fieldErrors = [];
    this.notice = '';
    this.busy = false;
    this.loadProblem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.current = await request(AdminSettings, '/v1/admin/settings');
    } catch (err) {
      this.loadProblem = report(this, err, messages(this.lang));
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || !this.current) return;
    const m = messages(this.lang);
    this.problem = '';
    this.notice = '';
    const parsed = settingsFromForm(new FormData(form), this.current);
    if (!parsed.ok) {
      this.showFieldErrors(parsed.errors);
      return;
    }
    this.fieldErrors = [];
    this.busy = true;
    try {
      this.current = await request(AdminSettings, '/v1/admin/settings', { method: 'PUT', body: parsed.value });
      // The secret field is write-only: empty it so a second save does not send it again.
      const secret = form.elements.namedItem('turnstileSecretKey');
      if (secret instanceof HTMLInputElement) secret.value = '';
      this.notice = m.saved;
    } catch (err) {
      const shown = report(this, err, m);
      if (shown.errors.length > 0) this.showFieldErrors(shown.errors);
      else this.problem = shown.message;
    } finally {
      this.busy = false;
    }
  }

  private showFieldErrors(errors: FormFieldError[]) {
    this.fieldErrors = errors;
    this.problem = messages(this.lang).settings.fixFields;
    this.#focusError = true;
  }

  protected override updated(): void {
    if (!this.#focusError) return;
    this.#focusError = false;
    const first = this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]');
    // Centred, so the sticky Save bar does not cover the field it points at.
    first?.scrollIntoView({ block: 'center' });
    first?.focus({ preventScroll: true });
  }

  override render() {
    const m = messages(this.lang);
    const c = this.current;
    return html`
      <h1>${m.settings.title}</h1>
      <p class="hint">${m.settings.intro}</p>
      ${this.loadProblem ? html`<p class="error" role="alert">${this.loadProblem.message}</p>` : nothing}
      ${c ? this.renderForm(c) : this.loadProblem ? nothing : html`<p role="status">${m.loading}</p>`}
      <rb-admin-webhooks .lang=${this.lang}></rb-admin-webhooks>
    `;
  }

  private renderForm(c: AdminSettings) {
    const m = messages(this.lang);
    const ctx = { m, lang: this.lang, errors: this.fieldErrors };
    return html`<form @submit=${this.save} novalidate>
      ${lookSection(ctx, c)} ${textSection(ctx, c)} ${publishingSection(ctx, c)} ${timesSection(ctx, c)} ${recoverySection(ctx, c)} ${botSection(ctx, c)} ${whereSection(ctx, c)}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${m.save}</button>
        <p role="status" class="ok">${this.notice}</p>
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      </div>
    </form>`;
  }
}

if (!customElements.get('rb-admin-settings')) customElements.define('rb-admin-settings', RbAdminSettings);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-settings': RbAdminSettings;
  }
}
