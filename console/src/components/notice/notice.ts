/**
 * A notice beside the button that caused it ("Saved.", "Link copied."): staff look where they
 * clicked, so that is where the result shows. Each spot keeps an empty live region from the
 * first render, so a screen reader announces the text when it appears.
 *
 * @example
 * html`<button @click=${save}>Save</button>${noticeAt(this, 'save')}`
 */
import { css, html } from 'lit';

export interface NoticeHost {
  notice: string;
  /** Which spot (a button's name) the notice belongs beside. */
  noticeAt: string;
}

export function noticeAt(host: NoticeHost, at: string) {
  return html`<span class="notice" role="status" aria-live="polite" data-notice=${at}>${host.noticeAt === at ? host.notice : ''}</span>`;
}

export const noticeStyles = css`
  .notice:not(:empty) {
    display: inline-block;
    color: var(--rb-ok);
    font-weight: 600;
    padding-inline: 0.4rem;
    border-inline-start: 3px solid var(--rb-ok);
    margin-inline-start: 0.25rem;
  }
`;
