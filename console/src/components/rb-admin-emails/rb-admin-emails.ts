/**
 * @summary The Emails page: who sends review requests and from which addresses, the templates
 * (subject and opening line per email and language, with a preview as sent), and every outgoing
 * email with its state. Previews show the text part and the HTML source as text: the page never
 * renders email HTML.
 */
import { LitElement, css, html, nothing } from 'lit';
import { AdminSettings } from '../../../../shared/admin.ts';
import { AdminEmailsPage, EMAIL_KINDS, EMAIL_MODES, EMAIL_STATES, EmailPreview, type AdminEmail, type EmailKind, type EmailState } from '../../../../shared/email.ts';
import { LANGS, type Lang } from '../../../../shared/submission.ts';
import { request, withQuery } from '../../lib/api.ts';
import { sendingFromForm, templateInto, type EmailSettingsParse } from '../../lib/email-settings.ts';
import { formatDateTime, formatNumber } from '../../../../shared/format.ts';
import { emailReason } from '../../lib/email-reason.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';

export class RbAdminEmails extends LitElement {
  static override styles = [
    base,
    noticeStyles,
    css`
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: var(--rb-surface);
        padding: 0.5rem;
        max-block-size: 24rem;
        overflow: auto;
      }
      .scroll {
        overflow-x: auto;
      }
      input[type='text'],
      input[type='email'],
      textarea {
        inline-size: 100%;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    settings: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    filter: { state: true },
    kind: { state: true },
    tplLang: { state: true },
    preview: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
  };

  declare lang: Lang;
  declare settings: AdminSettings | null;
  declare items: AdminEmail[];
  declare nextCursor: string | null;
  declare filter: EmailState | '';
  declare kind: EmailKind;
  declare tplLang: Lang;
  declare preview: EmailPreview | null;
  declare problem: Shown | null;
  declare notice: string;
  declare noticeAt: string;

  constructor() {
    super();
    this.lang = 'en';
    this.settings = null;
    this.items = [];
    this.nextCursor = null;
    this.filter = '';
    this.kind = 'review.request';
    this.tplLang = 'en';
    this.preview = null;
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadSettings();
    void this.loadList();
  }

  private async loadSettings() {
    try {
      this.settings = await request(AdminSettings, '/v1/admin/settings');
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async loadList(cursor?: string) {
    try {
      const page = await request(AdminEmailsPage, withQuery('/v1/admin/emails', { status: this.filter, cursor }));
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async save(parsed: EmailSettingsParse, at: string) {
    if (!parsed.ok) {
      this.problem = { message: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors: parsed.errors };
      return;
    }
    try {
      this.settings = await request(AdminSettings, '/v1/admin/settings', { method: 'PUT', body: parsed.value });
      this.problem = null;
      this.notice = messages(this.lang).emails.saved;
      this.noticeAt = at;
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private templateFields(): { subject: string; intro: string } {
    const root = this.renderRoot;
    const subject = root.querySelector<HTMLInputElement>('#tpl-subject')?.value ?? '';
    const intro = root.querySelector<HTMLTextAreaElement>('#tpl-intro')?.value ?? '';
    return { subject, intro };
  }

  private async showPreview() {
    const { subject, intro } = this.templateFields();
    try {
      this.preview = await request(EmailPreview, '/v1/admin/emails/preview', {
        method: 'POST',
        body: { kind: this.kind, lang: this.tplLang, template: { ...(subject.trim() ? { subject } : {}), ...(intro.trim() ? { intro } : {}) } },
      });
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  override render() {
    const m = messages(this.lang).emails;
    const mm = messages(this.lang);
    const s = this.settings?.settings;
    const saved = s?.emailTemplates[this.kind]?.[this.tplLang];
    return html`
      <h1>${m.title}</h1>
      <p class="muted">${m.intro}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${s && this.settings
        ? html`<form
              class="card"
              aria-labelledby="sending"
              @submit=${(e: Event) => {
                e.preventDefault();
                if (this.settings) void this.save(sendingFromForm(new FormData(e.target as HTMLFormElement), this.settings), 'sending');
              }}
            >
              <h2 id="sending">${m.sending}</h2>
              <fieldset>
                <legend>${m.mode}</legend>
                ${EMAIL_MODES.map(
                  (mode) => html`<label class="choice"><input type="radio" name="emailMode" value=${mode} ?checked=${s.emailMode === mode} /> ${m.modes[mode]}</label>`,
                )}
              </fieldset>
              <label for="from">${m.from}</label>
              <input id="from" name="emailFrom" type="email" .value=${s.emailFrom ?? ''} aria-describedby="from-hint" />
              <span class="hint" id="from-hint">${m.fromHint}</span>
              <label for="reply-to">${m.replyTo}</label>
              <input id="reply-to" name="emailReplyTo" type="email" .value=${s.emailReplyTo ?? ''} />
              <label for="reminder">${m.reminderDays}</label>
              <input id="reminder" name="reviewReminderDays" type="number" min="0" max="60" .value=${String(s.reviewReminderDays)} />
              <p><button type="submit">${m.save}</button>${noticeAt(this, 'sending')}</p>
            </form>
            <section class="card" aria-labelledby="templates">
              <h2 id="templates">${m.templates}</h2>
              <p class="hint">${m.templatesHint}</p>
              <div class="row">
                <label>${m.template}
                  <select @change=${(e: Event) => ((this.kind = (e.target as HTMLSelectElement).value as EmailKind), (this.preview = null))}>
                    ${EMAIL_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${m.kind[k]}</option>`)}
                  </select>
                </label>
                <label>${m.language}
                  <select @change=${(e: Event) => ((this.tplLang = (e.target as HTMLSelectElement).value as Lang), (this.preview = null))}>
                    ${LANGS.map((l) => html`<option value=${l} ?selected=${l === this.tplLang}>${l === 'fa' ? 'فارسی' : 'English'}</option>`)}
                  </select>
                </label>
              </div>
              <label for="tpl-subject">${m.subject}</label>
              <input id="tpl-subject" type="text" maxlength="200" dir="auto" .value=${saved?.subject ?? ''} />
              <label for="tpl-intro">${m.opening}</label>
              <textarea id="tpl-intro" rows="3" maxlength="1000" dir="auto" .value=${saved?.intro ?? ''}></textarea>
              <p class="row">
                <button type="button" @click=${() => this.showPreview()}>${m.preview}</button>
                <button
                  type="button"
                  @click=${() => {
                    const { subject, intro } = this.templateFields();
                    if (this.settings) void this.save(templateInto(this.settings, this.kind, this.tplLang, subject, intro), 'template');
                  }}
                >
                  ${m.save}
                </button>${noticeAt(this, 'template')}
              </p>
              ${this.preview
                ? html`<dl>
                      <dt>${m.subject}</dt>
                      <dd><bdi>${this.preview.subject}</bdi></dd>
                      <dt>${mm.emailFrom}</dt>
                      <dd dir="ltr"><bdi>${this.preview.from}</bdi></dd>
                      ${this.preview.replyTo ? html`<dt>${mm.emailReplyTo}</dt><dd dir="ltr"><bdi>${this.preview.replyTo}</bdi></dd>` : nothing}
                      <dt>${m.headers}</dt>
                      <dd dir="ltr">${Object.entries(this.preview.headers).map(([k, v]) => html`<div><code>${k}: ${v}</code></div>`)}</dd>
                    </dl>
                    <h3>${m.textPart}</h3>
                    <pre dir=${this.tplLang === 'fa' ? 'rtl' : 'ltr'}>${this.preview.text}</pre>
                    <details>
                      <summary>${m.htmlPart}</summary>
                      <pre dir="ltr">${this.preview.html}</pre>
                    </details>`
                : nothing}
            </section>`
        : nothing}
      <section class="card" aria-labelledby="outgoing">
        <h2 id="outgoing">${m.title}</h2>
        <label>${m.filter}
          <select
            @change=${(e: Event) => {
              this.filter = (e.target as HTMLSelectElement).value as EmailState | '';
              void this.loadList();
            }}
          >
            <option value="">${m.all}</option>
            ${EMAIL_STATES.map((st) => html`<option value=${st} ?selected=${st === this.filter}>${m.state[st]}</option>`)}
          </select>
        </label>
        ${this.items.length === 0 ? html`<p class="muted">${m.none}</p>` : nothing}
        ${this.items.length
          ? html`<div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${m.template}</th>
                    <th scope="col">${m.filter}</th>
                    <th scope="col">${m.to}</th>
                    <th scope="col">${m.due}</th>
                    <th scope="col">${m.sentAt}</th>
                    <th scope="col">${m.attempts}</th>
                    <th scope="col">${m.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.items.map(
                    (e) => html`<tr>
                      <td>${m.kind[e.kind]} (${e.lang === 'fa' ? 'فارسی' : 'English'})</td>
                      <td>${m.state[e.state]}</td>
                      <td><bdi>${e.to}</bdi></td>
                      <td><time datetime=${e.dueAt}>${formatDateTime(e.dueAt, this.lang)}</time></td>
                      <td>${e.sentAt ? html`<time datetime=${e.sentAt}>${formatDateTime(e.sentAt, this.lang)}</time>` : '—'}</td>
                      <td>${formatNumber(e.attempts, this.lang)}</td>
                      <td>${emailReason(e.reason, mm)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing}
        ${this.nextCursor ? html`<button type="button" @click=${() => this.loadList(this.nextCursor ?? undefined)}>${messages(this.lang).more}</button>` : nothing}
      </section>
    `;
  }
}

if (!customElements.get('rb-admin-emails')) customElements.define('rb-admin-emails', RbAdminEmails);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-emails': RbAdminEmails;
  }
}
