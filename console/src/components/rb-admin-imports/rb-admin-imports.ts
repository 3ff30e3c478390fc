/**
 * @summary Import reviews exported from another platform: pick the platform, choose the file,
 * preview (rows, valid, already imported, the first problems by row and column), import, and
 * watch the rows done of the total. Importing the same file again adds nothing.
 */
import { LitElement, css, html, nothing } from 'lit';
import { IMPORT_SOURCES, ImportPreview, ImportProgress, ImportsList, ImportStarted, type ImportJob, type ImportSource } from '../../../../shared/imports.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { driveImport, importShare } from '../../lib/import-progress.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbAdminImports extends LitElement {
  static override styles = [
    base,
    css`
      form,
      section {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 1rem;
        margin-block-end: 1rem;
      }
      label {
        display: grid;
        gap: 0.2rem;
        margin-block-end: 0.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 1rem;
      }
      dd {
        margin: 0;
      }
      progress {
        inline-size: min(100%, 28rem);
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    source: { state: true },
    file: { state: true },
    preview: { state: true },
    job: { state: true },
    history: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  declare lang: Lang;
  declare source: ImportSource;
  declare file: File | null;
  declare preview: ImportPreview | null;
  declare job: ImportJob | null;
  declare history: ImportJob[];
  declare busy: boolean;
  declare problem: Shown | null;

  constructor() {
    super();
    this.lang = 'en';
    this.source = 'judgeme';
    this.file = null;
    this.preview = null;
    this.job = null;
    this.history = [];
    this.busy = false;
    this.problem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadHistory();
  }

  private async loadHistory() {
    try {
      this.history = (await request(ImportsList, '/v1/admin/imports')).items;
      // A job left running (the page was closed) is picked up again.
      const running = this.history.find((j) => j.status === 'running');
      if (running && !this.job) void this.drive(running);
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private choose(event: Event) {
    const input = event.target;
    this.file = input instanceof HTMLInputElement ? (input.files?.[0] ?? null) : null;
    this.preview = null;
    this.job = null;
  }

  private pick(event: Event) {
    const value = event.target instanceof HTMLSelectElement ? event.target.value : '';
    const source = IMPORT_SOURCES.find((s) => s === value);
    if (source) this.source = source;
    this.preview = null;
    this.job = null;
  }

  private async dryRun(event: SubmitEvent) {
    event.preventDefault();
    if (!this.file) return;
    this.busy = true;
    this.problem = null;
    this.job = null;
    try {
      this.preview = await request(ImportPreview, withQuery('/v1/admin/imports', { source: this.source, dryRun: 1 }), { method: 'POST', csv: this.file });
    } catch (err) {
      this.preview = null;
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.busy = false;
    }
  }

  private async runImport() {
    if (!this.file) return;
    this.busy = true;
    this.problem = null;
    try {
      const started = await request(ImportStarted, withQuery('/v1/admin/imports', { source: this.source }), { method: 'POST', csv: this.file });
      await this.drive(started.import);
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.busy = false;
    }
  }

  private async drive(job: ImportJob) {
    try {
      await driveImport(
        job,
        async (id) => (await request(ImportProgress, `/v1/admin/imports/${encodeURIComponent(id)}/run`, { method: 'POST' })).import,
        (j) => (this.job = j),
      );
      this.history = (await request(ImportsList, '/v1/admin/imports')).items;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private renderPreview(p: ImportPreview) {
    const m = messages(this.lang);
    const n = (v: number) => formatNumber(v, this.lang);
    const fresh = p.valid - p.duplicates;
    return html`<section aria-labelledby="preview-title">
      <h2 id="preview-title">${m.imports.preview}</h2>
      <dl>
        <dt>${m.imports.rows}</dt>
        <dd data-count="rows">${n(p.rows)}</dd>
        <dt>${m.imports.valid}</dt>
        <dd data-count="valid">${n(p.valid)}</dd>
        <dt>${m.imports.duplicates}</dt>
        <dd data-count="duplicates">${n(p.duplicates)}</dd>
        <dt>${m.imports.errors}</dt>
        <dd data-count="errors">${n(p.errorCount)}</dd>
      </dl>
      ${p.errors.length
        ? html`<table>
            <caption>${m.imports.firstErrors}</caption>
            <thead>
              <tr>
                <th scope="col">${m.imports.row}</th>
                <th scope="col">${m.imports.column}</th>
                <th scope="col">${m.imports.problem}</th>
              </tr>
            </thead>
            <tbody>
              ${p.errors.slice(0, 20).map(
                (e) => html`<tr>
                  <td>${n(e.row)}</td>
                  <td dir="ltr"><code>${e.field}</code></td>
                  <td dir="ltr">${e.message}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      <p>${fresh > 0 ? m.imports.willAdd(n(fresh)) : m.imports.nothingNew}</p>
      <button type="button" class="primary" ?disabled=${this.busy || fresh <= 0} @click=${this.runImport}>${m.imports.importButton}</button>
    </section>`;
  }

  private renderJob(job: ImportJob) {
    const m = messages(this.lang);
    const n = (v: number) => formatNumber(v, this.lang);
    return html`<section aria-labelledby="job-title">
      <h2 id="job-title">${job.status === 'done' ? m.imports.finished : m.imports.running}</h2>
      <progress max="1" .value=${importShare(job)} aria-labelledby="job-title"></progress>
      <p role="status" data-progress>${m.imports.progress(n(job.done), n(job.total))}</p>
      ${job.status === 'done' ? html`<p>${m.imports.added(n(job.inserted))}</p>` : nothing}
    </section>`;
  }

  override render() {
    const m = messages(this.lang);
    return html`
      <h1>${m.imports.title}</h1>
      <p class="hint">${m.imports.hint}</p>
      <form @submit=${this.dryRun}>
        <label
          >${m.imports.platform}
          <select name="source" @change=${this.pick}>
            ${IMPORT_SOURCES.map((s) => html`<option value=${s} ?selected=${s === this.source}>${m.imports.sources[s]}</option>`)}
          </select></label
        >
        <label
          >${m.imports.file}
          <input name="file" type="file" accept=".csv,text/csv" required @change=${this.choose}
        /></label>
        <button type="submit" ?disabled=${this.busy || !this.file}>${m.imports.previewButton}</button>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${this.preview && !this.job ? this.renderPreview(this.preview) : nothing} ${this.job ? this.renderJob(this.job) : nothing}
      ${this.history.length
        ? html`<section aria-labelledby="history-title">
            <h2 id="history-title">${m.imports.history}</h2>
            <ul>
              ${this.history.map(
                (j) => html`<li>
                  <time datetime=${j.createdAt}>${formatDateTime(j.createdAt, this.lang)}</time> · ${m.imports.sources[j.source]} ·
                  ${m.imports.progress(formatNumber(j.done, this.lang), formatNumber(j.total, this.lang))} ·
                  ${m.imports.added(formatNumber(j.inserted, this.lang))}
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-admin-imports')) customElements.define('rb-admin-imports', RbAdminImports);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-imports': RbAdminImports;
  }
}
