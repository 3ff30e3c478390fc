/**
 * @summary The moderation queue: filters, search, the list of held submissions, decisions one
 * by one or in bulk, undo, and the keyboard map of `lib/keys.ts` (j/k, a, r, s, o, x, u, ?).
 *
 * Decided items leave the list at once and the request follows; requests run one after
 * another so an undo never overtakes the decision it undoes. A refused decision puts its items
 * back and says why.
 *
 * @event rb-navigate - asks the page to open an item (`detail` is a route).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AdminSubmissionsPage, BulkDecisionResult, DecisionResult, type AdminSubmission, type Decision } from '../../../../shared/admin.ts';
import { FLAGS } from '../../../../shared/site.ts';
import { KINDS, LANGS, SUBMISSION_STATUSES, type Lang } from '../../../../shared/submission.ts';
import { request, send, withQuery } from '../../lib/api.ts';
import { isTextField, keyShortcut, PERSIAN_CAPS, QUEUE_KEYS, queueCommand, type QueueCommand } from '../../lib/keys.ts';
import {
  appendItems,
  current,
  initialQueue,
  move,
  moveTo,
  reinsert,
  removeDecided,
  restoreLast,
  setAllSelected,
  targets,
  toggleSelected,
  withItems,
  type QueueState,
} from '../../lib/queue-state.ts';
import { report, type Shown } from '../../lib/report.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { styles } from './rb-admin-queue.styles.ts';
import '../rb-admin-item/rb-admin-item.ts';
import '../rb-router-actions/rb-router-actions.ts';

interface Filters {
  status: string;
  kind: string;
  stars: string;
  flag: string;
  lang: string;
  order: string;
  /** '' for the moderation queue by status, 'needs-look' for the text router's unsure items. */
  lane: string;
  q: string;
}

const NO_FILTERS: Filters = { status: 'pending', kind: '', stars: '', flag: '', lang: '', order: 'newest', lane: '', q: '' };

export class RbAdminQueue extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    lang: { type: String },
    hidden: { type: Boolean, reflect: true },
    queue: { state: true },
    filters: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    problem: { state: true },
    announcement: { state: true },
    rejectIds: { state: true },
  };

  declare lang: Lang;
  declare queue: QueueState<AdminSubmission>;
  declare filters: Filters;
  declare nextCursor: string | null;
  declare loading: boolean;
  declare problem: Shown | null;
  declare announcement: string;
  /** The items a reject dialog is open for. */
  declare rejectIds: string[] | null;

  /** Serialises requests: each decision or undo starts after the one before it ends. */
  private chain: Promise<void> = Promise.resolve();
  private focusCurrent = false;
  private loadSeq = 0;

  constructor() {
    super();
    this.lang = 'en';
    this.queue = initialQueue([]);
    this.filters = { ...NO_FILTERS };
    this.nextCursor = null;
    this.loading = true;
    this.problem = null;
    this.announcement = '';
    this.rejectIds = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private get m() {
    return messages(this.lang);
  }

  private query(cursor?: string) {
    const f = this.filters;
    return withQuery('/v1/admin/submissions', {
      status: f.status,
      kind: f.kind,
      stars: f.stars,
      flag: f.flag,
      lang: f.lang,
      order: f.order,
      lane: f.lane,
      q: f.q.trim(),
      cursor,
    });
  }

  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.loading = true;
    this.problem = null;
    try {
      const page = await request(AdminSubmissionsPage, this.query());
      if (seq !== this.loadSeq) return;
      this.queue = withItems(this.queue, page.items);
      this.nextCursor = page.nextCursor;
    } catch (err) {
      if (seq === this.loadSeq) this.problem = report(this, err, this.m);
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  private async loadMore() {
    if (!this.nextCursor) return;
    try {
      const page = await request(AdminSubmissionsPage, this.query(this.nextCursor));
      this.queue = appendItems(this.queue, page.items);
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.problem = report(this, err, this.m);
    }
  }

  private onFilter(event: Event) {
    const target = event.target;
    if (!(target instanceof HTMLSelectElement || target instanceof HTMLInputElement)) return;
    const name = target.name;
    if (!(name in this.filters)) return;
    this.filters = { ...this.filters, [name]: target.value };
    this.queue = { ...initialQueue([]), last: null };
    void this.load();
  }

  private onSearch(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    this.filters = { ...this.filters, q: String(new FormData(form).get('q') ?? '') };
    void this.load();
  }

  /** A router correction was saved (or refused): say so and reload, the item may have left the lane. */
  private readonly onCorrected = (event: Event) => {
    if (event instanceof CustomEvent && typeof event.detail?.message === 'string') this.announcement = event.detail.message;
    void this.load();
  };

  private enqueue(op: () => Promise<void>) {
    this.chain = this.chain.then(op, op);
  }

  /** Applies `decision` to the selection, or to the item under the cursor. */
  decide(decision: Decision, reason?: string, ids: string[] = targets(this.queue)): void {
    if (decision === 'approve') {
      // Complaints are worked as cases and never published: "approve" (a, or a bulk approve)
      // leaves them in the queue and says why, instead of asking the server to refuse.
      const complaints = new Set(this.queue.items.filter((i) => i.kind === 'complaint').map((i) => i.id));
      const publishable = ids.filter((id) => !complaints.has(id));
      if (publishable.length < ids.length) this.problem = { message: this.m.workflow.complaintNote, errors: [] };
      ids = publishable;
    }
    if (!ids.length) return;
    this.queue = removeDecided(this.queue, ids, decision);
    // The pressed button left with its item: focus goes on to the next one, under the result.
    this.focusCurrent = true;
    const removed = this.queue.last?.removed ?? [];
    const m = this.m;
    this.announcement = m.decided[decision](ids.length);
    const body = reason ? { decision, reason } : { decision };
    this.enqueue(async () => {
      try {
        const [first] = ids;
        if (ids.length === 1 && first) {
          await request(DecisionResult, `/v1/admin/submissions/${encodeURIComponent(first)}/decision`, { method: 'POST', body });
        } else {
          await request(BulkDecisionResult, '/v1/admin/submissions/decision', { method: 'POST', body: { ids, ...body } });
        }
      } catch (err) {
        this.queue = reinsert(this.queue, removed);
        this.problem = report(this, err, m);
        this.announcement = '';
      }
    });
  }

  undo(): void {
    const last = this.queue.last;
    if (!last) return;
    this.queue = restoreLast(this.queue);
    this.focusCurrent = true;
    const m = this.m;
    this.announcement = m.queue.undone;
    this.enqueue(async () => {
      try {
        for (const { item } of last.removed) {
          await send(`/v1/admin/submissions/${encodeURIComponent(item.id)}/undo`, { method: 'POST' });
        }
      } catch (err) {
        this.problem = report(this, err, m);
        await this.load();
      }
    });
  }

  private openReject(ids = targets(this.queue)) {
    if (!ids.length) return;
    this.rejectIds = ids;
  }

  private submitReject(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    const ids = this.rejectIds;
    if (!(form instanceof HTMLFormElement) || !ids) return;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    this.closeDialogs();
    this.decide('reject', reason || undefined, ids);
  }

  /**
   * `close` is dispatched a task after the dialog closes; in fast keyboard triage the next `r`
   * may have reopened it by then, and that newer dialog must keep its items.
   */
  private readonly onRejectClosed = (event: Event) => {
    if (event.currentTarget instanceof HTMLDialogElement && !event.currentTarget.open) this.rejectIds = null;
  };

  private closeDialogs() {
    this.rejectIds = null;
    this.dialog('help')?.close();
    this.dialog('reject')?.close();
    this.focusCurrent = true;
  }

  private dialog(id: string): HTMLDialogElement | null {
    const el = this.renderRoot.querySelector(`#${id}`);
    return el instanceof HTMLDialogElement ? el : null;
  }

  private open(id: string) {
    this.dispatchEvent(new CustomEvent('rb-navigate', { detail: { view: 'queue', id }, bubbles: true, composed: true }));
  }

  /** The queue's keyboard map; letters typed into a field are left alone. */
  private readonly onKey = (event: KeyboardEvent) => {
    // Hidden while an item is open in the detail view: the keys are not ours then.
    if (this.hidden) return;
    const origin = event.composedPath()[0];
    const el = origin instanceof Element ? origin : null;
    const command = queueCommand({
      key: event.key,
      code: event.code,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      inTextField: isTextField(el),
      onControl: el?.tagName === 'BUTTON' || el?.tagName === 'A',
    });
    if (!command) return;
    const dialogOpen = this.rejectIds !== null || Boolean(this.dialog('help')?.open);
    if (dialogOpen && command !== 'close') return;
    event.preventDefault();
    this.perform(command);
  };

  perform(command: QueueCommand): void {
    this.focusCurrent = true;
    const item = current(this.queue);
    switch (command) {
      case 'next':
        this.queue = move(this.queue, 1);
        return;
      case 'prev':
        this.queue = move(this.queue, -1);
        return;
      case 'approve':
      case 'spam':
        this.decide(command);
        return;
      case 'reject':
        this.openReject();
        return;
      case 'open':
        if (item) this.open(item.id);
        return;
      case 'select':
        if (item) this.queue = toggleSelected(this.queue, item.id);
        return;
      case 'undo':
        this.undo();
        return;
      case 'help':
        this.dialog('help')?.showModal();
        return;
      case 'close':
        this.closeDialogs();
        return;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Back from the detail view, where the item may have been decided: refresh, keep the cursor.
    if (changed.has('hidden') && changed.get('hidden') === true && !this.hidden) {
      this.focusCurrent = true;
      void this.load();
    }
    if (changed.has('rejectIds') && this.rejectIds) {
      const dialog = this.dialog('reject');
      if (dialog && !dialog.open) dialog.showModal();
      const input = dialog?.querySelector('input');
      if (input instanceof HTMLInputElement) {
        input.value = '';
        input.focus();
      }
    }
    if (this.focusCurrent && !this.rejectIds && !this.dialog('help')?.open) {
      this.focusCurrent = false;
      const id = current(this.queue)?.id;
      const li = id ? this.renderRoot.querySelector(`li[data-id="${CSS.escape(id)}"]`) : null;
      if (li instanceof HTMLElement) {
        li.focus({ preventScroll: true });
        li.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  override render() {
    const m = this.m;
    const q = this.queue;
    const selectedCount = q.selected.size;
    return html`
      <h1>${m.queue.title}</h1>
      ${this.renderFilters()}
      <div class="toolbar row" role="toolbar" aria-label=${m.queue.items}>
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${q.items.length > 0 && selectedCount === q.items.length}
            @change=${(e: Event) => (this.queue = setAllSelected(this.queue, e.target instanceof HTMLInputElement && e.target.checked))}
          />
          ${m.queue.selectAll}</label
        >
        ${selectedCount
          ? html`<span class="muted">${m.queue.selected(selectedCount)}</span>
              ${this.decisionButtons(this.filters.status, () => targets(this.queue))}`
          : nothing}
        <span class="spacer"></span>
        <button type="button" ?disabled=${!q.last} @click=${() => this.undo()} aria-keyshortcuts=${keyShortcut('undo')}>${m.queue.undo}</button>
        <button type="button" @click=${() => this.dialog('help')?.showModal()} aria-keyshortcuts=${keyShortcut('help')}>${m.queue.helpButton}</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.problem
        ? html`<div class="error" role="alert">
            <p>${this.problem.message}</p>
            ${this.problem.errors.length
              ? html`<ul>
                  ${this.problem.errors.map((e) => html`<li><code>${e.path}</code> ${e.message}</li>`)}
                </ul>`
              : nothing}
          </div>`
        : nothing}
      ${this.loading && !q.items.length ? html`<p role="status">${m.loading}</p>` : nothing}
      ${!this.loading && !q.items.length && !this.problem ? html`<p class="empty">${m.queue.empty}</p>` : nothing}
      <ol class="list" aria-label=${m.queue.items}>
        ${q.items.map((item, index) => html`${index === this.outcomeAt() ? this.renderOutcome() : nothing}${this.renderItem(item, index === q.cursor)}`)}
        ${this.outcomeAt() >= q.items.length ? this.renderOutcome() : nothing}
      </ol>
      ${this.nextCursor ? html`<button type="button" @click=${this.loadMore}>${m.more}</button>` : nothing}
      ${this.renderRejectDialog()} ${this.renderHelp()}
    `;
  }

  private renderFilters() {
    const m = this.m;
    const f = this.filters;
    const select = (name: keyof Filters, label: string, options: ReadonlyArray<readonly [string, string]>, any = true) => html`
      <label
        >${label}
        <select name=${name} @change=${this.onFilter}>
          ${any ? html`<option value="" ?selected=${f[name] === ''}>${m.queue.any}</option>` : nothing}
          ${options.map(
            // A language is named in itself ("English", "فارسی"), marked so readers pronounce it right.
            ([value, text]) => html`<option value=${value} lang=${ifDefined(name === 'lang' ? value : undefined)} ?selected=${f[name] === value}>${text}</option>`,
          )}
        </select>
      </label>
    `;
    return html`<section class="filters" aria-label=${m.queue.filters}>
      ${select('lane', m.router.lane, [['', m.router.allItems], ['needs-look', m.router.needsLook]] as const, false)}
      ${select('status', m.queue.status, SUBMISSION_STATUSES.map((s) => [s, m.status[s]] as const), false)}
      ${select('kind', m.queue.kind, KINDS.map((k) => [k, m.kind[k]] as const))}
      ${select('stars', m.queue.stars, [1, 2, 3, 4, 5].map((n) => [String(n), formatNumber(n, this.lang)] as const))}
      ${select('flag', m.queue.flag, FLAGS.map((fl) => [fl, m.flag[fl]] as const))}
      ${select('lang', m.queue.lang, LANGS.map((l) => [l, l === 'fa' ? 'فارسی' : 'English'] as const))}
      ${select('order', m.queue.order, [['newest', m.queue.newest], ['oldest', m.queue.oldest]] as const, false)}
      <form class="search" role="search" @submit=${this.onSearch}>
        <label for="q">${m.queue.search}</label>
        <div class="row">
          <input id="q" name="q" type="search" maxlength="200" .value=${f.q} aria-describedby="q-hint" />
          <button type="submit">${m.queue.search}</button>
        </div>
        <span class="hint" id="q-hint">${m.queue.searchHint}</span>
      </form>
    </section>`;
  }

  private decisionButtons(status: string, ids: () => string[]) {
    const m = this.m;
    if (status === 'published') return html`<button type="button" @click=${() => this.decide('hide', undefined, ids())}>${m.decision.hide}</button>`;
    return html`
      <button type="button" class="primary" @click=${() => this.decide('approve', undefined, ids())}>${m.decision.approve}</button>
      ${status === 'pending'
        ? html`<button type="button" @click=${() => this.openReject(ids())}>${m.decision.reject}</button>
            <button type="button" class="danger" @click=${() => this.decide('spam', undefined, ids())}>${m.decision.spam}</button>`
        : nothing}
    `;
  }

  /** A complaint is worked as a case and never published: no "Approve", never "Published". */
  private complaintButtons(item: AdminSubmission) {
    const m = this.m;
    return html`
      ${item.caseRef ? html`<a href=${`#/cases/${encodeURIComponent(item.caseRef)}`}>${m.workflow.openCase}</a>` : nothing}
      ${item.status === 'pending'
        ? html`<button type="button" @click=${() => this.decide('hide', undefined, [item.id])}>${m.workflow.markHandled}</button>
            <button type="button" class="danger" @click=${() => this.decide('spam', undefined, [item.id])}>${m.decision.spam}</button>`
        : nothing}
    `;
  }

  private renderItem(item: AdminSubmission, isCurrent: boolean) {
    const m = this.m;
    const selected = this.queue.selected.has(item.id);
    return html`<li
      data-id=${item.id}
      tabindex=${isCurrent ? '0' : '-1'}
      class=${isCurrent ? 'current' : ''}
      aria-current=${isCurrent ? 'true' : 'false'}
      @focusin=${() => {
        if (!isCurrent) this.queue = moveTo(this.queue, item.id);
      }}
    >
      <div class="select">
        <input
          type="checkbox"
          tabindex="-1"
          .checked=${selected}
          aria-label=${m.queue.select(item.author.name)}
          @change=${() => (this.queue = toggleSelected(this.queue, item.id))}
        />
      </div>
      <rb-admin-item .item=${item} .lang=${this.lang}></rb-admin-item>
      <div class="actions row">
        ${item.kind === 'complaint' ? this.complaintButtons(item) : this.decisionButtons(item.status, () => [item.id])}
        <rb-router-actions .item=${item} .lang=${this.lang} @rb-router-corrected=${this.onCorrected}></rb-router-actions>
        <a href=${`#/queue/${encodeURIComponent(item.id)}`}>${m.queue.open}</a>
      </div>
    </li>`;
  }

  /** Where the last decision's result shows: in place of the first item it took away. */
  private outcomeAt(): number {
    const first = this.queue.last?.removed[0];
    return first ? first.index : -1;
  }

  /**
   * The last decision's result, where the decided item was: "Published", with Undo beside it.
   * Screen readers hear it from the toolbar's live region; this is what sighted staff see.
   */
  private renderOutcome() {
    const last = this.queue.last;
    if (!last) return nothing;
    const m = this.m;
    const decision = last.decision as Decision;
    const allComplaints = last.removed.every((r) => r.item.kind === 'complaint');
    const said = decision === 'hide' && allComplaints ? m.workflow.handled : (m.outcome[decision] ?? m.decided[decision](last.removed.length));
    const first = last.removed[0]?.item;
    const what = last.removed.length === 1 && first ? m.outcome.item(first.author.name) : m.queue.selected(last.removed.length);
    return html`<li class="outcome" data-outcome=${decision}>
      <span class="said"><strong>${said}</strong> · <bdi>${what}</bdi></span>
      <button type="button" @click=${() => this.undo()} aria-keyshortcuts=${keyShortcut('undo')}>${m.outcome.undo}</button>
    </li>`;
  }

  private renderRejectDialog() {
    const m = this.m;
    return html`<dialog id="reject" aria-labelledby="reject-title" @close=${this.onRejectClosed}>
      <form @submit=${this.submitReject}>
        <h2 id="reject-title">${m.queue.rejectTitle}</h2>
        <label for="reason">${m.queue.reasonLabel}</label>
        <input id="reason" name="reason" maxlength="500" autocomplete="off" />
        <div class="row dialog-actions">
          <button type="submit" class="primary">${m.decision.reject}</button>
          <button type="button" @click=${() => this.closeDialogs()}>${m.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderHelp() {
    const m = this.m;
    return html`<dialog id="help" aria-labelledby="help-title" @close=${() => (this.focusCurrent = true)}>
      <h2 id="help-title">${m.queue.help}</h2>
      <p class="hint">${m.shortcuts.intro}</p>
      <dl class="keys">
        ${QUEUE_KEYS.map(
          (k) =>
            html`<div>
              <dt>
                <kbd>${k.cap}</kbd>${this.lang === 'fa' && PERSIAN_CAPS[k.code] ? html` <kbd lang="fa">${PERSIAN_CAPS[k.code]}</kbd>` : nothing}
              </dt>
              <dd>${m.keys[k.command]}</dd>
            </div>`,
        )}
      </dl>
      <button type="button" @click=${() => this.closeDialogs()}>${m.close}</button>
    </dialog>`;
  }
}

if (!customElements.get('rb-admin-queue')) customElements.define('rb-admin-queue', RbAdminQueue);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-queue': RbAdminQueue;
  }
}
