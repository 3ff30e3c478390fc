import { LitElement, html, nothing, type TemplateResult } from 'lit';
import '../../lib/zod-jitless.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { FieldError } from '../../../../shared/problem.ts';
import { COMPLAINT_CATEGORIES, SubmissionInput, type Kind, type Lang, type SubmissionCreated } from '../../../../shared/submission.ts';
import { stripForbiddenCharacters } from '../../../../shared/text.ts';
import { formEn, type FormStrings } from '../../i18n/form-en.ts';
import { formFa } from '../../i18n/form-fa.ts';
import { submit, type SiteRef } from '../../lib/api.ts';
import { deliver, sendChallenged } from '../../lib/deliver.ts';
import { keepPicked, keptRefs } from '../../lib/photo-outbox.ts';
import { errorsByField, errorText, issuesToErrors } from '../../lib/errors.ts';
import { RbErrorEvent, RbQueuedEvent, RbSubmittedEvent } from '../../lib/events.ts';
import { fill, formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { newKey, Outbox, type KeyValueStore, type OutboxEntry } from '../../lib/outbox.ts';
import { loadTurnstile, type TurnstileApi } from '../../lib/turnstile.ts';
import { shared } from '../shared.styles.ts';
import { styles } from './rb-form.styles.ts';
import { feelingKey, feelingScale } from './rb-feeling.ts';
import { orderToken } from '../../lib/order-token.ts';
import { notifyReplies, notifyRepliesField } from './notify-replies.ts';
import { photosEn } from '../../i18n/photos-en.ts';
import { photosFa } from '../../i18n/photos-fa.ts';

/** The photo picker is its own chunk, fetched when a review form is first shown. */
const loadPicker = () => import('../rb-photo-picker/rb-photo-picker.ts');
/** Photos kept offline: the store and uploads that deliver them (shares the picker's upload code). */
const loadPhotoDelivery = () => import('../../lib/photo-delivery.ts');
type PhotosChange = Event & { ids?: readonly string[]; busy?: boolean };

/** The fields each kind shows, by the dotted path the schema and the server's errors use. */
const FIELDS: Record<Kind, readonly string[]> = {
  review: ['rating', 'title', 'body', 'author.name', 'author.email'],
  complaint: ['category', 'body', 'expected', 'desiredOutcome', 'author.name', 'author.email', 'author.phone', 'orderRef'],
  story: ['feeling', 'title', 'body', 'author.name'],
};

/** Each text field's limit, for its counter and for saying the limit in its error. */
const FIELD_LIMITS: Record<string, number> = {
  title: LIMITS.title,
  body: LIMITS.body,
  expected: LIMITS.expected,
  desiredOutcome: LIMITS.expected,
  'author.name': LIMITS.name,
  'author.email': LIMITS.email,
  'author.phone': LIMITS.phone,
  orderRef: LIMITS.orderRef,
};

/** Outbox entries given a fresh token on this page already: one try each, so a check that keeps failing cannot eat every token. */
const respent = new Set<string>();

interface Done {
  created: SubmissionCreated | null;
  queued: boolean;
  /** The shopper left no email or phone: the shop cannot write to them, and they are told so. */
  noContact: boolean;
}

/**
 * @summary The form of one kind (review, complaint or story), validated with the shared schemas
 * before sending, delivered through the offline outbox so nothing typed is ever lost.
 * Loaded lazily by `<rb-feedback>`; not meant to be used on its own.
 * @event rb-submitted - Delivered. @event rb-queued - Saved for later. @event rb-error - Refused.
 * @csspart form - The form. @csspart field - One field. @csspart error - A field's error.
 * @csspart send - The send button. @csspart confirmation - What the shopper sees after sending.
 * @csspart promise - The merchant's promised response time, when they set one (`data-due` holds it as ISO 8601).
 * @csspart challenge - Where the Turnstile challenge renders (only for sites with a Turnstile site key).
 */
export class RbForm extends LitElement {
  static override properties = {
    api: { attribute: false },
    kind: {},
    subject: {},
    language: {},
    overrides: { attribute: false },
    sitekey: { attribute: false },
    resent: { attribute: false },
    errors: { state: true },
    sending: { state: true },
    done: { state: true },
    rating: { state: true },
    feeling: { state: true },
    lengths: { state: true },
    filled: { state: true },
    token: { state: true },
    challenge: { state: true },
    photoIds: { state: true },
    photosBusy: { state: true },
  };

  static override styles = [shared, styles];

  api: SiteRef | null = null;
  kind: Kind = 'review';
  subject = '';
  language: Lang = 'en';
  /** The merchant's string overrides for this language. */
  overrides: Record<string, string> = {};
  /** The site's Turnstile site key: when set, every submission carries a Turnstile token. */
  sitekey: string | null = null;
  /** Called when a saved message that waited for a fresh Turnstile token has been delivered. */
  resent: (() => void) | null = null;

  private errors: Record<string, string> = {};
  private sending = false;
  private done: Done | null = null;
  private rating = 0;
  /** The story's "how did it go?" answer; 0 while not given (it is optional). */
  private feeling = 0;
  private lengths: Record<string, number> = {};
  /** Which fields hold something (by name; the reply-notice box when ticked): what is required depends on it. */
  private filled: Record<string, boolean> = {};
  /** The current, unspent Turnstile token. */
  private token: string | null = null;
  /** `unavailable`: Cloudflare's script did not load (offline, or blocked by the page); tried again when the browser is back online. */
  private challenge: 'waiting' | 'unavailable' = 'waiting';
  /** The rendered challenge, in the language it was rendered in. */
  private turnstile: { api: TurnstileApi; id: string; box: HTMLElement; language: Lang } | null = null;

  private openedAt = Date.now();
  /** Uploaded photos the review will carry, and whether one is still on its way (Send waits). */
  private photoIds: readonly string[] = [];
  private photosBusy = false;

  private get s(): FormStrings {
    return { ...(this.language === 'fa' ? formFa : formEn), ...this.overrides };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('kind') && changed.get('kind') !== undefined) this.reset();
    // Both fetched when the review form shows: a shopper who then goes offline can still keep photos.
    if (this.kind === 'review') void Promise.all([loadPicker(), loadPhotoDelivery()]).catch(() => undefined);
  }

  private photosChanged = (e: PhotosChange) => {
    this.photoIds = e.ids ?? [];
    this.photosBusy = e.busy ?? false;
  };

  override render() {
    return this.done ? this.confirmation(this.done) : this.form();
  }

  protected override updated() {
    void this.syncChallenge();
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('online', this.online);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('online', this.online);
    this.dropChallenge();
  }

  /** Back online: a challenge whose script could not load gets another try (the render after this does it). */
  private online = () => {
    if (this.challenge === 'unavailable') this.challenge = 'waiting';
  };

  /** Keeps one challenge rendered in the form's box while the form is shown, none otherwise. */
  private async syncChallenge() {
    const box = this.renderRoot.querySelector<HTMLElement>('[part="challenge"]');
    // A new box (another form) or another language: the challenge is drawn again, in the shopper's language.
    if (this.turnstile && (this.turnstile.box !== box || this.turnstile.language !== this.language)) this.dropChallenge();
    if (!box || !this.isConnected || !this.sitekey || this.turnstile || box.dataset.loading || this.challenge === 'unavailable') return;
    box.dataset.loading = '1';
    let api: TurnstileApi;
    try {
      api = await loadTurnstile();
    } catch {
      // Offline, or the page's CSP blocks Cloudflare: sending without a token still saves the
      // message in the outbox, and the server's refusal keeps it there until a token can be had.
      this.challenge = 'unavailable';
      return;
    } finally {
      delete box.dataset.loading;
    }
    if (!box.isConnected || this.turnstile || !this.sitekey) return;
    this.challenge = 'waiting';
    const id = api.render(box, {
      sitekey: this.sitekey,
      language: this.language,
      callback: (token) => void this.gotToken(token),
      'error-callback': () => (this.token = null),
      'expired-callback': () => (this.token = null),
    });
    if (id) this.turnstile = { api, id, box, language: this.language };
  }

  private dropChallenge() {
    if (this.turnstile) this.turnstile.api.remove(this.turnstile.id);
    this.turnstile = null;
    this.token = null;
  }

  /** A spent or refused token: ask Turnstile for a new one. */
  private renewToken() {
    this.token = null;
    if (this.turnstile) this.turnstile.api.reset(this.turnstile.id);
  }

  /** A message saved earlier whose token expired gets the first fresh token; the form gets the next. */
  private async gotToken(token: string) {
    const api = this.api;
    const outbox = api && new Outbox(pageStorage(), api.site);
    const waiting = outbox?.challenged().find((e) => !respent.has(e.key));
    if (!api || !outbox || !waiting) {
      this.token = token;
      return;
    }
    respent.add(waiting.key);
    const photos = waiting.photos?.length ? await loadPhotoDelivery().then((m) => m.pagePhotos(api), () => undefined) : undefined;
    const outcome = await sendChallenged(outbox, token, (x) => submit(api, x.key, x.body), Date.now, Math.random, photos);
    if (outcome?.result === 'delivered') {
      this.resent?.();
      this.dispatchEvent(new RbSubmittedEvent(waiting.body.kind, outcome.created?.id ?? null, outcome.created?.case?.ref ?? null));
    }
    this.renewToken();
  }

  private form() {
    const s = this.s;
    const k = this.kind;
    const formError = this.errors[''];
    return html`<form part="form" novalidate @submit=${this.submit} @input=${this.onInput} @change=${this.onInput}>
      ${Object.keys(this.errors).length
        ? html`<p class="error" role="alert" part="error" id="form-error" tabindex="-1">${formError ? this.message('', formError) : s.fixErrors}</p>`
        : nothing}
      <p class="hint muted">${s.requiredNote}</p>
      ${k === 'review' ? this.stars() : nothing}
      ${k === 'story' ? feelingScale({ value: this.feeling, language: this.language, s, onChange: (v) => (this.feeling = v) }) : nothing}
      ${k === 'complaint'
        ? this.field('category', s.category, { hint: s.categoryNote }, (a) => html`<select id=${a.id} name="category" aria-describedby=${a.describedBy} aria-invalid=${a.invalid} required>
            <option value="" disabled selected>${s.categoryPick}</option>
            ${COMPLAINT_CATEGORIES.map((c) => html`<option value=${c}>${s[`cat_${c}`]}</option>`)}
          </select>`)
        : nothing}
      ${k !== 'complaint' ? this.text('title', s.title, { optional: true }) : nothing}
      ${this.text('body', s[`body_${k}`], { long: true })}
      ${k === 'complaint' ? [this.text('expected', s.expected, { optional: true, long: true }), this.text('desiredOutcome', s.desiredOutcome, { optional: true, long: true })] : nothing}
      ${this.text('author.name', s.name, { autocomplete: 'name', hint: k === 'review' ? s.nameShown : s.nameShop })}
      ${k === 'review'
        ? [
            this.text('author.email', s.email, {
              // Optional, except that a reply notice needs somewhere to go.
              optional: !this.filled.notifyReplies,
              marker: this.filled.notifyReplies ? s.forReplies : undefined,
              autocomplete: 'email',
              type: 'email',
              hint: s.emailNote,
            }),
            notifyRepliesField(s.notifyReplies),
          ]
        : nothing}
      ${k === 'review'
        ? html`<rb-photo-picker part="photos" .api=${this.api} .language=${this.language} @rb-photos-change=${this.photosChanged}></rb-photo-picker>`
        : nothing}
      ${k === 'complaint' ? [this.contact(), this.text('orderRef', s.orderRef, { optional: true })] : nothing}
      <div class="hp" aria-hidden="true">
        <label for="f-hp">${s.honeypot}</label>
        <input id="f-hp" name="hp" type="text" tabindex="-1" autocomplete="off" />
      </div>
      ${this.sitekey
        ? html`<div part="challenge" class="challenge"></div>
            ${this.waitsForToken ? html`<p class="hint muted" role="status">${s.checkingHuman}</p>` : nothing}`
        : nothing}
      ${this.photosBusy ? html`<p class="hint muted" id="photos-wait">${(this.language === 'fa' ? photosFa : photosEn).waitForPhotos}</p>` : nothing}
      <button part="send" class="send" type="submit" ?disabled=${this.sending || this.waitsForToken || this.photosBusy} aria-describedby=${this.photosBusy ? 'photos-wait' : nothing}>
        ${this.sending ? s.sending : s.send}
      </button>
    </form>`;
  }

  /** Remembers which fields hold something and how long the long ones are, for the counters and the contact rule. */
  private onInput = (e: Event) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'checkbox') {
      this.filled = { ...this.filled, [t.name]: t.checked };
    } else if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) {
      if (t.type === 'radio') return;
      this.filled = { ...this.filled, [t.name]: t.value.trim() !== '' };
      if (t instanceof HTMLTextAreaElement) this.lengths = { ...this.lengths, [t.name]: [...t.value].length };
    }
  };

  private get waitsForToken(): boolean {
    return Boolean(this.sitekey) && !this.token && this.challenge === 'waiting';
  }

  /**
   * The complaint's email and phone: one of them is required, so each says when it is; once one
   * is given the other reads "(optional)". The "one of them" error belongs to the group.
   */
  private contact() {
    const s = this.s;
    const missing = this.errors['author.email'] === 'contact_required';
    const group = ['contact-note', missing ? 'contact-error' : ''].filter(Boolean).join(' ');
    const email = this.filled['author.email'];
    const phone = this.filled['author.phone'];
    // The note and the error are read with each input (below), not again for the group.
    return html`<fieldset part="field" class="field contact">
      <legend>${s.contact}</legend>
      <span class="hint muted" id="contact-note">${s.contactNote}</span>
      ${this.text('author.email', s.email, { optional: Boolean(phone && !email), marker: phone && !email ? undefined : s.ifNoPhone, autocomplete: 'email', type: 'email', describedBy: group, invalid: missing })}
      ${this.text('author.phone', s.phone, { optional: Boolean(email && !phone), marker: email && !phone ? undefined : s.ifNoEmail, autocomplete: 'tel', type: 'tel', describedBy: group, invalid: missing })}
      ${missing ? html`<span class="error" part="error" id="contact-error">${this.message('author.email', 'contact_required')}</span>` : nothing}
    </fieldset>`;
  }

  /**
   * The stars as one radio group with one tab stop: arrow keys (mirrored right to left), Home/End
   * and the number keys 1–5 (Latin or Persian) choose, as on the story's feeling scale.
   */
  private stars() {
    const s = this.s;
    const err = this.errors.rating;
    const onKey = (e: KeyboardEvent) => {
      const next = feelingKey(e.key, this.rating, this.language === 'fa');
      if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      this.rating = next;
      this.renderRoot.querySelector<HTMLInputElement>(`#r-${next}`)?.focus();
    };
    return html`<fieldset part="field" class="field" role="radiogroup" aria-required="true" aria-describedby=${err ? 'e-rating' : nothing} @keydown=${onKey}>
      <legend>${s.rating}</legend>
      <div class="stars">
        ${[1, 2, 3, 4, 5].map(
          (i) => html`<input
              class="visually-hidden"
              type="radio"
              name="rating"
              id="r-${i}"
              value=${i}
              tabindex=${this.rating === i || (this.rating === 0 && i === 1) ? '0' : '-1'}
              .checked=${this.rating === i}
              aria-invalid=${err ? 'true' : nothing}
              aria-describedby=${err ? 'e-rating' : nothing}
              @change=${() => (this.rating = i)}
            /><label for="r-${i}" class=${i <= this.rating ? 'on' : ''}
              ><span aria-hidden="true">★</span
              ><span class="visually-hidden">${formatNumber(i, this.language)} – ${s[`rating_${i}` as `rating_${1 | 2 | 3 | 4 | 5}`]}</span></label
            >`,
        )}
      </div>
      ${err ? html`<span class="error" id="e-rating" part="error">${this.message('rating', err)}</span>` : nothing}
    </fieldset>`;
  }

  /** What a field's error says, in the shopper's language: what is expected, with the limit where there is one. */
  private message(name: string, code: string): string {
    const s = this.s;
    const max = FIELD_LIMITS[name];
    if (code === 'too_big' && max) return fill(s.err_too_big, { max: formatNumber(max, this.language) });
    if (code === 'invalid_format' && name === 'author.email') return s.err_email;
    if (code === 'invalid_format' && name === 'author.phone') return s.err_phone;
    if (name === 'category' && code !== 'forbidden_characters') return s.err_category;
    return errorText(s, name, code);
  }

  /** One labelled field with its hint, its error and (for long text) a counter, wired for screen readers. */
  private field(
    name: string,
    label: string,
    o: { optional?: boolean; marker?: string; hint?: string; describedBy?: string; invalid?: boolean; counter?: number },
    control: (a: { id: string; describedBy: string; invalid: 'true' | 'false'; required: boolean }) => TemplateResult,
  ) {
    const id = `f-${name.replace('.', '-')}`;
    const err = this.errors[name];
    const own = err && !(name === 'author.email' && err === 'contact_required');
    const ids = [o.hint ? `${id}-hint` : '', o.counter ? `${id}-count` : '', own ? `${id}-error` : '', o.describedBy ?? ''].filter(Boolean).join(' ');
    const n = (v: number) => formatNumber(v, this.language);
    const length = this.lengths[name] ?? 0;
    const over = o.counter !== undefined && length > o.counter;
    const marker = o.optional ? this.s.optional : o.marker;
    return html`<div part="field" class="field">
      <label for=${id}>${label}${marker ? html` <span class="muted">${marker}</span>` : nothing}</label>
      ${control({ id, describedBy: ids, invalid: own || o.invalid ? 'true' : 'false', required: !o.optional })}
      ${o.hint ? html`<span class="hint muted" id="${id}-hint">${o.hint}</span>` : nothing}
      ${o.counter
        ? html`<span class=${over ? 'hint count over' : 'hint count muted'} id="${id}-count"
              >${over ? fill(this.s.counterOver, { n: n(length), max: n(o.counter), over: n(length - o.counter) }) : fill(this.s.counter, { n: n(length), max: n(o.counter) })}</span
            ><span class="visually-hidden" aria-live="polite">${over ? fill(this.s.overLimit, { max: n(o.counter) }) : ''}</span>`
        : nothing}
      ${own ? html`<span class="error" part="error" id="${id}-error">${this.message(name, err)}</span>` : nothing}
    </div>`;
  }

  private text(
    name: string,
    label: string,
    o: { optional?: boolean; marker?: string; long?: boolean; autocomplete?: string; type?: string; hint?: string; describedBy?: string; invalid?: boolean } = {},
  ) {
    const max = FIELD_LIMITS[name] ?? LIMITS.body;
    return this.field(name, label, { ...o, counter: o.long ? max : undefined }, (a) =>
      o.long
        ? html`<textarea id=${a.id} name=${name} ?required=${a.required} aria-describedby=${a.describedBy || nothing} aria-invalid=${a.invalid}></textarea>`
        : html`<input
            id=${a.id}
            name=${name}
            type=${o.type ?? 'text'}
            ?required=${a.required}
            autocomplete=${o.autocomplete ?? 'off'}
            aria-describedby=${a.describedBy || nothing}
            aria-invalid=${a.invalid}
          />`,
    );
  }

  private confirmation(done: Done) {
    const s = this.s;
    const receipt = done.created?.case;
    const track = receipt && /^https?:\/\//.test(receipt.trackUrl) ? receipt.trackUrl : null;
    return html`<div part="confirmation" class="done" role="status" tabindex="-1">
      <p><strong>${s.thanks}</strong></p>
      ${done.queued
        ? html`<p>${navigator.onLine ? s.retrying : s.queued}</p>`
        : html`${this.kind !== 'complaint' ? html`<p>${this.afterSending(done)}</p>` : nothing}
          ${receipt
            ? html`<p>${fill(done.noContact ? s.caseNoContact : s.caseOpened, { ref: receipt.ref })}</p>
                ${track ? html`<p><a href=${track} target="_blank" rel="noopener">${s.track}</a></p>` : nothing}
                ${receipt.firstResponseDue
                  ? html`<p part="promise" data-due=${receipt.firstResponseDue}>${fill(s.respondBy, { date: formatDateTime(receipt.firstResponseDue, this.language) })}</p>`
                  : nothing}`
            : nothing}`}
      <button type="button" @click=${() => this.reset()}>${s.another}</button>
    </div>`;
  }

  /**
   * What happens to it now, as it is: a review is shown at once or once the shop has checked it;
   * a story goes to the shop only (the public list shows reviews, never stories).
   */
  private afterSending(done: Done): string {
    const s = this.s;
    if (this.kind === 'story') return s.pendingStory;
    return done.created?.status === 'published' ? s.publishedReview : s.pendingReview;
  }

  private clearPhotos() {
    const picker = this.renderRoot.querySelector('rb-photo-picker');
    if (picker && 'clear' in picker && typeof picker.clear === 'function') picker.clear();
    this.photoIds = [];
    this.photosBusy = false;
  }

  private reset() {
    this.clearPhotos();
    this.done = null;
    this.errors = {};
    this.rating = 0;
    this.feeling = 0;
    this.lengths = {};
    this.filled = {};
    this.openedAt = Date.now();
    this.renderRoot.querySelector('form')?.reset();
  }

  private submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const api = this.api;
    const form = e.currentTarget;
    if (this.sending || this.waitsForToken || this.photosBusy || !api || !(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    const value = (name: string) => stripForbiddenCharacters(String(data.get(name) ?? '')).trim();
    const optional = (name: string) => value(name) || undefined;
    const kind = this.kind;
    const author = { name: value('author.name'), email: optional('author.email') };
    const common = {
      subject: this.subject,
      lang: this.language,
      body: value('body'),
      meta: { hp: optional('hp'), elapsedMs: Math.max(0, Math.round(Date.now() - this.openedAt)), turnstile: (this.sitekey && this.token) || undefined },
    };
    // Only the keys of this kind: the schemas are strict and refuse any other, even undefined.
    const raw =
      kind === 'review'
        ? { kind, ...common, rating: Number(data.get('rating')) || undefined, title: optional('title'), author, orderToken: orderToken(), notifyReplies: notifyReplies(data, author.email), photos: this.photoIds.length ? [...this.photoIds] : undefined }
        : kind === 'story'
          ? { kind, ...common, feeling: this.feeling || undefined, title: optional('title'), author: { name: author.name } }
          : {
              kind,
              ...common,
              category: optional('category'),
              expected: optional('expected'),
              desiredOutcome: optional('desiredOutcome'),
              orderRef: optional('orderRef'),
              author: { ...author, phone: optional('author.phone') },
            };
    const parsed = SubmissionInput.safeParse(raw);
    // A ticked reply notice with no address would silently notify no one: ask for the address.
    const noAddress: FieldError[] = kind === 'review' && data.get('notifyReplies') === 'on' && !author.email ? [{ path: 'author.email', code: 'notify_email', message: '' }] : [];
    if (!parsed.success || noAddress.length) return this.showErrors([...(parsed.success ? [] : issuesToErrors(parsed.error.issues)), ...noAddress]);

    const outbox = new Outbox(pageStorage(), api.site);
    this.sending = true;
    // Photos that could not be uploaded (offline) go with the entry, their bytes in IndexedDB.
    const photos = kind === 'review' ? await loadPhotoDelivery().then((m) => m.pagePhotos(api), () => undefined) : undefined;
    const kept = photos && (await keepPicked(this.renderRoot.querySelector('rb-photo-picker'), photos.store));
    const entry: OutboxEntry = { key: newKey((b) => crypto.getRandomValues(b)), body: parsed.data, attempts: 0, nextAt: 0, ...(kept ? { photos: kept } : {}) };
    // Saved before the first attempt: a reload or a crash mid-request loses nothing.
    outbox.put(entry);
    const outcome = await deliver(outbox, entry, (x) => submit(api, x.key, x.body), Date.now, Math.random, photos);
    this.sending = false;
    // Turnstile tokens are single-use: whatever happened, the next send needs a new one.
    if (this.sitekey) this.renewToken();
    if (outcome.result === 'challenge') {
      // The shopper is here to send it again with the new token; keeping this copy would send it twice.
      outbox.remove(entry.key);
      void photos?.store.delete(keptRefs(kept));
      this.dispatchEvent(new RbErrorEvent(kind, 403, ['turnstile']));
      return this.showErrors([{ path: '', code: 'turnstile', message: '' }]);
    }
    if (outcome.result === 'refused') {
      const errors = outcome.problem?.errors?.length ? outcome.problem.errors : [{ path: '', code: outcome.status === 429 ? 'rate_limited' : 'generic', message: '' }];
      this.dispatchEvent(new RbErrorEvent(kind, outcome.status, errors.map((x) => x.code)));
      return this.showErrors(errors);
    }
    this.errors = {};
    form.reset();
    this.rating = 0;
    this.feeling = 0;
    this.lengths = {};
    this.filled = {};
    this.clearPhotos();
    const body = parsed.data;
    const noContact = !(body.author.email || (body.kind === 'complaint' && body.author.phone) || (body.kind === 'review' && body.orderToken));
    this.done = { created: outcome.result === 'delivered' ? outcome.created : null, queued: outcome.result === 'retry', noContact };
    this.dispatchEvent(
      outcome.result === 'delivered' ? new RbSubmittedEvent(kind, outcome.created?.id ?? null, outcome.created?.case?.ref ?? null) : new RbQueuedEvent(kind),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.done')?.focus();
  };

  private async showErrors(errors: readonly FieldError[]) {
    this.errors = errorsByField(errors, FIELDS[this.kind]);
    await this.updateComplete;
    // The first field to fix, in the order the shopper reads them; its error is in its description.
    // Only an error no field shows (a refused check, a server problem) leaves focus on the summary.
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]:not([tabindex="-1"])') ?? this.renderRoot.querySelector<HTMLElement>('#form-error');
    first?.focus();
  }
}

/** localStorage when the page allows it, else a store that lives as long as the page. */
function pageStorage(): KeyValueStore {
  try {
    localStorage.getItem('');
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    };
  }
}

if (!customElements.get('rb-form')) customElements.define('rb-form', RbForm);
