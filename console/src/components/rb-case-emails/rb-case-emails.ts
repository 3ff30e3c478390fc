/**
 * @summary The emails one case sent its customer (staff messages, the re-rating invitation) with
 * their delivery state. Self-contained: give it `caseId` (and the case's `updatedAt`, so a change
 * staff just made reloads the list); it loads `GET /v1/admin/emails?case=`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { AdminEmailsPage, type AdminEmail } from '../../../../shared/email.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { emailReason } from '../../lib/email-reason.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbCaseEmails extends LitElement {
  static override styles = [base];
  static override properties = {
    lang: { type: String },
    caseId: { type: String },
    updatedAt: { type: String },
    items: { state: true },
    problem: { state: true },
  };

  declare lang: Lang;
  declare caseId: string;
  declare updatedAt: string;
  declare items: AdminEmail[] | null;
  declare problem: Shown | null;

  constructor() {
    super();
    this.lang = 'en';
    this.caseId = '';
    this.updatedAt = '';
    this.items = null;
    this.problem = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('caseId') || changed.has('updatedAt')) && this.caseId) void this.load();
  }

  /** Reloads the list, e.g. after staff wrote to the customer. */
  async load(): Promise<void> {
    try {
      const page = await request(AdminEmailsPage, withQuery('/v1/admin/emails', { case: this.caseId, limit: 50 }));
      this.items = page.items;
      this.problem = null;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  override render() {
    const m = messages(this.lang).emails;
    return html`<section class="card" aria-labelledby="case-emails">
      <h2 id="case-emails">${m.onCase}</h2>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${this.items && this.items.length === 0 ? html`<p class="muted">${m.none}</p>` : nothing}
      ${this.items?.length
        ? html`<ul>
            ${this.items.map(
              (e) => html`<li>
                ${m.kind[e.kind]} · <strong>${m.state[e.state]}</strong> · <bdi>${e.to}</bdi> ·
                <time datetime=${e.sentAt ?? e.dueAt}>${formatDateTime(e.sentAt ?? e.dueAt, this.lang)}</time>
                ${e.reason ? html`· <span class="muted">${emailReason(e.reason, messages(this.lang))}</span>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }
}

if (!customElements.get('rb-case-emails')) customElements.define('rb-case-emails', RbCaseEmails);

declare global {
  interface HTMLElementTagNameMap {
    'rb-case-emails': RbCaseEmails;
  }
}
