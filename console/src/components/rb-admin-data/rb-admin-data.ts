/**
 * @summary Data rights: export submissions and cases (JSON, CSV), and erase one shopper's
 * personal data by email, phone or order number after an explicit confirmation. Contacts go in
 * the request body (`POST /v1/admin/people/erase`), never in a URL.
 */
import { LitElement, css, html, nothing } from 'lit';
import { Erased, type EraseInput } from '../../../../shared/admin.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
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
      input {
        inline-size: min(100%, 22rem);
      }
      .fields {
        display: grid;
        gap: 0.5rem;
        margin-block-end: 0.75rem;
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
  /** The contacts awaiting confirmation. */
  declare pending: EraseInput | null;
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
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const pending: EraseInput = {};
    if (field('email')) pending.email = field('email');
    if (field('phone')) pending.phone = field('phone');
    if (field('orderRef')) pending.orderRef = field('orderRef');
    this.problem = null;
    if (Object.keys(pending).length === 0) {
      this.problem = { message: messages(this.lang).data.needOne, errors: [] };
      return;
    }
    this.pending = pending;
  }

  private async erase() {
    const who = this.pending;
    if (!who) return;
    const m = messages(this.lang);
    this.pending = null;
    this.problem = null;
    try {
      const out = await request(Erased, '/v1/admin/people/erase', { method: 'POST', body: who });
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
        <form @submit=${this.ask} novalidate>
          <div class="fields">
            <label for="email">${m.data.email}</label>
            <input id="email" name="email" type="email" maxlength=${LIMITS.email} autocomplete="off" dir="ltr" />
            <label for="phone">${m.data.phone}</label>
            <input id="phone" name="phone" type="tel" maxlength=${LIMITS.phone} autocomplete="off" dir="ltr" />
            <label for="orderRef">${m.data.orderRef}</label>
            <input id="orderRef" name="orderRef" type="text" maxlength=${LIMITS.orderRef} autocomplete="off" dir="ltr" />
          </div>
          <button type="submit" class="danger">${m.data.eraseButton}</button>
        </form>
        ${this.pending
          ? html`<div role="alertdialog" aria-labelledby="confirm" class="confirm">
              <p id="confirm"><strong>${m.data.confirm(Object.values(this.pending).join(' · '))}</strong></p>
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
