/**
 * @summary The recovery queue: open cases ordered by due time, overdue ones standing out,
 * filtered by status, priority and assignee, and searched by what a customer on the phone gives
 * (their case ref, email, phone or order number).
 */
import { LitElement, css, html, nothing } from 'lit';
import { AdminCasesPage, CASE_STATUSES, PRIORITIES, type AdminCase } from '../../../../shared/cases.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { formatDateTime, formatRelative } from '../../../../shared/format.ts';
import { report, type Shown } from '../../lib/report.ts';
import { reasonView } from '../../lib/case-reason-view.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbAdminCases extends LitElement {
  static override styles = [
    base,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        margin-block-end: 0.75rem;
      }
      .filters label {
        font-size: 0.875rem;
      }
      .filters select,
      .filters label > input {
        display: block;
      }
      .search {
        flex: 1 1 18rem;
      }
      .search .row {
        display: flex;
        gap: 0.5rem;
      }
      .search input {
        flex: 1;
        min-inline-size: 0;
      }
      .search .hint {
        display: block;
        font-size: 0.8rem;
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-inline-start: 4px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 0.6rem 0.75rem;
      }
      li.overdue {
        border-inline-start-color: var(--rb-danger);
        background: #fef2f2;
      }
      li a {
        color: var(--rb-accent);
        font-weight: 600;
      }
      .overdue-label {
        color: var(--rb-danger);
        font-weight: 700;
      }
      .p1 {
        background: #fee2e2;
        border-color: var(--rb-danger);
        color: #7f1d1d;
      }
      @media (forced-colors: active) {
        li.overdue {
          border-inline-start: 6px double CanvasText;
        }
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    staff: { attribute: false },
    items: { state: true },
    nextCursor: { state: true },
    filters: { state: true },
    problem: { state: true },
    loading: { state: true },
  };

  declare lang: Lang;
  declare staff: { id: string; name: string } | null;
  declare items: AdminCase[];
  declare nextCursor: string | null;
  declare filters: { status: string; priority: string; assignee: string; q: string };
  declare problem: Shown | null;
  declare loading: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.staff = null;
    this.items = [];
    this.nextCursor = null;
    this.filters = { status: '', priority: '', assignee: '', q: '' };
    this.problem = null;
    this.loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private query(cursor?: string) {
    return withQuery('/v1/admin/cases', { ...this.filters, sort: 'due', cursor });
  }

  private async load(more = false) {
    this.loading = true;
    this.problem = null;
    try {
      const page = await request(AdminCasesPage, this.query(more ? (this.nextCursor ?? undefined) : undefined));
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.loading = false;
    }
  }

  private onFilter(event: Event) {
    const t = event.target;
    if (!(t instanceof HTMLSelectElement || t instanceof HTMLInputElement)) return;
    if (t.name !== 'status' && t.name !== 'priority' && t.name !== 'assignee') return;
    this.filters = { ...this.filters, [t.name]: t.value.trim() };
    void this.load();
  }

  private onSearch(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    this.filters = { ...this.filters, q: String(new FormData(form).get('q') ?? '').trim() };
    void this.load();
  }

  /** The reason in the console's language; the shopper's words that decided it stay as typed. */
  private reason(sentence: string) {
    const r = reasonView(sentence, messages(this.lang), this.lang);
    if (r.raw) return html`<span><bdi>${r.summary}</bdi></span>`;
    return html`<span>${r.summary}${r.words.length ? html`: <bdi>${r.words.join(this.lang === 'fa' ? '، ' : ', ')}</bdi>` : nothing}</span>
      ${r.repeat ? html`<span>${r.repeat}</span>` : nothing}`;
  }

  override render() {
    const m = messages(this.lang);
    const now = Date.now();
    return html`
      <h1>${m.cases.title}</h1>
      <div class="filters" role="group" aria-label=${m.queue.filters}>
        <form class="search" role="search" @submit=${this.onSearch}>
          <label for="case-q">${m.cases.search}</label>
          <div class="row">
            <input id="case-q" name="q" type="search" maxlength="200" autocomplete="off" spellcheck="false" .value=${this.filters.q} aria-describedby="case-q-hint" />
            <button type="submit">${m.cases.find}</button>
          </div>
          <span class="hint muted" id="case-q-hint">${m.cases.searchHint}</span>
        </form>
        <label
          >${m.cases.status}
          <select name="status" @change=${this.onFilter}>
            <option value="">${m.cases.open}</option>
            ${CASE_STATUSES.map((s) => html`<option value=${s}>${m.caseStatus[s] ?? s}</option>`)}
          </select></label
        >
        <label
          >${m.cases.priority}
          <select name="priority" @change=${this.onFilter}>
            <option value="">${m.cases.all}</option>
            ${PRIORITIES.map((p) => html`<option value=${p}>${m.priority[p]}</option>`)}
          </select></label
        >
        <label
          >${m.cases.assignee}
          <input name="assignee" type="search" maxlength="80" list="assignees" @change=${this.onFilter} />
        </label>
        ${this.staff ? html`<datalist id="assignees"><option value=${this.staff.name}></option></datalist>` : nothing}
      </div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${this.loading && !this.items.length ? html`<p role="status">${m.loading}</p>` : nothing}
      ${!this.loading && !this.items.length && !this.problem ? html`<p class="muted">${this.filters.q ? m.cases.noMatch : m.cases.empty}</p>` : nothing}
      <ol aria-label=${m.cases.title}>
        ${this.items.map((c) => {
          const late = c.overdue;
          return html`<li class=${late ? 'overdue' : ''}>
            <div class="row">
              <a href=${`#/cases/${encodeURIComponent(c.id)}`}><bdi>${c.ref}</bdi></a>
              <span class="chip ${c.priority === 'P1' ? 'p1' : ''}">${m.priority[c.priority]}</span>
              <span class="chip">${m.caseStatus[c.status] ?? c.status}</span>
              ${late ? html`<span class="overdue-label">${m.cases.overdue}</span>` : nothing}
            </div>
            <div class="row muted">
              ${c.dueAt
                ? html`<span
                    >${m.cases.due}: <time datetime=${c.dueAt} title=${formatDateTime(c.dueAt, this.lang)}>${formatRelative(c.dueAt, this.lang, now)}</time></span
                  >`
                : nothing}
              <span>${m.cases.assignee}: <bdi>${c.assignee ?? m.cases.unassigned}</bdi></span>
              ${this.reason(c.reason)}
            </div>
          </li>`;
        })}
      </ol>
      ${this.nextCursor ? html`<button type="button" @click=${() => this.load(true)}>${m.more}</button>` : nothing}
    `;
  }
}

if (!customElements.get('rb-admin-cases')) customElements.define('rb-admin-cases', RbAdminCases);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-cases': RbAdminCases;
  }
}
