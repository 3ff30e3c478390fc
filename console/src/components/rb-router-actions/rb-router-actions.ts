/**
 * @summary The text router's two corrections on a moderation item: "Open case" for a review or
 * story that opened none (the router missed it or was unsure), and "Not a problem" for an item in
 * the "needs a look" lane. Each teaches the site's router (`POST /v1/admin/submissions/{id}/case`,
 * `.../not-a-problem`).
 *
 * @event rb-router-corrected - after a correction was saved; `detail` is `{ id, message }`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import { DismissedFromLane, OpenedFromItem } from '../../../../shared/router.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { report } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';

/** Which corrections an item offers: complaints always open a case, and a case is opened once. */
export function correctionsFor(item: Pick<AdminSubmission, 'kind' | 'caseRef' | 'needsLook'>): { openCase: boolean; notAProblem: boolean } {
  const open = item.kind !== 'complaint' && item.caseRef === null;
  return { openCase: open, notAProblem: open && item.needsLook === true };
}

export class RbRouterActions extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: contents;
      }
    `,
  ];
  static override properties = { item: { attribute: false }, lang: { type: String }, busy: { state: true } };

  declare item: AdminSubmission | null;
  declare lang: Lang;
  declare busy: boolean;

  constructor() {
    super();
    this.item = null;
    this.lang = 'en';
    this.busy = false;
  }

  private async correct(kind: 'case' | 'not-a-problem') {
    const item = this.item;
    if (!item || this.busy) return;
    const m = messages(this.lang);
    this.busy = true;
    try {
      const path = `/v1/admin/submissions/${encodeURIComponent(item.id)}/${kind}`;
      const message =
        kind === 'case'
          ? m.router.caseOpened((await request(OpenedFromItem, path, { method: 'POST' })).caseRef)
          : (await request(DismissedFromLane, path, { method: 'POST' }), m.router.dismissed);
      this.dispatchEvent(new CustomEvent('rb-router-corrected', { detail: { id: item.id, message }, bubbles: true, composed: true }));
    } catch (err) {
      this.dispatchEvent(new CustomEvent('rb-router-corrected', { detail: { id: item.id, message: report(this, err, m).message }, bubbles: true, composed: true }));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const m = messages(this.lang);
    const offer = correctionsFor(item);
    return html`
      ${offer.openCase
        ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.correct('case')}>${m.router.openCase}</button>`
        : nothing}
      ${offer.notAProblem
        ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.correct('not-a-problem')}>${m.router.notAProblem}</button>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-router-actions')) customElements.define('rb-router-actions', RbRouterActions);

declare global {
  interface HTMLElementTagNameMap {
    'rb-router-actions': RbRouterActions;
  }
}
