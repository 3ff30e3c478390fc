import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  ul {
    display: flex;
    flex-wrap: nowrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-x: auto;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .thumb {
    display: block;
    padding: 0;
    border: 1px solid var(--rb-border, #ccc);
    border-radius: var(--rb-radius, 0.5rem);
    background: none;
    overflow: hidden;
  }
  .thumb img {
    display: block;
    block-size: 4rem;
    inline-size: auto;
  }
  .thumb:focus-visible,
  dialog button:focus-visible {
    outline: 2px solid var(--rb-brand, #2563eb);
    outline-offset: 2px;
  }
  dialog {
    max-inline-size: min(96vw, 64rem);
    max-block-size: 96vh;
    padding: 0.75rem;
    border: 0;
    border-radius: var(--rb-radius, 0.5rem);
    background: var(--rb-background, #fff);
    color: var(--rb-color, #111);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.8);
  }
  figure {
    margin: 0;
    display: grid;
    gap: 0.5rem;
    justify-items: center;
  }
  figure img {
    max-inline-size: 100%;
    max-block-size: calc(96vh - 6rem);
    inline-size: auto;
    block-size: auto;
  }
  .bar {
    display: flex;
    gap: 0.5rem;
    justify-content: space-between;
    align-items: center;
    inline-size: 100%;
  }
  .bar button {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--rb-border, #ccc);
    border-radius: var(--rb-radius, 0.5rem);
    background: var(--rb-surface, #f5f5f5);
  }
  @media (forced-colors: active) {
    .thumb,
    .bar button {
      border-color: ButtonText;
    }
  }
`;
