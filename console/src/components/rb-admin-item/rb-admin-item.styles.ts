import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .head {
    font-size: 0.875rem;
  }
  .case-ref a {
    color: var(--rb-accent);
    font-weight: 600;
  }
  .when {
    margin-inline-start: auto;
  }
  .stars {
    color: #92400e;
    letter-spacing: 0.05em;
  }
  .stars .off {
    color: #9ca3af;
  }
  /* An h2 (the queue's items sit under its h1), sized as the text it heads. */
  .title {
    font-size: 1rem;
    margin-block: 0.4rem 0.2rem;
  }
  /* A block of its own, so a Latin review on the Persian page (or the reverse) aligns to its own start. */
  .body {
    display: block;
    margin-block: 0.3rem;
  }
  .meta,
  .contact {
    font-size: 0.875rem;
    margin-block: 0.25rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
  }
  .author {
    font-weight: 600;
  }
  .pii {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .chip.ok {
    color: var(--rb-ok);
    border-color: currentColor;
  }
  .flags {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.2rem;
  }
  .why {
    font-size: 0.875rem;
    margin-block-start: 0.4rem;
  }
  @media (forced-colors: active) {
    .stars,
    .stars .off {
      forced-color-adjust: auto;
    }
  }
`;
