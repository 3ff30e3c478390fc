/**
 * @summary Webhooks on the settings page: the endpoint (add, update, pause, remove, which events,
 * the signing secret shown once when generated), then the delivery log with each delivery's
 * status and "Send again" for a failed one (`POST /v1/admin/webhooks/deliveries/{id}/replay`,
 * audited by the worker). Each notice shows beside the button that caused it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { WEBHOOK_EVENTS, WebhookDeliveriesPage, WebhookEndpoint, WebhookReplayed, type WebhookDelivery } from '../../../../shared/webhooks.ts';
import type { FieldError } from '../../../../shared/problem.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, send } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { describeFieldError } from '../../lib/field-errors.ts';
import { report, type Shown } from '../../lib/report.ts';
import { webhookFromForm } from '../../lib/webhook-form.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbAdminWebhooks extends LitElement {
  static override styles = [
    base,
    css`
      section {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 1rem;
        margin-block-start: 1rem;
        max-inline-size: 48rem;
        display: grid;
        gap: 0.9rem;
      }
      h2,
      h3,
      p {
        margin: 0;
      }
      form {
        display: grid;
        gap: 0.8rem;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      input[type='url'] {
        inline-size: 100%;
      }
      fieldset {
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        margin: 0;
        min-inline-size: 0;
      }
      legend {
        font-weight: 700;
      }
      .choice {
        display: flex;
        gap: 0.45rem;
        align-items: baseline;
        font-weight: normal;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.8rem;
        align-items: center;
      }
      .field-error {
        color: var(--rb-danger);
        font-size: 0.875rem;
        font-weight: 600;
      }
      [aria-invalid='true'] {
        border-color: var(--rb-danger);
        border-width: 2px;
      }
      .ok {
        color: var(--rb-ok);
        font-weight: 600;
      }
      .secret code {
        display: block;
        padding: 0.4rem;
        background: var(--rb-sunken);
        border-radius: var(--rb-radius);
        overflow-wrap: anywhere;
      }
      .confirm {
        border: 2px solid var(--rb-danger);
        border-radius: var(--rb-radius);
        padding: 0.6rem;
        display: grid;
        gap: 0.5rem;
      }
      .log {
        overflow-x: auto;
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.5rem;
        border-block-end: 1px solid var(--rb-border);
      }
      .failed {
        color: var(--rb-danger, #b00020);
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    endpoint: { state: true },
    items: { state: true },
    problem: { state: true },
    notice: { state: true },
    formNotice: { state: true },
    formProblem: { state: true },
    urlError: { state: true },
    secret: { state: true },
    confirming: { state: true },
    busy: { state: true },
    replayedId: { state: true },
  };

  declare lang: Lang;
  /** The endpoint; null when none is set, undefined until loaded. */
  declare endpoint: WebhookEndpoint | null | undefined;
  declare items: WebhookDelivery[] | null;
  /** The log's problem and notice (loading, "Send again"). */
  declare problem: Shown | null;
  declare notice: string;
  /** The endpoint form's own notice and problem, beside its buttons. */
  declare formNotice: string;
  declare formProblem: string;
  declare urlError: FieldError | null;
  /** The signing secret, shown once after it was generated. */
  declare secret: string;
  declare confirming: boolean;
  declare busy: boolean;
  /** The delivery just sent again: its row says so in place of the button. */
  declare replayedId: string;

  constructor() {
    super();
    this.lang = 'en';
    this.endpoint = undefined;
    this.items = null;
    this.problem = null;
    this.notice = '';
    this.formNotice = '';
    this.formProblem = '';
    this.urlError = null;
    this.secret = '';
    this.confirming = false;
    this.busy = false;
    this.replayedId = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const page = await request(WebhookDeliveriesPage, '/v1/admin/webhooks/deliveries?limit=25');
      this.items = page.items;
      this.endpoint = page.endpoint ?? null;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async saveEndpoint(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const m = messages(this.lang);
    this.formNotice = '';
    this.formProblem = '';
    this.urlError = null;
    this.secret = '';
    const parsed = webhookFromForm(new FormData(form));
    if (!parsed.ok) return this.showUrlError(parsed.errors);
    const adding = !this.endpoint;
    this.busy = true;
    try {
      const saved = await request(WebhookEndpoint, '/v1/admin/webhooks', { method: 'PUT', body: parsed.value });
      const { secret, ...endpoint } = saved;
      this.endpoint = endpoint;
      this.secret = secret ?? '';
      this.formNotice = adding ? m.webhooks.added : m.webhooks.updated;
      const rotate = form.elements.namedItem('rotateSecret');
      if (rotate instanceof HTMLInputElement) rotate.checked = false;
    } catch (err) {
      const shown = report(this, err, m);
      if (shown.errors.some((e) => e.path === 'url')) this.showUrlError(shown.errors);
      else this.formProblem = shown.message;
    } finally {
      this.busy = false;
    }
  }

  private showUrlError(errors: FieldError[]) {
    this.urlError = errors.find((e) => e.path === 'url') ?? errors[0] ?? null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#hook-url')?.focus());
  }

  private async removeEndpoint() {
    const m = messages(this.lang);
    this.formNotice = '';
    this.formProblem = '';
    this.busy = true;
    try {
      await send('/v1/admin/webhooks', { method: 'DELETE' });
      this.endpoint = null;
      this.secret = '';
      this.confirming = false;
      this.formNotice = m.webhooks.removed;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#hook-url')?.focus();
    } catch (err) {
      this.formProblem = report(this, err, m).message;
    } finally {
      this.busy = false;
    }
  }

  private async replay(id: string) {
    const m = messages(this.lang);
    this.problem = null;
    this.notice = '';
    this.replayedId = '';
    try {
      const replayed = await request(WebhookReplayed, `/v1/admin/webhooks/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
      this.items = (this.items ?? []).map((d) => (d.id === id ? replayed : d));
      // Said where the button was (it is gone now), and announced once through the live region.
      this.replayedId = id;
      this.notice = m.webhooks.replayed;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#replayed-row')?.focus();
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  override render() {
    const w = messages(this.lang).webhooks;
    return html`<section aria-labelledby="webhooks">
      <h2 id="webhooks">${w.title}</h2>
      <p class="hint">${w.intro}</p>
      ${this.endpoint === undefined ? nothing : this.renderForm()}
      <h3 id="webhook-log">${w.log}</h3>
      ${this.renderLog()}
    </section>`;
  }

  private renderForm() {
    const m = messages(this.lang);
    const w = m.webhooks;
    const e = this.endpoint ?? null;
    const urlError = this.urlError ? describeFieldError(this.urlError, m.settings.fieldErrors, (n) => formatNumber(n, this.lang), this.lang === 'en') : '';
    return html`<form @submit=${this.saveEndpoint} novalidate aria-labelledby="webhooks">
      ${e ? nothing : html`<p>${w.none}</p>`}
      ${e && !e.enabled ? html`<p><strong class="failed">${w.endpoint}: ${w.off}</strong></p>` : nothing}
      <div class="field">
        <label for="hook-url">${w.url}</label>
        <input
          id="hook-url"
          name="url"
          type="url"
          dir="ltr"
          autocomplete="off"
          placeholder="https://"
          aria-invalid=${urlError ? 'true' : 'false'}
          aria-describedby=${urlError ? 'hook-url-hint hook-url-error' : 'hook-url-hint'}
          .value=${e?.url ?? ''}
        />
        <span class="hint" id="hook-url-hint">${w.urlHint}</span>
        ${urlError ? html`<span class="field-error" id="hook-url-error">${urlError}</span>` : nothing}
      </div>
      <fieldset aria-describedby="hook-events-hint">
        <legend>${w.events}</legend>
        <span class="hint" id="hook-events-hint">${w.eventsHint}</span>
        ${WEBHOOK_EVENTS.map(
          (ev) =>
            html`<label class="choice"
              ><input type="checkbox" name="events" value=${ev} ?checked=${e?.events.includes(ev) ?? false} />
              <span>${w.eventNames[ev] ?? ev} <bdi dir="ltr" class="hint">${ev}</bdi></span></label
            >`,
        )}
      </fieldset>
      <div class="field">
        <label class="choice"><input type="checkbox" name="enabled" aria-describedby="hook-enabled-hint" ?checked=${e?.enabled ?? true} /> <span>${w.enabled}</span></label>
        <span class="hint" id="hook-enabled-hint">${w.enabledHint}</span>
      </div>
      ${e ? html`<label class="choice"><input type="checkbox" name="rotateSecret" /> <span>${w.rotate}</span></label>` : nothing}
      ${this.secret ? html`<div class="secret"><p>${w.secret}</p><code dir="ltr">${this.secret}</code></div>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${e ? w.update : w.add}</button>
        ${e ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => (this.confirming = true)}>${w.remove}</button>` : nothing}
        <span role="status" class="ok">${this.formNotice}</span>
        ${this.formProblem ? html`<span class="error" role="alert">${this.formProblem}</span>` : nothing}
      </div>
      ${this.confirming && e
        ? html`<div role="alertdialog" aria-labelledby="hook-remove-ask" class="confirm">
            <p id="hook-remove-ask">${w.removeAsk}</p>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${this.removeEndpoint}>${w.removeYes}</button>
              <button type="button" @click=${() => (this.confirming = false)}>${m.cancel}</button>
            </div>
          </div>`
        : nothing}
    </form>`;
  }

  private renderLog() {
    const w = messages(this.lang).webhooks;
    return html`<div class="log">
      ${this.items && this.items.length === 0 ? html`<p>${w.empty}</p>` : nothing}
      ${this.items && this.items.length > 0
        ? html`<table aria-labelledby="webhook-log">
            <thead>
              <tr><th>${w.event}</th><th>${w.status}</th><th>${w.attempts}</th><th>${w.last}</th><th>${w.when}</th><th><span class="visually-hidden">${w.actions}</span></th></tr>
            </thead>
            <tbody>
              ${this.items.map((d) => {
                const when = formatDateTime(d.createdAt, this.lang);
                return html`<tr>
                  <td><bdi dir="ltr">${d.event}</bdi></td>
                  <td class=${d.status === 'failed' ? 'failed' : ''}>${w.state[d.status]}</td>
                  <td>${formatNumber(d.attempts, this.lang)}</td>
                  <td><bdi dir="ltr">${d.lastStatus ?? ''} ${d.lastError ?? ''}</bdi></td>
                  <td>${when}</td>
                  <td>
                    ${d.id === this.replayedId
                      ? html`<span class="ok" id="replayed-row" tabindex="-1">${w.replayed}</span>`
                      : d.status === 'failed' && d.lastError !== 'erased'
                      ? html`<button type="button" aria-label=${w.replayLabel(d.event, when)} @click=${() => this.replay(d.id)}>${w.replay}</button>`
                      : nothing}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      <div class="notice replay-notice visually-hidden" role="status">${this.notice}</div>
    </div>`;
  }
}

if (!customElements.get('rb-admin-webhooks')) customElements.define('rb-admin-webhooks', RbAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-webhooks': RbAdminWebhooks;
  }
}
