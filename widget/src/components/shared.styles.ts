/**
 * Styles every widget component shares: a reset of the inherited properties a host page could
 * have set to hostile values, the focus ring and the forced-colors adjustments. Only the font is
 * meant to come from the page. The private `--_*` tokens are defined once, by `<rb-feedback>`,
 * and inherited by the components inside it.
 */
import { css } from 'lit';

export const shared = css`
  /* On .base too: a page's own rules beat :host, but cannot reach inside the shadow root. */
  :host,
  .base {
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
    line-height: 1.5;
    white-space: normal;
    font-weight: 400;
    visibility: visible;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.35em 0.8em;
  }
  button:disabled {
    cursor: default;
    opacity: 0.7;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .stars {
    color: var(--_star);
    line-height: 1;
    white-space: nowrap;
  }
  .stars .off {
    color: var(--_muted);
    opacity: 0.55;
  }
  @media (forced-colors: active) {
    .stars {
      color: CanvasText;
    }
    .stars .off {
      color: GrayText;
      opacity: 1;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    button {
      border-color: ButtonText;
    }
  }
`;
