import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    padding-block: var(--_space);
    /* The forms' own tokens, here rather than in first render's styles; light-dark() follows the widget's theme. */
    --_danger: var(--rb-danger, light-dark(#b42318, #ff8a80));
    --_on-accent: var(--rb-on-brand, #ffffff);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  form {
    display: grid;
    gap: var(--_space);
    max-inline-size: 40rem;
  }
  /* The form's grid spaces its lines; a paragraph's own margins would double the gap. */
  form > p {
    margin: 0;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .field.check label {
    font-weight: 400;
  }
  .field.check input {
    inline-size: auto;
  }
  label,
  legend {
    font-weight: 600;
  }
  input:not([type='radio']),
  textarea,
  select {
    font: inherit;
    color: inherit;
    inline-size: 100%;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding-block: 0.45em;
    padding-inline: 0.6em;
  }
  textarea {
    min-block-size: 7rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger, #b42318);
    border-width: 2px;
  }
  .hint {
    font-size: 0.9em;
  }
  /* Past the limit the counter says by how much, in the error colour (6.2:1 on light, 9:1 on dark). */
  .count.over {
    color: var(--_danger, #b42318);
    font-weight: 600;
  }
  .contact {
    gap: var(--_space);
  }
  .contact legend {
    padding: 0;
  }
  .error {
    color: var(--_danger, #b42318);
    font-weight: 600;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  .stars {
    display: flex;
    gap: 0.25rem;
  }
  .stars label {
    font-size: 1.8em;
    line-height: 1;
    cursor: pointer;
    color: var(--_muted);
    padding: 0.1em;
    border-radius: var(--_radius);
  }
  .stars label.on {
    color: var(--_star);
  }
  .stars input:focus-visible + label {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  /* The feeling faces (rb-feeling.ts): muted until chosen. */
  .feeling label {
    filter: grayscale(1);
    opacity: 0.6;
  }
  .feeling label.on {
    filter: none;
    opacity: 1;
  }
  .hp {
    position: absolute;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
  }
  /* Holds the space of Cloudflare's widget (65px) so the Send button does not jump when it appears. */
  .challenge {
    min-block-size: 65px;
  }
  .send {
    justify-self: start;
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
    font-weight: 600;
    padding-block: 0.55em;
    padding-inline: 1.4em;
  }
  .done {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .done p {
    margin: 0;
  }
  a {
    color: inherit;
  }
  @media (forced-colors: active) {
    .stars label.on {
      color: Highlight;
    }
    .feeling label.on {
      outline: 2px solid Highlight;
    }
    .send {
      border-color: ButtonText;
    }
    [aria-invalid='true'] {
      border-color: Mark;
    }
  }
`;
