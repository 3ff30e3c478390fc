/**
 * @summary The audit log: who did what, when, with the before/after values, and export links.
 */
import { LitElement, css, html, nothing } from 'lit';
import { AuditPage, type AuditEntry } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

/** Before/after values are arbitrary JSON; they are shown as JSON text, never as markup. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export class RbAdminAudit extends LitElement {
  static override styles = [
    base,
    css`
      .scroll {
        overflow-x: auto;
        background: var(--rb-surface);
      }
      td.json {
        font-family: ui-monospace, monospace;
        font-size: 0.8rem;
        overflow-wrap: anywhere;
        max-inline-size: 24rem;
      }
      a {
        color: var(--rb-accent);
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    items: { state: true },
    nextCursor: { state: true },
    problem: { state: true },
    loading: { state: true },
  };

  declare lang: Lang;
  declare items: AuditEntry[];
  declare nextCursor: string | null;
  declare problem: Shown | null;
  declare loading: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.items = [];
    this.nextCursor = null;
    this.problem = null;
    this.loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor?: string) {
    try {
      const page = await request(AuditPage, withQuery('/v1/admin/audit', { cursor }));
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const m = messages(this.lang);
    return html`
      <h1>${m.audit.title}</h1>
      <p class="row">
        ${m.audit.export}:
        <a href="/v1/admin/audit/export?format=json" download>JSON</a>
        <a href="/v1/admin/audit/export?format=csv" download>CSV</a>
      </p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${this.loading ? html`<p role="status">${m.loading}</p>` : nothing}
      ${!this.loading && !this.items.length && !this.problem ? html`<p class="muted">${m.audit.empty}</p>` : nothing}
      ${this.items.length
        ? html`<div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${m.audit.when}</th>
                  <th scope="col">${m.audit.who}</th>
                  <th scope="col">${m.audit.what}</th>
                  <th scope="col">${m.audit.target}</th>
                  <th scope="col">${m.audit.change}</th>
                </tr>
              </thead>
              <tbody>
                ${this.items.map(
                  (e) => html`<tr>
                    <td><time datetime=${e.createdAt}>${formatDateTime(e.createdAt, this.lang)}</time></td>
                    <td><bdi>${e.actorName ?? e.actor}</bdi></td>
                    <td><code>${e.action}</code></td>
                    <td><bdi>${e.target ?? ''}</bdi></td>
                    <td class="json" dir="ltr">${show(e.before)} → ${show(e.after)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
      ${this.nextCursor ? html`<button type="button" @click=${() => this.load(this.nextCursor ?? undefined)}>${m.more}</button>` : nothing}
    `;
  }
}

if (!customElements.get('rb-admin-audit')) customElements.define('rb-admin-audit', RbAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-audit': RbAdminAudit;
  }
}
