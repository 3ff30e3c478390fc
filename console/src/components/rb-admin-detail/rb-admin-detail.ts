/**
 * @summary One submission in full, its decisions, and the public reply editor with a preview.
 *
 * The preview shows the reply exactly as the widget will: as text. Whatever staff type (or
 * paste from a shopper) is never parsed as markup here or there.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { AdminSubmission, DecisionResult, type Decision } from '../../../../shared/admin.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, send } from '../../lib/api.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { report, runAction, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';
import '../rb-admin-item/rb-admin-item.ts';
import '../rb-admin-photos/rb-admin-photos.ts';

export class RbAdminDetail extends LitElement {
  static override styles = [
    base,
    noticeStyles,
    css`
      a {
        color: var(--rb-accent);
      }
      h3 {
        margin-block-start: 1rem;
      }
      .preview {
        border-inline-start: 3px solid var(--rb-accent);
        padding-inline-start: 0.75rem;
        background: var(--rb-sunken);
        padding-block: 0.5rem;
      }
      .preview .reply {
        display: block;
        margin-block: 0.25rem;
      }
      .preview .who {
        font-weight: 600;
        font-size: 0.875rem;
      }
      #reason {
        inline-size: min(100%, 24rem);
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    itemId: { type: String },
    item: { state: true },
    draft: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
    undoable: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare itemId: string;
  declare item: AdminSubmission | null;
  declare draft: string;
  declare problem: Shown | null;
  declare notice: string;
  declare noticeAt: string;
  /** The last decision made here can be undone (its Undo shows beside the result). */
  declare undoable: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.itemId = '';
    this.item = null;
    this.draft = '';
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
    this.undoable = false;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('itemId') && this.itemId) void this.load();
  }

  private get path() {
    return `/v1/admin/submissions/${encodeURIComponent(this.itemId)}`;
  }

  private async load() {
    this.problem = null;
    try {
      this.item = await request(AdminSubmission, this.path);
      this.draft = this.item.reply?.body ?? '';
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private run(op: () => Promise<unknown>, notice: string, at: string) {
    return runAction(this, op, notice, () => this.load(), at);
  }

  private async decide(decision: Decision) {
    const m = messages(this.lang);
    const input = this.renderRoot.querySelector('#reason');
    const reason = input instanceof HTMLInputElement ? input.value.trim() : '';
    const body = reason ? { decision, reason } : { decision };
    const said = decision === 'hide' && this.item?.kind === 'complaint' ? m.workflow.handled : m.outcome[decision];
    this.undoable = false;
    await this.run(async () => {
      await request(DecisionResult, `${this.path}/decision`, { method: 'POST', body });
    }, said, 'decision');
    this.undoable = this.noticeAt === 'decision' && Boolean(this.notice);
  }

  private undo() {
    const m = messages(this.lang);
    this.undoable = false;
    void this.run(() => send(`${this.path}/undo`, { method: 'POST' }), m.outcome.undone, 'decision');
  }

  private saveReply(event: SubmitEvent) {
    event.preventDefault();
    const m = messages(this.lang);
    const body = this.draft.trim();
    if (!body) return;
    void this.run(async () => {
      await send(`${this.path}/reply`, { method: 'PUT', body: { body } });
    }, m.detail.replySaved, 'reply');
  }

  private removeReply() {
    const m = messages(this.lang);
    void this.run(async () => {
      await send(`${this.path}/reply`, { method: 'DELETE' });
    }, m.detail.replyRemoved, 'reply');
  }

  override render() {
    const m = messages(this.lang);
    const item = this.item;
    return html`
      <p><a href="#/queue">${m.detail.back}</a></p>
      <h1>${m.detail.title}</h1>
      ${this.problem
        ? html`<div class="error" role="alert">
            <p>${this.problem.message}</p>
            ${this.problem.errors.map((e) => html`<p><code>${e.path}</code> ${e.message}</p>`)}
          </div>`
        : nothing}
      ${item ? this.renderItem(item) : this.problem ? nothing : html`<p role="status">${m.loading}</p>`}
    `;
  }

  private renderItem(item: AdminSubmission) {
    const m = messages(this.lang);
    return html`
      <section class="card" aria-label=${m.detail.title}>
        <rb-admin-item .item=${item} .lang=${this.lang} full></rb-admin-item>
        ${item.decisionReason ? html`<p><strong>${m.detail.reason}:</strong> <bdi>${item.decisionReason}</bdi></p>` : nothing}
        <p class="hint">${m.detail.neverEdit}</p>
        <div class="row">
          <label for="reason" class="hint">${m.queue.reasonLabel}</label>
          <input id="reason" maxlength=${LIMITS.reason} autocomplete="off" />
        </div>
        ${item.kind === 'complaint' ? html`<p class="hint">${m.workflow.complaintNote}</p>` : nothing}
        <div class="row">
          ${item.kind === 'complaint'
            ? html`${item.caseRef ? html`<a href=${`#/cases/${encodeURIComponent(item.caseRef)}`}>${m.workflow.openCase}</a>` : nothing}
              ${item.status !== 'hidden' ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.decide('hide')}>${m.workflow.markHandled}</button>` : nothing}`
            : item.status !== 'published'
              ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.decide('approve')}>${m.decision.approve}</button>`
              : html`<button type="button" ?disabled=${this.busy} @click=${() => this.decide('hide')}>${m.decision.hide}</button>`}
          ${item.kind !== 'complaint' && item.status !== 'rejected'
            ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.decide('reject')}>${m.decision.reject}</button>`
            : nothing}
          ${item.status !== 'spam'
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.decide('spam')}>${m.decision.spam}</button>`
            : nothing}
          ${noticeAt(this, 'decision')}
          ${this.undoable ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.undo()}>${m.outcome.undo}</button>` : nothing}
        </div>
      </section>
      ${item.kind === 'review' ? html`<rb-admin-photos .lang=${this.lang} .submissionId=${item.id}></rb-admin-photos>` : nothing}
      <section class="card" aria-labelledby="reply-title">
        <h2 id="reply-title">${m.detail.reply}</h2>
        <form @submit=${this.saveReply}>
          <label for="reply" class="visually-hidden">${m.detail.reply}</label>
          <textarea
            id="reply"
            name="reply"
            maxlength=${LIMITS.reply}
            dir="auto"
            aria-describedby="reply-hint"
            .value=${this.draft}
            @input=${(e: Event) => (this.draft = e.target instanceof HTMLTextAreaElement ? e.target.value : this.draft)}
          ></textarea>
          <p class="hint" id="reply-hint">${m.detail.replyHint}</p>
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy || !this.draft.trim()}>
              ${item.reply ? m.detail.replyUpdate : m.detail.replySave}
            </button>
            ${item.reply
              ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${this.removeReply}>${m.detail.replyRemove}</button>`
              : nothing}
            ${noticeAt(this, 'reply')}
          </div>
        </form>
        <h3>${m.detail.preview}</h3>
        <div class="preview" data-testid="reply-preview">
          ${this.draft.trim()
            ? html`<div class="who">${m.detail.merchant}</div>
                <bdi class="text reply" dir="auto">${this.draft}</bdi>`
            : html`<p class="muted">${m.detail.previewEmpty}</p>`}
        </div>
        ${item.reply ? html`<p class="hint"><time datetime=${item.reply.updatedAt}>${formatDateTime(item.reply.updatedAt, this.lang)}</time></p>` : nothing}
      </section>
    `;
  }
}

if (!customElements.get('rb-admin-detail')) customElements.define('rb-admin-detail', RbAdminDetail);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-detail': RbAdminDetail;
  }
}
