/**
 * `<rb-photos>`: a published review's thumbnails and their lightbox. Rendered by the review list
 * in first render as an empty element of reserved height, and defined here, in a lazy chunk, so
 * neither the code nor the images cost first render anything and nothing moves when they come.
 */
import { LitElement, html, nothing } from 'lit';
import type { PublicReview } from '../../../../shared/review.ts';
import { photosEn, type PhotoStrings } from '../../i18n/photos-en.ts';
import { photosFa } from '../../i18n/photos-fa.ts';
import { fill, formatNumber, type Lang } from '../../../../shared/format.ts';
import { arrowStep, photoAlt } from '../../lib/photo-view.ts';
import { styles } from './rb-photos.styles.ts';

/**
 * @summary The photos of one review: lazy thumbnails with their size set (no layout shift) and a
 * modal lightbox (focus kept inside, Esc closes and returns focus, arrow keys move, mirrored
 * right to left; alt text names the photo and the reviewer).
 * @csspart photos - The row of thumbnails. @csspart thumb - One thumbnail button.
 * @csspart lightbox - The dialog. @csspart photo - The large photo.
 */
export class RbPhotos extends LitElement {
  static override properties = { r: { attribute: false }, index: { state: true } };
  static override styles = styles;

  /** The review whose photos are shown. */
  r: PublicReview | null = null;
  private index = -1;
  private opener: HTMLElement | null = null;

  private get shownLang(): Lang {
    return this.closest('[lang]')?.getAttribute('lang') === 'fa' ? 'fa' : 'en';
  }

  private get s(): PhotoStrings {
    return this.shownLang === 'fa' ? photosFa : photosEn;
  }

  private get rtl(): boolean {
    return this.closest('[dir]')?.getAttribute('dir') === 'rtl';
  }

  override render() {
    const photos = this.r?.photos ?? [];
    if (!this.r || !photos.length) return nothing;
    const name = this.r.author.name;
    const s = this.s;
    const lang = this.shownLang;
    const alt = (i: number) => photoAlt(s, lang, name, i, photos.length);
    const shown = photos[this.index];
    return html`<ul part="photos">
        ${photos.map(
          (p, i) => html`<li>
            <button part="thumb" class="thumb" type="button" aria-haspopup="dialog" @click=${(e: Event) => this.show(i, e.currentTarget)}>
              <img src=${p.thumb.url} width=${p.thumb.width} height=${p.thumb.height} loading="lazy" decoding="async" alt=${alt(i)} />
            </button>
          </li>`,
        )}
      </ul>
      <dialog part="lightbox" aria-label=${fill(s.gallery, { name })} @keydown=${this.key} @close=${this.closed}>
        ${shown
          ? html`<figure>
              <img part="photo" src=${shown.full.url} width=${shown.full.width} height=${shown.full.height} alt=${alt(this.index)} />
              <figcaption class="bar">
                <button type="button" class="prev" aria-label=${s.prev} @click=${() => this.move(-1)}>${this.rtl ? '→' : '←'}</button>
                <span aria-live="polite">${formatNumber(this.index + 1, lang)} / ${formatNumber(photos.length, lang)}</span>
                <button type="button" class="next" aria-label=${s.next} @click=${() => this.move(1)}>${this.rtl ? '←' : '→'}</button>
                <button type="button" class="close" @click=${() => this.dialog?.close()}>${s.close}</button>
              </figcaption>
            </figure>`
          : nothing}
      </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private async show(index: number, opener: EventTarget | null) {
    this.opener = opener instanceof HTMLElement ? opener : null;
    this.index = index;
    await this.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('.close')?.focus();
  }

  private move(step: number) {
    const total = this.r?.photos?.length ?? 0;
    if (total) this.index = (this.index + step + total) % total;
  }

  private key = (e: KeyboardEvent) => {
    const total = this.r?.photos?.length ?? 0;
    const next = arrowStep(e.key, this.rtl, this.index, total);
    if (next !== null) {
      e.preventDefault();
      this.index = next;
      return;
    }
    if (e.key !== 'Tab') return;
    // A modal dialog already makes the page inert; wrapping keeps Tab off the browser's chrome too.
    const buttons = [...(this.dialog?.querySelectorAll<HTMLElement>('button') ?? [])];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  /** Esc or the close button: focus goes back to the thumbnail that opened the lightbox. */
  private closed = () => {
    this.index = -1;
    this.opener?.focus();
  };
}

if (!customElements.get('rb-photos')) customElements.define('rb-photos', RbPhotos);
