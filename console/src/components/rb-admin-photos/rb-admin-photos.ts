/**
 * @summary The photos of one submission for staff: pending reviews' photos too (served by the
 * staff API, never cached), each with a button that hides it from the public or shows it again
 * without touching the review. Every change is audited by the API.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { AdminPhoto, AdminPhotos } from '../../../../shared/photos.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';

export class RbAdminPhotos extends LitElement {
  static override styles = [
    base,
    noticeStyles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        gap: 0.25rem;
        justify-items: start;
      }
      img {
        block-size: 8rem;
        inline-size: auto;
        border-radius: 0.25rem;
      }
      .hidden img {
        opacity: 0.4;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    submissionId: { type: String },
    items: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare submissionId: string;
  declare items: AdminPhoto[] | null;
  declare problem: Shown | null;
  declare notice: string;
  declare noticeAt: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.submissionId = '';
    this.items = null;
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('submissionId') && this.submissionId) void this.load();
  }

  private async load() {
    try {
      this.items = (await request(AdminPhotos, `/v1/admin/photos?submission=${encodeURIComponent(this.submissionId)}`)).items;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async toggle(photo: AdminPhoto) {
    const m = messages(this.lang).photos;
    this.busy = true;
    try {
      const changed = await request(AdminPhoto, `/v1/admin/photos/${encodeURIComponent(photo.id)}/hidden`, { method: 'POST', body: { hidden: !photo.hidden } });
      this.items = (this.items ?? []).map((p) => (p.id === changed.id ? changed : p));
      this.notice = changed.hidden ? m.hiddenNotice : m.shownNotice;
      this.noticeAt = `photo-${photo.id}`;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = messages(this.lang).photos;
    const items = this.items;
    if (!items?.length && !this.problem) return nothing;
    return html`<section class="card" aria-labelledby="photos-title">
      <h2 id="photos-title">${m.title}</h2>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      <ul>
        ${(items ?? []).map(
          (p, i) => html`<li class=${p.hidden ? 'hidden' : ''}>
            <a href=${p.full.url} target="_blank" rel="noopener"
              ><img src=${p.thumb.url} width=${p.thumb.width} height=${p.thumb.height} alt=${m.alt(i + 1, items?.length ?? 0)} loading="lazy"
            /></a>
            ${p.hidden ? html`<span class="hint">${m.hidden}</span>` : nothing}
            <button type="button" class=${p.hidden ? '' : 'danger'} ?disabled=${this.busy} @click=${() => void this.toggle(p)}>
              ${p.hidden ? m.show : m.hide}
            </button>
            ${noticeAt(this, `photo-${p.id}`)}
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

if (!customElements.get('rb-admin-photos')) customElements.define('rb-admin-photos', RbAdminPhotos);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-photos': RbAdminPhotos;
  }
}
