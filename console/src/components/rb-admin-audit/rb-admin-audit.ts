/**
 * @summary The audit log: who (by name) did what (in words), when (in the console's calendar),
 * with what changed as "field: old → new" lines (`lib/audit-view.ts`), and export links.
 */
import { LitElement, css, html, nothing } from 'lit';
import { AuditPage, type AuditEntry } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { formatDateTime, formatNumber, formatRelative } from '../../../../shared/format.ts';
import { auditView } from '../../lib/audit-view.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbAdminAudit extends LitElement {
  static override styles = [
    base,
    css`
      .scroll {
        overflow-x: auto;
        background: var(--rb-surface);
      }
      ul.changes {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: 0.875rem;
        overflow-wrap: anywhere;
        max-inline-size: 28rem;
      }
      ul.changes .field {
        font-weight: 600;
      }
      ul.changes .old {
        color: var(--rb-muted);
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
    const now = Date.now();
    // The arrow points the way the page reads.
    const arrow = m.dir === 'rtl' ? '←' : '→';
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
                ${this.items.map((e) => {
                  const v = auditView(e, m, this.lang);
                  return html`<tr data-action=${e.action}>
                    <td>
                      <time datetime=${e.createdAt} title=${formatRelative(e.createdAt, this.lang, now)}>${formatDateTime(e.createdAt, this.lang)}</time>
                    </td>
                    <td><bdi>${v.who}</bdi></td>
                    <td>${v.what}</td>
                    <td><bdi>${e.target ?? ''}</bdi></td>
                    <td>
                      ${v.changes.length
                        ? html`<ul class="changes">
                            ${v.changes.map(
                              (c) =>
                                html`<li>
                                  ${c.field ? html`<span class="field">${c.field}:</span>` : nothing} <bdi class="old">${c.before}</bdi> ${arrow}
                                  <bdi class="new">${c.after}</bdi>
                                </li>`,
                            )}
                            ${v.hidden ? html`<li class="muted">${m.auditMore.more(formatNumber(v.hidden, this.lang))}</li>` : nothing}
                          </ul>`
                        : html`<span class="muted">${m.none}</span>`}
                    </td>
                  </tr>`;
                })}
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
