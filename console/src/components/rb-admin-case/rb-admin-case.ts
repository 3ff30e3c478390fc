/**
 * @summary One recovery case: the customer's words and contact, the order, the timeline,
 * private notes, and the fields staff move it along with (status, assignee, priority, promised
 * date, root cause, resolution), plus quick actions (mark contacted, copy contact, assign to me).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import {
  AdminCaseDetail,
  CASE_STATUSES,
  PRIORITIES,
  ROOT_CAUSES,
  type CasePatch,
} from '../../../../shared/cases.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, send } from '../../lib/api.ts';
import { formatDateTime, formatRelative } from '../../../../shared/format.ts';
import { casePatchFromForm, contactOf, newMessageKey } from '../../lib/case-form.ts';
import { report, runAction, type Shown } from '../../lib/report.ts';
import { reasonView, type ReasonView } from '../../lib/case-reason-view.ts';
import { timelineView } from '../../lib/timeline.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import '../rb-admin-item/rb-admin-item.ts';
import '../rb-case-links/rb-case-links.ts';
import '../rb-case-emails/rb-case-emails.ts';

export class RbAdminCase extends LitElement {
  static override styles = [
    base,
    noticeStyles,
    css`
      .reason .words bdi {
        background: var(--rb-sunken);
        padding-inline: 0.25em;
        border-radius: 3px;
      }
      ol.timeline li {
        margin-block-end: 0.5rem;
      }
      ol.timeline .who {
        color: var(--rb-muted);
      }
      .card.overdue {
        border-inline-start: 4px solid var(--rb-danger);
      }
      a {
        color: var(--rb-accent);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.75rem;
      }
      .grid input,
      .grid select {
        inline-size: 100%;
      }
      ol.timeline {
        padding-inline-start: 1.25rem;
      }
      .private {
        font-size: 0.75rem;
      }
      .overdue-label {
        color: var(--rb-danger);
        font-weight: 700;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    caseId: { type: String },
    staff: { attribute: false },
    detail: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare caseId: string;
  declare staff: { id: string; name: string } | null;
  declare detail: AdminCaseDetail | null;
  declare problem: Shown | null;
  declare notice: string;
  declare noticeAt: string;
  declare busy: boolean;
  /**
   * The key of the message now in the box: kept while the same message is retried, renewed
   * once it was sent, so the server sends each message once.
   */
  private messageKey = newMessageKey((b) => crypto.getRandomValues(b));

  constructor() {
    super();
    this.lang = 'en';
    this.caseId = '';
    this.staff = null;
    this.detail = null;
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseId') && this.caseId) void this.load();
  }

  private get path() {
    return `/v1/admin/cases/${encodeURIComponent(this.caseId)}`;
  }

  private async load() {
    try {
      this.detail = await request(AdminCaseDetail, this.path);
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private run(op: () => Promise<unknown>, notice: string, at: string) {
    return runAction(this, op, notice, () => this.load(), at);
  }

  private patch(body: CasePatch, at: string) {
    return this.run(() => send(this.path, { method: 'PATCH', body }), messages(this.lang).saved, at);
  }

  private onSave(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    const current = this.detail?.case;
    if (!(form instanceof HTMLFormElement) || !current) return;
    const parsed = casePatchFromForm(new FormData(form), current, this.messageKey);
    if (!parsed.ok) {
      this.problem = { message: messages(this.lang).error, errors: parsed.errors };
      return;
    }
    const patch = parsed.value;
    if (!patch) return;
    void this.run(async () => {
      await send(this.path, { method: 'PATCH', body: patch });
      if (patch.publicMessage) {
        // Sent: the box empties and the next message gets its own key.
        const box = form.elements.namedItem('publicMessage');
        if (box instanceof HTMLTextAreaElement) box.value = '';
        this.messageKey = newMessageKey((b) => crypto.getRandomValues(b));
      }
    }, messages(this.lang).saved, 'save');
  }

  private onNote(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const body = String(new FormData(form).get('note') ?? '').trim();
    if (!body) return;
    void this.run(async () => {
      await send(`${this.path}/notes`, { method: 'POST', body: { body } });
      form.reset();
    }, messages(this.lang).saved, 'note');
  }

  private async copyContact(text: string) {
    const m = messages(this.lang);
    try {
      await navigator.clipboard.writeText(text);
      this.notice = m.cases.copied;
      this.noticeAt = 'copy';
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  private renderReason(r: ReasonView) {
    return reasonTemplate(r, messages(this.lang));
  }

  override render() {
    const m = messages(this.lang);
    const d = this.detail;
    return html`
      <p><a href="#/cases">${m.cases.back}</a></p>
      ${this.problem
        ? html`<div class="error" role="alert">
            <p>${this.problem.message}</p>
            ${this.problem.errors.map((e) => html`<p><code>${e.path}</code> ${e.message}</p>`)}
          </div>`
        : nothing}
      ${d ? this.renderCase(d) : this.problem ? nothing : html`<p role="status">${m.loading}</p>`}
    `;
  }

  private renderCase(d: AdminCaseDetail) {
    const m = messages(this.lang);
    const c = d.case;
    const contact = contactOf(d.submissions);
    const now = Date.now();
    return html`
      <h1><bdi>${c.ref}</bdi></h1>
      <section class="card ${c.overdue ? 'overdue' : ''}" aria-label=${m.cases.title}>
        <div class="row">
          <span class="chip">${m.priority[c.priority]}</span>
          <span class="chip">${m.caseStatus[c.status] ?? c.status}</span>
          ${c.overdue ? html`<span class="overdue-label">${m.cases.overdue}</span>` : nothing}
          ${c.dueAt
            ? html`<span>${m.cases.due}: <time datetime=${c.dueAt} title=${formatDateTime(c.dueAt, this.lang)}>${formatRelative(c.dueAt, this.lang, now)}</time></span>`
            : nothing}
        </div>
        <p class="muted">${m.caseMore.opened} <time datetime=${c.createdAt}>${formatDateTime(c.createdAt, this.lang)}</time></p>
        ${this.renderReason(reasonView(c.reason, m, this.lang))}
        <div class="row">
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.patch({ status: c.status === 'new' ? 'acknowledged' : 'in_progress' }, 'contacted')}>
            ${m.cases.markContacted}</button
          >${noticeAt(this, 'contacted')}
          ${contact ? html`<button type="button" @click=${() => this.copyContact(contact)}>${m.cases.copyContact}</button>${noticeAt(this, 'copy')}` : nothing}
          ${this.staff
            ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.staff && this.patch({ assignee: this.staff.name }, 'assign')}>${m.cases.assignToMe}</button
                >${noticeAt(this, 'assign')}`
            : nothing}
        </div>
        <p><strong>${m.cases.contact}:</strong> ${contact ? html`<bdi>${contact}</bdi>` : m.caseMore.noContact}</p>
        ${c.orderRef ? html`<p><strong>${m.cases.order}:</strong> <bdi>${c.orderRef}</bdi></p>` : nothing}
      </section>

      <section class="card" aria-labelledby="words">
        <h2 id="words">${m.cases.customerWords}</h2>
        ${d.submissions.map((s) => html`<rb-admin-item .item=${s} .lang=${this.lang} full></rb-admin-item>`)}
      </section>

      <rb-case-links .lang=${this.lang} caseId=${c.id} @rb-case-changed=${() => this.load()}></rb-case-links>

      <section class="card" aria-labelledby="edit">
        <h2 id="edit">${m.cases.update}</h2>
        <form @submit=${this.onSave}>
          <div class="grid">
            <label
              >${m.cases.status}
              <select name="status">
                ${CASE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === c.status}>${m.caseStatus[s] ?? s}</option>`)}
              </select></label
            >
            <label
              >${m.cases.priority}
              <select name="priority">
                ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === c.priority}>${m.priority[p]}</option>`)}
              </select></label
            >
            <label>${m.cases.assignee} <input name="assignee" maxlength=${LIMITS.name} .value=${c.assignee ?? ''} /></label>
            <label
              >${m.cases.promised}
              <input name="promisedAt" type="datetime-local" .value=${c.promisedAt ? toLocalInput(c.promisedAt) : ''} />${c.promisedAt
                ? // The browser's date field speaks its own calendar; the date as the console says it sits under it.
                  html`<span class="hint"><time datetime=${c.promisedAt}>${formatDateTime(c.promisedAt, this.lang)}</time></span>`
                : nothing}</label
            >
            <label
              >${m.cases.rootCause}
              <select name="rootCause">
                <option value="" ?selected=${!c.rootCause}>${m.caseMore.unset}</option>
                ${ROOT_CAUSES.map((r) => html`<option value=${r} ?selected=${r === c.rootCause}>${m.rootCause[r]}</option>`)}
              </select></label
            >
            <label
              >${m.cases.resolved}
              <select name="resolved">
                <option value="" ?selected=${c.resolvedOk === null}>${m.caseMore.unset}</option>
                <option value="yes" ?selected=${c.resolvedOk === true}>${m.caseMore.resolvedYes}</option>
                <option value="no" ?selected=${c.resolvedOk === false}>${m.caseMore.resolvedNo}</option>
              </select></label
            >
          </div>
          <label for="resolution">${m.cases.resolution}</label>
          <textarea id="resolution" name="resolution" maxlength=${LIMITS.note} .value=${c.resolution ?? ''}></textarea>
          <label for="publicMessage">${m.caseMore.publicMessage}</label>
          <textarea id="publicMessage" name="publicMessage" maxlength=${LIMITS.reply}></textarea>
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy}>${m.cases.update}</button>${noticeAt(this, 'save')}
          </div>
        </form>
      </section>

      <rb-case-emails .lang=${this.lang} .caseId=${c.id} .updatedAt=${c.updatedAt}></rb-case-emails>
      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">${m.cases.timeline}</h2>
        <ol class="timeline">
          ${d.timeline.map((e) => {
            const v = timelineView(e, m, this.lang);
            return html`<li data-type=${e.type}>
              <time datetime=${e.at}>${formatDateTime(e.at, this.lang)}</time> · <strong>${v.label}</strong>
              ${e.public ? nothing : html`<span class="chip private">${m.caseMore.privateEvent}</span>`}
              <span class="who">· <bdi>${v.who}</bdi></span>
              ${v.detail ? html`<div>${v.detail}</div>` : nothing}
              ${v.reason ? this.renderReason(v.reason) : nothing}
              ${v.text ? html`<div class="text"><bdi>${v.text}</bdi></div>` : nothing}
            </li>`;
          })}
        </ol>
        <h3>${m.cases.notes}</h3>
        <form @submit=${this.onNote}>
          <label for="note" class="visually-hidden">${m.cases.notes}</label>
          <textarea id="note" name="note" maxlength=${LIMITS.note} placeholder=${m.cases.notePlaceholder}></textarea>
          <button type="submit" ?disabled=${this.busy}>${m.cases.noteAdd}</button>${noticeAt(this, 'note')}
        </form>
      </section>
    `;
  }
}

/** Why the case opened, in the console's language; the shopper's own words stay as typed. */
function reasonTemplate(r: ReasonView, m: ReturnType<typeof messages>) {
  return html`<div class="reason">
    ${r.raw ? html`<bdi>${r.summary}</bdi>` : html`<span>${r.summary}</span>`}
    ${r.words.length ? html`<span class="words">· ${m.reasonMore.words}: ${r.words.map((w, i) => html`${i ? (m.dir === 'rtl' ? '، ' : ', ') : ''}<bdi>${w}</bdi>`)}</span>` : nothing}
    ${r.repeat ? html`<div><strong>${r.repeat}</strong></div>` : nothing}
  </div>`;
}

/** `datetime-local` wants local "YYYY-MM-DDTHH:mm" without a zone. */
function toLocalInput(isoString: string): string {
  const d = new Date(isoString);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

if (!customElements.get('rb-admin-case')) customElements.define('rb-admin-case', RbAdminCase);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-case': RbAdminCase;
  }
}
