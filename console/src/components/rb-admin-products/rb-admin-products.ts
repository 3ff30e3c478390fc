/**
 * @summary The product catalogue: the products behind subjects (for the Google feed, JSON-LD
 * and emails), found by subject prefix, paged, added, edited and removed. Every change is
 * audited by the server.
 */
import { LitElement, css, html, nothing } from 'lit';
import { FeedsList } from '../../../../shared/feeds.ts';
import { ProductSaved, ProductsPage, type Product } from '../../../../shared/products.ts';
import { PRODUCT_LIMITS } from '../../../../shared/products.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, send, withQuery } from '../../lib/api.ts';
import { PRODUCT_FIELDS, productFormValues, readProductForm, type ProductField } from '../../lib/product-form.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';

export class RbAdminProducts extends LitElement {
  static override styles = [
    noticeStyles,
    base,
    css`
      .scroll {
        overflow-x: auto;
        background: var(--rb-surface);
      }
      form.edit {
        display: grid;
        gap: 0.5rem;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 1rem;
        margin-block-end: 1rem;
      }
      form.edit label {
        display: grid;
        gap: 0.2rem;
      }
      form.edit .actions {
        grid-column: 1 / -1;
      }
      section.feed {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 1rem;
        margin-block-end: 1rem;
      }
      #feed-url {
        inline-size: min(100%, 40rem);
        font-family: ui-monospace, monospace;
      }
      td.id {
        font-family: ui-monospace, monospace;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    items: { state: true },
    nextCursor: { state: true },
    query: { state: true },
    editing: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
    loading: { state: true },
    feeds: { state: true },
  };

  declare lang: Lang;
  declare items: Product[];
  declare nextCursor: string | null;
  declare query: string;
  /** The product in the form: null for a new one. */
  declare editing: Product | null;
  declare problem: Shown | null;
  declare notice: string;
  /** Which button the notice belongs beside (notice.ts). */
  declare noticeAt: string;
  declare loading: boolean;
  declare feeds: FeedsList | null;

  constructor() {
    super();
    this.lang = 'en';
    this.items = [];
    this.nextCursor = null;
    this.query = '';
    this.editing = null;
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
    this.loading = true;
    this.feeds = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.loadFeeds();
  }

  /** Shows `text` beside the button at `at` (and nowhere else). */
  private say(at: string, text: string) {
    this.noticeAt = at;
    this.notice = text;
  }

  private async loadFeeds() {
    try {
      this.feeds = await request(FeedsList, '/v1/admin/feeds');
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async rotateFeed() {
    const m = messages(this.lang);
    if (!confirm(m.catalog.feedConfirm)) return;
    try {
      this.feeds = await request(FeedsList, '/v1/admin/feeds/rotate', { method: 'POST' });
      this.say('feed', m.catalog.feedRotated);
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  private renderFeeds() {
    const m = messages(this.lang);
    const feed = this.feeds?.feeds[0];
    if (!feed) return nothing;
    return html`<section class="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">${m.catalog.feedTitle}</h2>
      <p class="hint">${m.catalog.feedHint}</p>
      <label for="feed-url">${m.catalog.feedUrl}</label>
      <div class="row">
        <input id="feed-url" readonly dir="ltr" .value=${feed.url} @focus=${(e: FocusEvent) => (e.target instanceof HTMLInputElement ? e.target.select() : undefined)} />
        <button type="button" class="danger" @click=${this.rotateFeed}>${m.catalog.feedRotate}</button>
        ${noticeAt(this, 'feed')}
      </div>
    </section>`;
  }

  private async load(cursor?: string) {
    this.loading = true;
    try {
      const page = await request(ProductsPage, withQuery('/v1/admin/products', { cursor, q: this.query }));
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.loading = false;
    }
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    this.query = String(new FormData(form).get('q') ?? '').trim();
    void this.load();
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const m = messages(this.lang);
    const { subject, body } = readProductForm(new FormData(form));
    this.problem = null;
    this.notice = '';
    try {
      const saved = await request(ProductSaved, `/v1/admin/products/${encodeURIComponent(subject)}`, { method: 'PUT', body });
      this.say('save', m.catalog.saved(saved.product.subject));
      this.editing = null;
      form.reset();
      await this.load();
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  private async deleteProduct(product: Product) {
    const m = messages(this.lang);
    if (!confirm(m.catalog.confirmDelete(product.subject))) return;
    try {
      await send(`/v1/admin/products/${encodeURIComponent(product.subject)}`, { method: 'DELETE' });
      this.say('list', m.catalog.deleted(product.subject));
      await this.load();
    } catch (err) {
      this.problem = report(this, err, m);
    }
  }

  private fieldError(field: string): string {
    return (this.problem?.errors ?? []).filter((e) => e.path === field).map((e) => e.message).join(' ');
  }

  private renderForm() {
    const m = messages(this.lang);
    const values = productFormValues(this.editing);
    const input = (field: ProductField | 'subject', required: boolean, type = 'text') => html`<label
      >${m.catalog.field[field]}
      <input
        name=${field}
        type=${type}
        .value=${values[field]}
        ?required=${required}
        ?readonly=${field === 'subject' && this.editing !== null}
        maxlength=${field === 'url' || field === 'imageUrl' ? PRODUCT_LIMITS.url : PRODUCT_LIMITS.name}
        dir=${field === 'name' || field === 'brand' ? 'auto' : 'ltr'}
        aria-invalid=${this.fieldError(field) ? 'true' : 'false'}
      />
      ${this.fieldError(field) ? html`<span class="error">${this.fieldError(field)}</span>` : nothing}</label
    >`;
    return html`<form class="edit" @submit=${this.save} aria-labelledby="edit-title">
      <h2 id="edit-title" class="actions">${this.editing ? m.catalog.edit(this.editing.subject) : m.catalog.add}</h2>
      ${input('subject', true)} ${PRODUCT_FIELDS.map((f) => input(f, f === 'name' || f === 'url', f === 'url' || f === 'imageUrl' ? 'url' : 'text'))}
      <div class="actions row">
        <button type="submit" class="primary">${m.save}</button>
        ${noticeAt(this, 'save')} ${this.editing ? html`<button type="button" @click=${() => (this.editing = null)}>${m.cancel}</button>` : nothing}
      </div>
    </form>`;
  }

  override render() {
    const m = messages(this.lang);
    return html`
      <h1>${m.catalog.title}</h1>
      <p class="hint">${m.catalog.hint}</p>
      ${this.renderFeeds()} ${this.renderForm()}
      ${this.problem && !this.problem.errors.length ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${noticeAt(this, 'list')}
      <form role="search" class="row" @submit=${this.search}>
        <label for="q">${m.catalog.search}</label>
        <input id="q" name="q" type="search" dir="ltr" .value=${this.query} />
        <button type="submit">${m.catalog.find}</button>
      </form>
      ${this.loading ? html`<p role="status">${m.loading}</p>` : nothing}
      ${!this.loading && !this.items.length ? html`<p class="muted">${m.catalog.empty}</p>` : nothing}
      ${this.items.length
        ? html`<div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${m.catalog.field.subject}</th>
                  <th scope="col">${m.catalog.field.name}</th>
                  <th scope="col">${m.catalog.identifiers}</th>
                  <th scope="col"><span class="visually-hidden">${m.catalog.actions}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.items.map(
                  (p) => html`<tr>
                    <td class="id"><bdi>${p.subject}</bdi></td>
                    <td><a href=${p.url} rel="noopener noreferrer" target="_blank"><bdi>${p.name}</bdi></a></td>
                    <td class="id" dir="ltr">${[p.gtin, p.mpn, p.sku, p.brand].filter(Boolean).join(' · ')}</td>
                    <td class="row">
                      <button type="button" @click=${() => (this.editing = p)}>${m.catalog.editButton}</button>
                      <button type="button" class="danger" @click=${() => this.deleteProduct(p)}>${m.catalog.deleteButton}</button>
                    </td>
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

if (!customElements.get('rb-admin-products')) customElements.define('rb-admin-products', RbAdminProducts);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-products': RbAdminProducts;
  }
}
