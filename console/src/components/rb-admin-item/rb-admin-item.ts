/**
 * @summary One submission as staff see it: what the shopper wrote, why it was held (flags with
 * explanations), and the private contact details.
 *
 * Every piece of shopper text goes through a Lit text binding inside `<bdi>`, so markup in it
 * stays text and a Persian name cannot reorder the English around it (or the other way round).
 */
import { LitElement, html, nothing } from 'lit';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { styles } from './rb-admin-item.styles.ts';

export class RbAdminItem extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    item: { attribute: false },
    lang: { type: String },
    full: { type: Boolean },
  };

  declare item: AdminSubmission | null;
  declare lang: Lang;
  /** Shows everything (detail view) rather than the list's summary. */
  declare full: boolean;

  constructor() {
    super();
    this.item = null;
    this.lang = 'en';
    this.full = false;
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const m = messages(this.lang);
    const contact = [item.author.email, item.author.phone].filter((v): v is string => Boolean(v));
    return html`
      <div class="head row">
        <span class="chip kind" part="kind">${m.kind[item.kind]}</span>
        ${item.status !== 'pending'
          ? html`<span class="chip">${item.kind === 'complaint' && item.status === 'hidden' ? m.workflow.handled : m.status[item.status]}</span>`
          : nothing}
        ${item.revisesId ? html`<span class="chip">${m.workflow.reviewUpdate}</span>` : nothing}
        ${item.feeling !== null ? html`<span class="chip feeling">${m.workflow.feeling(item.feeling)}</span>` : nothing}
        ${item.rating !== null
          ? html`<span class="stars" role="img" aria-label=${m.queue.rating(item.rating)}
              >${'★'.repeat(item.rating)}<span class="off">${'★'.repeat(5 - item.rating)}</span></span
            >`
          : nothing}
        ${item.category ? html`<span class="chip">${m.category[item.category]}</span>` : nothing}
        ${item.needsLook ? html`<span class="chip flag" title=${m.router.needsLookHint}>${m.router.needsLook}</span>` : nothing}
        <time class="muted when" datetime=${item.createdAt}>${formatDateTime(item.createdAt, this.lang)}</time>
      </div>
      ${item.title ? html`<h2 class="title"><bdi dir="auto">${item.title}</bdi></h2>` : nothing}
      <bdi class="text body" lang=${item.lang} dir="auto">${item.body}</bdi>
      ${this.full && item.expected
        ? html`<p><strong>${m.detail.expected}:</strong> <bdi class="text">${item.expected}</bdi></p>`
        : nothing}
      ${this.full && item.desiredOutcome
        ? html`<p><strong>${m.detail.desiredOutcome}:</strong> <bdi class="text">${item.desiredOutcome}</bdi></p>`
        : nothing}
      <div class="meta">
        <span class="author"><bdi>${item.author.name}</bdi></span>
        ${item.verified ? html`<span class="chip ok">${m.queue.verified}</span>` : nothing}
        ${item.subject ? html`<span class="muted">${m.detail.subject}: <bdi>${item.subject}</bdi></span>` : nothing}
      </div>
      ${contact.length || item.orderRef
        ? html`<p class="contact">
            <strong>${m.queue.contact}:</strong>
            ${contact.map((c) => html`<bdi class="pii">${c}</bdi> `)}
            ${item.orderRef ? html`<span>${m.queue.orderRef}: <bdi>${item.orderRef}</bdi></span>` : nothing}
          </p>`
        : nothing}
      ${item.status === 'pending' || this.full ? this.renderFlags(item) : nothing}
      ${item.caseRef
        ? html`<p class="case-ref">
            <a href=${`#/cases/${encodeURIComponent(item.caseRef)}`}>${m.queue.caseLink('')}<bdi>${item.caseRef}</bdi></a>
          </p>`
        : nothing}
    `;
  }

  private renderFlags(item: AdminSubmission) {
    const m = messages(this.lang);
    if (!item.flags.length) return html`<p class="why muted">${m.queue.noFlags}</p>`;
    return html`<div class="why">
      <strong>${m.queue.why}:</strong>
      <ul class="flags">
        ${item.flags.map((f) => html`<li><span class="chip flag">${m.flag[f]}</span> <span class="hint">${m.flagWhy[f]}</span></li>`)}
      </ul>
    </div>`;
  }
}

if (!customElements.get('rb-admin-item')) customElements.define('rb-admin-item', RbAdminItem);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-item': RbAdminItem;
  }
}
