/**
 * @summary The staff log-in form: exchanges a staff token for a session cookie.
 * @event rb-login - `detail` is the new `StaffSession`.
 */
import { LitElement, html, nothing } from 'lit';
import { StaffSession } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { ApiError, request } from '../../lib/api.ts';
import { describeError, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { css } from 'lit';

export class RbAdminLogin extends LitElement {
  static override styles = [
    base,
    css`
      form {
        max-inline-size: 26rem;
        margin-block: 3rem;
        margin-inline: auto;
        padding: 1.5rem;
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        display: grid;
        gap: 0.75rem;
      }
      input {
        inline-size: 100%;
        font-family: ui-monospace, monospace;
      }
    `,
  ];
  static override properties = { lang: { type: String }, busy: { state: true }, problem: { state: true } };

  declare lang: Lang;
  declare busy: boolean;
  declare problem: Shown | null;

  constructor() {
    super();
    this.lang = 'en';
    this.busy = false;
    this.problem = null;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const token = String(new FormData(form).get('token') ?? '').trim();
    if (!token) return;
    this.busy = true;
    this.problem = null;
    try {
      const session = await request(StaffSession, '/v1/admin/session', { method: 'POST', body: { token } });
      form.reset();
      this.dispatchEvent(new CustomEvent('rb-login', { detail: session, bubbles: true, composed: true }));
    } catch (err) {
      const m = messages(this.lang);
      // Here a 401 means "wrong token", not "session ended": show the server's own words.
      this.problem = err instanceof ApiError && err.status === 401 ? { message: err.detail ?? m.error, errors: [] } : describeError(err, m);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = messages(this.lang);
    return html`<form @submit=${this.submit} aria-labelledby="title">
      <h1 id="title">${m.login.title}</h1>
      <div>
        <label for="token">${m.login.token}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
          aria-describedby="hint ${this.problem ? 'problem' : ''}"
          aria-invalid=${this.problem ? 'true' : 'false'}
        />
        <p class="hint" id="hint">${m.login.tokenHint}</p>
      </div>
      ${this.problem ? html`<p id="problem" class="error" role="alert">${this.problem.message}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy}>${m.login.submit}</button>
    </form>`;
  }
}

if (!customElements.get('rb-admin-login')) customElements.define('rb-admin-login', RbAdminLogin);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-login': RbAdminLogin;
  }
}
