/**
 * `<rb-photo-picker>`: photos for a review, from the gallery or the camera (the file input lets
 * the phone offer both; `capture` is not forced), by paste anywhere in the form, or by drop.
 * Each photo is downsized and re-encoded in the browser, previewed, uploaded with progress and
 * removable. Loaded lazily by `<rb-form>`, in its own chunk.
 */
import { LitElement, html, nothing } from 'lit';
import { MAX_PHOTOS, PHOTO_MIME_TYPES } from '../../../../shared/photos.ts';
import type { SiteRef } from '../../lib/api.ts';
import { photosEn, type PhotoStrings } from '../../i18n/photos-en.ts';
import { photosFa } from '../../i18n/photos-fa.ts';
import { fill, formatNumber, type Lang } from '../../../../shared/format.ts';
import { preparePhoto, uploadBlob, uploadKey, type Prepared } from '../../lib/photo-upload.ts';
import type { PhotoSlot } from '../../lib/photo-outbox.ts';
import type { PhotoStore } from '../../lib/photo-store.ts';
import { styles } from './rb-photo-picker.styles.ts';

interface Item {
  key: string;
  preview: string;
  /** `kept`: the network failed (offline); the photo goes with the review through the outbox. */
  status: 'preparing' | 'uploading' | 'done' | 'failed' | 'kept';
  progress: number;
  prepared?: Prepared;
  id?: string;
  /** The Idempotency-Keys of this photo's uploads, kept across retries so nothing is stored twice. */
  keys: { full: string; thumb: string };
}

/** What the form hears after every change: the uploaded ids, and whether any photo is not uploaded yet (on its way or failed). */
export class RbPhotosChangeEvent extends Event {
  constructor(
    readonly ids: readonly string[],
    readonly busy: boolean,
  ) {
    super('rb-photos-change', { bubbles: true });
  }
}

/**
 * @summary Photo picker of the review form.
 * @event rb-photos-change - The uploaded ids or the busy state changed (inside the form only).
 * @csspart photos-drop - The drop zone. @csspart photos-pick - The "Add photos" control.
 * @csspart photo-preview - One preview.
 */
export class RbPhotoPicker extends LitElement {
  static override properties = { api: { attribute: false }, language: {}, items: { state: true }, error: { state: true }, over: { state: true } };
  static override styles = styles;

  api: SiteRef | null = null;
  language: Lang = 'en';
  private items: Item[] = [];
  private error = '';
  private over = false;
  private form: HTMLElement | null = null;

  private get s(): PhotoStrings {
    return this.language === 'fa' ? photosFa : photosEn;
  }

  override connectedCallback() {
    super.connectedCallback();
    // Paste works wherever the shopper is typing in the form, not only on the picker.
    this.form = this.closest('form') ?? this;
    this.form.addEventListener('paste', this.pasted);
    addEventListener('online', this.backOnline);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.form?.removeEventListener('paste', this.pasted);
    removeEventListener('online', this.backOnline);
    this.clear();
  }

  /** Forgets every photo (after sending, or when the form is reset). */
  clear() {
    for (const item of this.items) URL.revokeObjectURL(item.preview);
    this.items = [];
    this.error = '';
    this.announce();
  }

  /**
   * For a review sent while some photo is kept: stores the kept photos' bytes and answers every
   * shown photo in order (uploaded ones by id), for the outbox entry; undefined when none is kept.
   */
  async keep(store: PhotoStore): Promise<PhotoSlot[] | undefined> {
    const shown = this.items.filter((x) => x.status === 'done' || x.status === 'kept');
    if (!shown.some((x) => x.status === 'kept')) return undefined;
    const slots: PhotoSlot[] = [];
    for (const x of shown) {
      if (x.status === 'done' && x.id) slots.push({ id: x.id });
      else if (x.prepared) {
        const ref = uploadKey();
        await store.put(ref, x.prepared);
        slots.push({ ref, keys: x.keys });
      }
    }
    return slots;
  }

  override render() {
    const s = this.s;
    const n = (v: number) => formatNumber(v, this.language);
    return html`<div
        part="photos-drop"
        class=${this.over ? 'drop over' : 'drop'}
        @dragover=${this.dragOver}
        @dragleave=${() => (this.over = false)}
        @drop=${this.dropped}
      >
        <label part="photos-pick" class="pick"
          >${s.addPhotos}<input type="file" accept=${PHOTO_MIME_TYPES.join(',')} multiple aria-describedby="photos-hint" @change=${this.chosen}
        /></label>
        <span class="hint muted" id="photos-hint">${fill(s.photosHint, { max: n(MAX_PHOTOS) })}</span>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.items.length
        ? html`<ul>
            ${this.items.map(
              (item, i) => html`<li>
                <img part="photo-preview" src=${item.preview} alt="" />
                ${item.status === 'uploading' || item.status === 'preparing'
                  ? html`<progress max="100" value=${Math.round(item.progress * 100)} aria-label=${fill(s.uploading, { n: n(i + 1), p: n(Math.round(item.progress * 100)) })}></progress>`
                  : item.status === 'failed'
                    ? html`<span class="error">${fill(s.uploadFailed, { n: n(i + 1) })}</span>
                        <button type="button" @click=${() => void this.upload(item)}>${s.retryUpload}</button>`
                    : item.status === 'kept'
                      ? html`<span class="muted" role="status">${fill(s.photoKept, { n: n(i + 1) })}</span>
                          <button type="button" @click=${() => void this.upload(item)}>${s.retryUpload}</button>`
                      : html`<span class="visually-hidden" role="status">${fill(s.uploaded, { n: n(i + 1) })}</span>`}
                <button type="button" class="remove" @click=${() => this.discard(item)}>${fill(s.removePhoto, { n: n(i + 1) })}</button>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  /** Adds photos from any source; files beyond the fifth are refused with a message. */
  add(files: readonly File[]) {
    const room = MAX_PHOTOS - this.items.length;
    const images = files.filter((f) => f.type.startsWith('image/') || f.type === '');
    this.error = images.length > room ? fill(this.s.tooMany, { max: formatNumber(MAX_PHOTOS, this.language) }) : images.length < files.length ? this.s.notAPhoto : '';
    for (const file of images.slice(0, Math.max(0, room))) void this.take(file);
  }

  private async take(file: File) {
    const item: Item = { key: uploadKey(), preview: '', status: 'preparing', progress: 0, keys: { full: uploadKey(), thumb: uploadKey() } };
    this.items = [...this.items, item];
    this.announce();
    try {
      item.prepared = await preparePhoto(file);
    } catch {
      this.items = this.items.filter((x) => x !== item);
      this.error = this.s.notAPhoto;
      this.announce();
      return;
    }
    item.preview = URL.createObjectURL(item.prepared.thumb);
    await this.upload(item);
  }

  private async upload(item: Item) {
    const api = this.api;
    const prepared = item.prepared;
    if (!api || !prepared) return;
    this.patch(item, { status: 'uploading', progress: 0 });
    try {
      const full = await uploadBlob(api, prepared.full, item.keys.full, (f) => this.patch(item, { progress: f * 0.9 }));
      if (!full.ok) return this.refused(item, full.status, full.detail);
      // The thumbnail is small; without it the original serves as thumb, so its failure is not the shopper's problem.
      await uploadBlob(api, prepared.thumb, item.keys.thumb, () => undefined, full.created.id).catch(() => null);
      this.patch(item, { status: 'done', progress: 1, id: full.created.id });
    } catch {
      // No answer at all: offline, most likely. Kept, the photo does not hold the form; a review
      // sent now carries it through the outbox, and the picker tries again when back online.
      this.patch(item, { status: 'kept' });
    }
  }

  private backOnline = () => {
    for (const item of this.items) if (item.status === 'kept') void this.upload(item);
  };

  private refused(item: Item, status: number, detail: string) {
    if (status === 429 || status >= 500) return this.patch(item, { status: 'failed' });
    this.discard(item);
    this.error = status === 415 || status === 422 ? this.s.notAPhoto : detail || this.s.notAPhoto;
  }

  private patch(item: Item, change: Partial<Item>) {
    if (!this.items.includes(item)) return;
    Object.assign(item, change);
    this.items = [...this.items];
    this.announce();
  }

  private discard(item: Item) {
    URL.revokeObjectURL(item.preview);
    this.items = this.items.filter((x) => x !== item);
    this.announce();
  }

  private announce() {
    const ids = this.items.flatMap((x) => (x.status === 'done' && x.id ? [x.id] : []));
    // A failed upload holds the form too: sending without it would drop a photo the shopper still sees.
    this.dispatchEvent(new RbPhotosChangeEvent(ids, this.items.some((x) => x.status !== 'done' && x.status !== 'kept')));
  }

  private chosen = (e: Event) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    this.add([...(input.files ?? [])]);
    input.value = '';
  };

  private pasted = (e: Event) => {
    const files = [...((e as ClipboardEvent).clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.add(files);
  };

  private dragOver = (e: DragEvent) => {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    this.over = true;
  };

  private dropped = (e: DragEvent) => {
    e.preventDefault();
    this.over = false;
    this.add([...(e.dataTransfer?.files ?? [])]);
  };
}

if (!customElements.get('rb-photo-picker')) customElements.define('rb-photo-picker', RbPhotoPicker);
