/**
 * Styles every view of the moderation page shares: tokens, controls, focus ring, chips, and the
 * forced-colors block. Logical properties throughout so Persian (RTL) needs no overrides.
 */
import { css } from 'lit';

export const base = css`
  :host {
    --rb-accent: #3730a3;
    --rb-accent-contrast: #ffffff;
    --rb-text: #1f2937;
    --rb-muted: #4b5563;
    --rb-surface: #ffffff;
    --rb-sunken: #f3f4f6;
    --rb-border: #d1d5db;
    --rb-danger: #b91c1c;
    --rb-warn-bg: #fef3c7;
    --rb-warn-text: #78350f;
    --rb-ok: #166534;
    --rb-radius: 6px;
    --rb-focus: 0 0 0 3px #2563eb;
    display: block;
    color: var(--rb-text);
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Vazirmatn, Tahoma, sans-serif;
    /* Shopper text can be one unbroken run (a URL, an order number, a pasted hash): let any of
       it wrap, so nothing pushes the page sideways on a phone. It inherits into every field. */
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin-block: 0 0.5em;
  }
  h1 {
    font-size: 1.35rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--rb-border);
    background: var(--rb-surface);
    border-radius: var(--rb-radius);
    padding-block: 0.35em;
    padding-inline: 0.8em;
    min-block-size: 2.25rem;
  }
  button.primary {
    background: var(--rb-accent);
    border-color: var(--rb-accent);
    color: var(--rb-accent-contrast);
  }
  button.danger {
    color: var(--rb-danger);
    border-color: currentColor;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    border: 1px solid #6b7280;
    border-radius: var(--rb-radius);
    padding-block: 0.35em;
    padding-inline: 0.5em;
    background: var(--rb-surface);
    max-inline-size: 100%;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 6rem;
    resize: vertical;
  }
  label {
    display: block;
    font-weight: 600;
  }
  .hint {
    color: var(--rb-muted);
    font-size: 0.875rem;
    font-weight: normal;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--rb-focus);
  }
  .chip {
    display: inline-block;
    border-radius: 999px;
    padding-inline: 0.6em;
    font-size: 0.8rem;
    background: var(--rb-sunken);
    border: 1px solid var(--rb-border);
  }
  .chip.flag {
    background: var(--rb-warn-bg);
    color: var(--rb-warn-text);
    border-color: #d97706;
  }
  .error {
    color: var(--rb-danger);
  }
  /* A boxed section: a case, a submission, the customer's tracking view. */
  .card {
    background: var(--rb-surface);
    border: 1px solid var(--rb-border);
    border-radius: var(--rb-radius);
    padding: 1rem;
    margin-block: 0.75rem;
  }
  .muted {
    color: var(--rb-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  dialog {
    border: 1px solid var(--rb-border);
    border-radius: var(--rb-radius);
    max-inline-size: min(32rem, calc(100vw - 2rem));
    color: var(--rb-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.35rem;
    border-block-end: 1px solid var(--rb-border);
    vertical-align: top;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
    .chip,
    button {
      border: 1px solid ButtonText;
    }
    button.primary {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
    }
  }
`;
