/**
 * @summary Data rights: export submissions and cases (JSON, CSV), and erase one shopper's
 * personal data by email after an explicit confirmation.
 */
import { LitElement, css, html, nothing } from 'lit';
import { Erased } from '../../../../shared/admin.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbAdminData extends LitElement {
  static override styles = [
    base,
    css`
      section {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 1rem;
        margin-block-end: 1rem;
      }
      a.button {
        display: inline-block;
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 0.35em 0.8em;
        color: var(--rb-accent);
        text-decoration: none;
      }
      input[type='email'] {
        inline-size: min(100%, 22rem);
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    pending: { state: true },
    problem: { state: true },
    notice: { state: true },
  };

  declare lang: Lang;
  /** The email awaiting confirmation. */
  declare pending: string | null;
  declare problem: Shown | null;
  declare notice: string;

  constructor() {
    super();
    this.lang = 'en';
    this.pending = null;
    this.problem = null;
    this.notice = '';
  }

  private ask(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const email = String(new FormData(form).get('email') ?? '').trim();
    if (email) this.pending = email;
  }

  private async erase() {
    const email = this.pending;
    if (!email) return;
    const m = messages(this.lang);
    this.pending = null;
    this.problem = null;
    try {
      const out = await request(Erased, withQuery('/v1/admin/people', { email }), { method: 'DELETE' });
      this.notice = m.data.erased(out.submissions);
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  override render() {
    const m = messages(this.lang);
    return html`
      <h1>${m.data.title}</h1>
      <section aria-labelledby="export">
        <h2 id="export">${m.data.export}</h2>
        <p class="row">
          <a class="button" href="/v1/admin/export?format=json" download>${m.data.exportJson}</a>
          <a class="button" href="/v1/admin/export?format=csv" download>${m.data.exportCsv}</a>
        </p>
      </section>
      <section aria-labelledby="erase">
        <h2 id="erase">${m.data.erase}</h2>
        <p class="hint">${m.data.eraseHint}</p>
        <form @submit=${this.ask}>
          <label for="email">${m.data.email}</label>
          <div class="row">
            <input id="email" name="email" type="email" required maxlength=${LIMITS.email} autocomplete="off" dir="ltr" />
            <button type="submit" class="danger">${m.data.eraseButton}</button>
          </div>
        </form>
        ${this.pending
          ? html`<div role="alertdialog" aria-labelledby="confirm" class="confirm">
              <p id="confirm"><strong>${m.data.confirm(this.pending)}</strong></p>
              <div class="row">
                <button type="button" class="danger" @click=${this.erase}>${m.data.confirmButton}</button>
                <button type="button" @click=${() => (this.pending = null)}>${m.cancel}</button>
              </div>
            </div>`
          : nothing}
        ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
        <p role="status">${this.notice}</p>
      </section>
    `;
  }
}

if (!customElements.get('rb-admin-data')) customElements.define('rb-admin-data', RbAdminData);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-data': RbAdminData;
  }
}
