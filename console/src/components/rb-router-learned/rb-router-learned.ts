/**
 * @summary "Learned from your team": what this site's text router learned from staff
 * corrections (`GET /v1/admin/router/learned`): how many corrections each way, whether the
 * model is in use yet, and the words that lean most each way.
 */
import { LitElement, css, html, nothing } from 'lit';
import { LearnedSummary } from '../../../../shared/router.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

export class RbRouterLearned extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      ul.words {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        padding: 0;
        margin: 0;
      }
    `,
  ];
  static override properties = { lang: { type: String }, summary: { state: true }, problem: { state: true } };

  declare lang: Lang;
  declare summary: LearnedSummary | null;
  declare problem: Shown | null;

  constructor() {
    super();
    this.lang = 'en';
    this.summary = null;
    this.problem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.summary = await request(LearnedSummary, '/v1/admin/router/learned');
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  override render() {
    const m = messages(this.lang);
    const s = this.summary;
    const words = (list: string[]) =>
      list.length
        ? html`<ul class="words">
            ${list.map((w) => html`<li class="chip"><bdi dir="auto">${w}</bdi></li>`)}
          </ul>`
        : html`<p class="muted">${m.router.noWords}</p>`;
    return html`
      <h2 id="learned">${m.router.learnedTitle}</h2>
      <p class="hint">${m.router.learnedIntro}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${s
        ? html`<p>${m.router.corrections(formatNumber(s.corrections.unhappy, this.lang, 0), formatNumber(s.corrections.notAProblem, this.lang, 0))}</p>
            <p class="muted">${s.active ? m.router.active : m.router.waiting(formatNumber(s.needed, this.lang, 0))}</p>
            <h3>${m.router.unhappyWords}</h3>
            ${words(s.words.unhappy)}
            <h3>${m.router.fineWords}</h3>
            ${words(s.words.notAProblem)}`
        : this.problem
          ? nothing
          : html`<p role="status">${m.loading}</p>`}
    `;
  }
}

if (!customElements.get('rb-router-learned')) customElements.define('rb-router-learned', RbRouterLearned);

declare global {
  interface HTMLElementTagNameMap {
    'rb-router-learned': RbRouterLearned;
  }
}
