/**
 * @summary The customer's own view of their case, reached by the signed link they were given
 * (`/track/?site=pk&ref=RB-…&t=TOKEN`): status and public timeline in the case's own language
 * (the one the customer wrote in, not the browser's), the shop's name, the merchant's promised
 * response time (none when none was promised), a way to add a contact when none was left, and
 * after resolution the one-time re-rating form, which publishes nothing unless the customer
 * ticks "update my public review". Staff notes never reach this page: the API does not send them.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ContactAdded, FeedbackResult, PublicCase } from '../../../../shared/cases.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { ApiError, request, withQuery } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { describeError } from '../../lib/report.ts';
import { messages, pickLang } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

interface Link {
  site: string;
  ref: string;
  t: string;
}

function readLink(search: string): Link | null {
  const q = new URLSearchParams(search);
  const site = q.get('site');
  const ref = q.get('ref');
  const t = q.get('t');
  return site && ref && t ? { site, ref, t } : null;
}

export class RbTrack extends LitElement {
  static override styles = [
    base,
    css`
      main {
        max-inline-size: 36rem;
        margin-inline: auto;
        padding: 1rem;
      }
      .status {
        font-size: 1.2rem;
        font-weight: 700;
      }
      ol {
        padding-inline-start: 1.25rem;
      }
      fieldset {
        border: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .star {
        display: inline-flex;
        gap: 0.25rem;
        align-items: center;
        font-weight: normal;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    data: { state: true },
    problem: { state: true },
    sent: { state: true },
    busy: { state: true },
    reviewUpdated: { state: true },
    contactSaved: { state: true },
  };

  declare lang: Lang;
  declare data: PublicCase | null;
  declare problem: string;
  declare sent: boolean;
  declare busy: boolean;
  /** The re-rating was sent with the customer's consent to update their public review. */
  declare reviewUpdated: boolean;
  declare contactSaved: boolean;

  private readonly link = readLink(location.search);

  constructor() {
    super();
    this.lang = pickLang(location.search, null, navigator.languages);
    this.data = null;
    this.problem = '';
    this.sent = false;
    this.busy = false;
    this.reviewUpdated = false;
    this.contactSaved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.speak(this.lang);
    if (!this.link) this.problem = messages(this.lang).track.missing;
    else void this.load();
  }

  /** The page's language and direction: the browser's until the case says which it is in. */
  private speak(lang: Lang) {
    this.lang = lang;
    const m = messages(lang);
    document.documentElement.lang = lang;
    document.documentElement.dir = m.dir;
    document.title = m.track.title;
  }

  private path(link: Link, suffix = '') {
    return withQuery(`/v1/sites/${encodeURIComponent(link.site)}/cases/${encodeURIComponent(link.ref)}${suffix}`, { t: link.t });
  }

  private async load() {
    if (!this.link) return;
    const m = messages(this.lang);
    try {
      this.data = await request(PublicCase, this.path(this.link));
      this.speak(this.data.lang);
    } catch (err) {
      this.problem = err instanceof ApiError && err.status === 404 ? m.track.notFound : describeError(err, m).message;
    }
  }

  private async sendFeedback(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || !this.link) return;
    const data = new FormData(form);
    const rating = Number(data.get('rating'));
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return;
    const comment = String(data.get('comment') ?? '').trim();
    // Only the customer's tick publishes anything: absent, the server keeps it all private.
    const updateReview = data.get('updateReview') === 'yes';
    const m = messages(this.lang);
    this.busy = true;
    this.problem = '';
    try {
      const body = { rating, ...(comment ? { comment } : {}), ...(updateReview ? { updateReview: true } : {}) };
      await request(FeedbackResult, this.path(this.link, '/feedback'), { method: 'POST', body });
      this.sent = true;
      this.reviewUpdated = updateReview;
      await this.load();
    } catch (err) {
      this.problem = describeError(err, m).message;
    } finally {
      this.busy = false;
    }
  }

  private async sendContact(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || !this.link) return;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const phone = String(data.get('phone') ?? '').trim();
    if (!email && !phone) return;
    this.busy = true;
    this.problem = '';
    try {
      const body = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
      await request(ContactAdded, this.path(this.link, '/contact'), { method: 'POST', body });
      this.contactSaved = true;
      await this.load();
    } catch (err) {
      this.problem = describeError(err, messages(this.lang)).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = messages(this.lang);
    const d = this.data;
    return html`<main>
      <h1>${m.track.title}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${d ? this.renderCase(d) : this.problem ? nothing : html`<p role="status">${m.loading}</p>`}
    </main>`;
  }

  private renderCase(d: PublicCase) {
    const m = messages(this.lang);
    const label = (e: PublicCase['timeline'][number]) => {
      if (e.type === 'status' && e.body) return `${m.track.event.status}: ${m.caseStatus[e.body] ?? e.body}`;
      if (e.type === 'promised' && e.body) return `${m.track.event.promised}: ${formatDateTime(e.body, this.lang)}`;
      return m.track.event[e.type] ?? e.type;
    };
    return html`
      <section class="card">
        <p class="shop">${m.workflow.caseWith} <bdi>${d.siteName}</bdi></p>
        <p>${m.track.ref}: <bdi dir="ltr">${d.ref}</bdi></p>
        <p class="status">${m.track.status}: ${m.caseStatus[d.status] ?? d.status}</p>
        ${d.promisedAt ? html`<p>${m.cases.promised}: ${formatDateTime(d.promisedAt, this.lang)}</p>` : nothing}
        ${d.firstResponseDue
          ? html`<p class="promise">${m.track.promised} <time datetime=${d.firstResponseDue}>${formatDateTime(d.firstResponseDue, this.lang)}</time></p>`
          : nothing}
      </section>
      ${this.contactSaved ? html`<p role="status">${m.workflow.contactSaved}</p>` : !d.hasContact && !['recovered', 'not_recovered', 'closed'].includes(d.status) ? this.renderContact() : nothing}
      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">${m.track.timeline}</h2>
        <ol>
          ${d.timeline.map(
            (e) => html`<li>
              <time datetime=${e.at}>${formatDateTime(e.at, this.lang)}</time> — ${label(e)}
              ${e.type === 'message' && e.body ? html`<p class="text" dir="auto"><bdi>${e.body}</bdi></p>` : nothing}
            </li>`,
          )}
        </ol>
      </section>
      ${d.canRate && !this.sent ? this.renderFeedback() : nothing}
      ${this.sent
        ? html`<p role="status">${m.track.thanks}${this.reviewUpdated ? html` ${m.workflow.updateSent}` : nothing}</p>`
        : d.rerating !== null
          ? html`<p>${m.track.already}</p>`
          : nothing}
    `;
  }

  private renderFeedback() {
    const m = messages(this.lang);
    return html`<section class="card" aria-labelledby="feedback">
      <h2 id="feedback">${m.track.feedbackTitle}</h2>
      <p>${m.track.feedbackIntro}</p>
      <form @submit=${this.sendFeedback}>
        <fieldset>
          <legend>${m.track.rating}</legend>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label class="star"><input type="radio" name="rating" value=${n} required /> ${formatNumber(n, this.lang)} ★<span class="visually-hidden">${m.track.star(n)}</span></label>`,
          )}
        </fieldset>
        <label for="comment">${m.track.comment}</label>
        <textarea id="comment" name="comment" maxlength=${LIMITS.body} dir="auto" aria-describedby="comment-hint"></textarea>
        ${this.data?.canUpdateReview
          ? html`<p class="consent">
              <input type="checkbox" id="updateReview" name="updateReview" value="yes" aria-describedby="comment-hint" />
              <label for="updateReview">${m.workflow.updateReview}</label>
            </p>
            <p class="hint" id="comment-hint">${m.workflow.updateReviewHint}</p>`
          : html`<p class="hint" id="comment-hint">${m.workflow.commentPrivate}</p>`}
        <button type="submit" class="primary" ?disabled=${this.busy}>${m.track.send}</button>
      </form>
    </section>`;
  }

  private renderContact() {
    const m = messages(this.lang);
    return html`<section class="card" aria-labelledby="contact-title">
      <p id="contact-title">${m.workflow.noContact}</p>
      <form @submit=${this.sendContact}>
        <label for="email">${m.workflow.email}</label>
        <input id="email" name="email" type="email" autocomplete="email" maxlength=${LIMITS.email} dir="ltr" />
        <label for="phone">${m.workflow.phone}</label>
        <input id="phone" name="phone" type="tel" autocomplete="tel" maxlength=${LIMITS.phone} dir="ltr" />
        <button type="submit" ?disabled=${this.busy}>${m.workflow.addContact}</button>
      </form>
    </section>`;
  }
}

if (!customElements.get('rb-track')) customElements.define('rb-track', RbTrack);

declare global {
  interface HTMLElementTagNameMap {
    'rb-track': RbTrack;
  }
}
