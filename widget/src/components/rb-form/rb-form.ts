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
import { feelingScale } from './rb-feeling.ts';
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
    return html`<form part="form" novalidate @submit=${this.submit}>
      ${Object.keys(this.errors).length
        ? html`<p class="error" role="alert" part="error">${formError ? errorText(s, '', formError) : s.fixErrors}</p>`
        : nothing}
      ${k === 'review' ? this.stars() : nothing}
      ${k === 'story' ? feelingScale({ value: this.feeling, language: this.language, s, onChange: (v) => (this.feeling = v) }) : nothing}
      ${k === 'complaint'
        ? this.field('category', s.category, true, (a) => html`<select id=${a.id} name="category" aria-describedby=${a.describedBy} aria-invalid=${a.invalid} required>
            <option value=""></option>
            ${COMPLAINT_CATEGORIES.map((c) => html`<option value=${c}>${s[`cat_${c}`]}</option>`)}
          </select>`)
        : nothing}
      ${k !== 'complaint' ? this.text('title', s.title, false, LIMITS.title) : nothing}
      ${this.text('body', s[`body_${k}`], true, LIMITS.body, true)}
      ${k === 'complaint' ? [this.text('expected', s.expected, false, LIMITS.expected, true), this.text('desiredOutcome', s.desiredOutcome, false, LIMITS.expected, true)] : nothing}
      ${this.text('author.name', s.name, true, LIMITS.name, false, 'name')}
      ${k === 'review' ? [this.text('author.email', s.email, false, LIMITS.email, false, 'email', s.emailNote, 'email'), notifyRepliesField(s.notifyReplies)] : nothing}
      ${k === 'review'
        ? html`<rb-photo-picker part="photos" .api=${this.api} .language=${this.language} @rb-photos-change=${this.photosChanged}></rb-photo-picker>`
        : nothing}
      ${k === 'complaint'
        ? [
            html`<p class="hint muted" id="contact-note">${s.contactNote}</p>`,
            this.text('author.email', s.email, false, LIMITS.email, false, 'email', undefined, 'email', 'contact-note'),
            this.text('author.phone', s.phone, false, LIMITS.phone, false, 'tel', undefined, 'tel', 'contact-note'),
            this.text('orderRef', s.orderRef, false, LIMITS.orderRef),
          ]
        : nothing}
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

  private get waitsForToken(): boolean {
    return Boolean(this.sitekey) && !this.token && this.challenge === 'waiting';
  }

  private stars() {
    const s = this.s;
    const err = this.errors.rating;
    return html`<fieldset part="field" class="field" aria-describedby=${err ? 'e-rating' : nothing}>
      <legend>${s.rating}</legend>
      <div class="stars">
        ${[1, 2, 3, 4, 5].map(
          (i) => html`<input
              class="visually-hidden"
              type="radio"
              name="rating"
              id="r-${i}"
              value=${i}
              .checked=${this.rating === i}
              aria-invalid=${err ? 'true' : nothing}
              @change=${() => (this.rating = i)}
            /><label for="r-${i}" class=${i <= this.rating ? 'on' : ''}
              ><span aria-hidden="true">★</span
              ><span class="visually-hidden">${formatNumber(i, this.language)} – ${s[`rating_${i}` as `rating_${1 | 2 | 3 | 4 | 5}`]}</span></label
            >`,
        )}
      </div>
      ${err ? html`<span class="error" id="e-rating" part="error">${errorText(s, 'rating', err)}</span>` : nothing}
    </fieldset>`;
  }

  /** One labelled field with its hint, its error and (for long text) a counter, wired for screen readers. */
  private field(
    name: string,
    label: string,
    required: boolean,
    control: (a: { id: string; describedBy: string; invalid: 'true' | 'false' }) => TemplateResult,
    hint?: string,
    extraDescribedBy?: string,
    counter?: number,
  ) {
    const id = `f-${name.replace('.', '-')}`;
    const err = this.errors[name];
    const ids = [hint ? `${id}-hint` : '', counter ? `${id}-count` : '', err ? `${id}-error` : '', extraDescribedBy ?? ''].filter(Boolean).join(' ');
    const n = (v: number) => formatNumber(v, this.language);
    return html`<div part="field" class="field">
      <label for=${id}>${label}${required ? nothing : html` <span class="muted">${this.s.optional}</span>`}</label>
      ${control({ id, describedBy: ids, invalid: err ? 'true' : 'false' })}
      ${hint ? html`<span class="hint muted" id="${id}-hint">${hint}</span>` : nothing}
      ${counter ? html`<span class="hint muted" id="${id}-count">${fill(this.s.counter, { n: n(this.lengths[name] ?? 0), max: n(counter) })}</span>` : nothing}
      ${err ? html`<span class="error" part="error" id="${id}-error">${errorText(this.s, name, err)}</span>` : nothing}
    </div>`;
  }

  private text(name: string, label: string, required: boolean, max: number, long = false, autocomplete = 'off', hint?: string, type = 'text', describedBy?: string) {
    const onInput = (e: Event) => {
      const target = e.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) this.lengths = { ...this.lengths, [name]: [...target.value].length };
    };
    return this.field(
      name,
      label,
      required,
      (a) =>
        long
          ? html`<textarea id=${a.id} name=${name} ?required=${required} aria-describedby=${a.describedBy || nothing} aria-invalid=${a.invalid} @input=${onInput}></textarea>`
          : html`<input
              id=${a.id}
              name=${name}
              type=${type}
              ?required=${required}
              autocomplete=${autocomplete}
              aria-describedby=${a.describedBy || nothing}
              aria-invalid=${a.invalid}
            />`,
      hint,
      describedBy,
      long ? max : undefined,
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
        : html`${this.kind === 'review' ? html`<p>${s.pendingReview}</p>` : this.kind === 'story' ? html`<p>${s.pendingStory}</p>` : nothing}
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
    if (!parsed.success) return this.showErrors(issuesToErrors(parsed.error.issues));

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
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .error[role="alert"]')?.focus();
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
