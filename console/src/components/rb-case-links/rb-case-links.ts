/**
 * @summary Staff's view of "probably the same customer" on a case page: the other open cases
 * that share the customer's email, phone or order number (and why), merge and split buttons,
 * and the customer's tracking link, which staff can rotate (the new link is shown once).
 *
 * @event rb-case-changed - a merge or split changed the case; the case page reloads.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { CaseLinks, TrackLinkRotated } from '../../../../shared/case-links.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request, send } from '../../lib/api.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import { noticeAt, noticeStyles } from '../notice/notice.ts';

export class RbCaseLinks extends LitElement {
  static override styles = [
    base,
    noticeStyles,
    css`
      ul {
        padding-inline-start: 1.25rem;
      }
      li {
        margin-block: 0.35rem;
      }
      a {
        color: var(--rb-accent);
      }
      .link {
        word-break: break-all;
      }
    `,
  ];
  static override properties = {
    lang: { type: String },
    caseId: { type: String },
    links: { state: true },
    trackUrl: { state: true },
    problem: { state: true },
    notice: { state: true },
    noticeAt: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare caseId: string;
  declare links: CaseLinks | null;
  declare trackUrl: string;
  declare problem: Shown | null;
  declare notice: string;
  declare noticeAt: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.caseId = '';
    this.links = null;
    this.trackUrl = '';
    this.problem = null;
    this.notice = '';
    this.noticeAt = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseId') && this.caseId) {
      this.trackUrl = '';
      void this.load();
    }
  }

  private path(id = this.caseId) {
    return `/v1/admin/cases/${encodeURIComponent(id)}`;
  }

  private async load() {
    try {
      this.links = await request(CaseLinks, `${this.path()}/links`);
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  private async act(op: () => Promise<void>, notice: string, changed: boolean, at = '') {
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      await op();
      this.notice = notice;
      this.noticeAt = at;
      if (changed) this.dispatchEvent(new CustomEvent('rb-case-changed', { bubbles: true, composed: true }));
      await this.load();
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    } finally {
      this.busy = false;
    }
  }

  private merge(id: string, into: string) {
    return this.act(async () => void (await send(`${this.path(id)}/merge`, { method: 'POST', body: { into } })), messages(this.lang).caseLinks.merged, true, `merge-${id}`);
  }

  private split(id: string) {
    return this.act(async () => void (await send(`${this.path(id)}/split`, { method: 'POST' })), messages(this.lang).caseLinks.splitDone, true, `split-${id}`);
  }

  /**
   * Only a hash of the tracking link is stored, so the link the customer holds cannot be shown
   * again: staff get a new one, copied at once, and the old one stops working (said on the page).
   */
  private async rotateAndCopy() {
    const m = messages(this.lang);
    let copied = true;
    await this.act(
      async () => {
        const res = await send(`${this.path()}/track-link`, { method: 'POST' });
        this.trackUrl = TrackLinkRotated.parse(await res.json()).trackUrl;
        try {
          await navigator.clipboard.writeText(this.trackUrl);
        } catch {
          // Clipboard refused (no permission, insecure context): the link is shown to copy by hand.
          copied = false;
        }
      },
      m.tracking.copied,
      false,
      'track',
    );
    if (!copied && this.trackUrl) this.notice = m.tracking.copyFailed;
  }

  override render() {
    const m = messages(this.lang).caseLinks;
    const t = messages(this.lang).tracking;
    const l = this.links;
    return html`
      <section class="card" aria-labelledby="same-customer">
        <h2 id="same-customer">${m.title}</h2>
        ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
        ${l?.mergedInto
          ? html`<p>
              ${m.mergedInto} <a href=${`#/cases/${encodeURIComponent(l.mergedInto)}`}>${m.open}</a>
              <button type="button" ?disabled=${this.busy} @click=${() => this.split(l.caseId)}>${m.split}</button>${noticeAt(this, `split-${l.caseId}`)}
            </p>`
          : nothing}
        ${l?.merged.length
          ? html`<h3>${m.mergedHere}</h3>
              <ul>
                ${l.merged.map(
                  (c) => html`<li>
                    <a href=${`#/cases/${encodeURIComponent(c.caseId)}`}><bdi>${c.ref}</bdi></a>
                    <button type="button" ?disabled=${this.busy} @click=${() => this.split(c.caseId)}>${m.split}</button>${noticeAt(this, `split-${c.caseId}`)}
                  </li>`,
                )}
              </ul>`
          : nothing}
        ${l && l.links.length === 0 ? html`<p class="muted">${m.none}</p>` : nothing}
        ${l && l.links.length > 0
          ? html`<p class="muted">${m.hint}</p>
              <ul>
                ${l.links.map(
                  (c) => html`<li>
                    <a href=${`#/cases/${encodeURIComponent(c.caseId)}`}><bdi>${c.ref}</bdi></a>
                    <span class="chip">${messages(this.lang).priority[c.priority]}</span>
                    ${c.reasons.map((r) => html`<span class="chip">${m.reason[r]}</span>`)}
                    ${c.mergedInto === null && l.mergedInto === null && c.caseId !== l.mergedInto
                      ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.merge(c.caseId, l.caseId)}>${m.mergeHere}</button>${noticeAt(this, `merge-${c.caseId}`)}`
                      : nothing}
                  </li>`,
                )}
              </ul>`
          : nothing}
        <h3>${t.title}</h3>
        <p class="muted" id="track-hint">${t.hint}</p>
        <div class="row">
          <button type="button" ?disabled=${this.busy} aria-describedby="track-hint" @click=${() => this.rotateAndCopy()}>${t.create}</button>${noticeAt(this, 'track')}
        </div>
        ${this.trackUrl
          ? html`<p class="link"><bdi dir="ltr">${this.trackUrl}</bdi></p>
              <p><a href=${this.trackUrl} target="_blank" rel="noopener">${t.open}</a></p>`
          : nothing}
      </section>
    `;
  }
}

if (!customElements.get('rb-case-links')) customElements.define('rb-case-links', RbCaseLinks);

declare global {
  interface HTMLElementTagNameMap {
    'rb-case-links': RbCaseLinks;
  }
}
