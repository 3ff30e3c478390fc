import { css } from 'lit';

export const styles = css`
  form {
    display: grid;
    gap: 1rem;
    max-inline-size: 48rem;
  }
  .group {
    border: 1px solid var(--rb-border);
    border-radius: var(--rb-radius);
    background: var(--rb-surface);
    padding: 1rem;
    display: grid;
    gap: 0.9rem;
    min-inline-size: 0;
  }
  .group > h2 {
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--rb-border);
    border-radius: var(--rb-radius);
    margin: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding-inline: 0.25rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    min-inline-size: 0;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.25rem 1rem;
    margin-block-start: 0.3rem;
  }
  .choices.wide {
    grid-template-columns: 1fr;
  }
  .choice {
    display: flex;
    gap: 0.45rem;
    align-items: baseline;
    font-weight: normal;
  }
  .note {
    border-inline-start: 4px solid var(--rb-accent);
    padding-inline-start: 0.6rem;
    margin: 0;
  }
  .pair,
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
    gap: 0.5rem 1rem;
  }
  .override {
    padding-block: 0.4rem 0.6rem;
  }
  .colour {
    display: flex;
    gap: 0.6rem;
    align-items: center;
  }
  input[type='color'] {
    inline-size: 3rem;
    block-size: 2.25rem;
    padding: 0.1rem;
  }
  input:not([type='checkbox'], [type='radio'], [type='color']),
  select,
  textarea {
    inline-size: 100%;
  }
  [aria-invalid='true']:not([type='checkbox'], [type='radio']) {
    border-color: var(--rb-danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--rb-danger);
    font-size: 0.875rem;
    font-weight: 600;
  }
  /* The button and what it caused stay together, and in view while the long form scrolls. */
  .actions {
    position: sticky;
    inset-block-end: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    align-items: center;
    padding-block: 0.6rem;
    padding-inline: 1rem;
    background: var(--rb-surface);
    border: 1px solid var(--rb-border);
    border-radius: var(--rb-radius);
    z-index: 1;
  }
  .actions p {
    margin: 0;
  }
  .ok {
    color: var(--rb-ok);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    [aria-invalid='true'] {
      border-color: Mark;
    }
    .field-error {
      color: CanvasText;
    }
  }
`;
