/**
 * @summary The webhook delivery log on the settings page: the endpoint (and whether it is on),
 * the latest deliveries with their status, and "Send again" for a failed one
 * (`POST /v1/admin/webhooks/deliveries/{id}/replay`, audited by the worker).
 */
import { LitElement, css, html, nothing } from 'lit';
import { WebhookDeliveriesPage, WebhookEndpoint, WebhookReplayed, type WebhookDelivery } from '../../../../shared/webhooks.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { ApiError, request } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { report, type Shown } from '../../lib/report.ts';
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
    missing: { state: true },
    problem: { state: true },
    notice: { state: true },
  };

  declare lang: Lang;
  declare endpoint: WebhookEndpoint | null;
  declare items: WebhookDelivery[] | null;
  /** True when the site has no endpoint at all. */
  declare missing: boolean;
  declare problem: Shown | null;
  declare notice: string;

  constructor() {
    super();
    this.lang = 'en';
    this.endpoint = null;
    this.items = null;
    this.missing = false;
    this.problem = null;
    this.notice = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const m = messages(this.lang);
    try {
      this.items = (await request(WebhookDeliveriesPage, '/v1/admin/webhooks/deliveries?limit=25')).items;
      // A delivery means an endpoint was set (they are never deleted); asking only then spares
      // sites without webhooks a 404 in the console.
      if (this.items.length > 0) this.endpoint = await request(WebhookEndpoint, '/v1/admin/webhooks');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.missing = true;
      else this.problem = report(this, err, m);
    }
  }

  private async replay(id: string) {
    const m = messages(this.lang);
    this.problem = null;
    this.notice = '';
    try {
      const replayed = await request(WebhookReplayed, `/v1/admin/webhooks/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
      this.items = (this.items ?? []).map((d) => (d.id === id ? replayed : d));
      this.notice = m.webhooks.replayed;
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  override render() {
    const m = messages(this.lang);
    const w = m.webhooks;
    return html`<section aria-labelledby="webhooks">
      <h2 id="webhooks">${w.title}</h2>
      ${this.missing ? html`<p>${w.none}</p>` : nothing}
      ${this.endpoint
        ? html`<p>${w.endpoint}: <bdi dir="ltr">${this.endpoint.url}</bdi> ${this.endpoint.enabled ? nothing : html`<strong class="failed">${w.off}</strong>`}</p>`
        : nothing}
      ${this.items && this.items.length === 0 ? html`<p>${w.empty}</p>` : nothing}
      ${this.items && this.items.length > 0
        ? html`<table>
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
                    ${d.status === 'failed' && d.lastError !== 'erased'
                      ? html`<button type="button" aria-label=${w.replayLabel(d.event, when)} @click=${() => this.replay(d.id)}>${w.replay}</button>`
                      : nothing}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      <div class="notice" role="status">${this.notice}</div>
    </section>`;
  }
}

if (!customElements.get('rb-admin-webhooks')) customElements.define('rb-admin-webhooks', RbAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-webhooks': RbAdminWebhooks;
  }
}
