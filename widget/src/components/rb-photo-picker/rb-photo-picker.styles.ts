import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 0.5rem;
  }
  .drop {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 2px dashed var(--_line, #ccc);
    border-radius: var(--_radius, 0.5rem);
  }
  .drop.over {
    border-color: var(--_accent, #2563eb);
  }
  .pick {
    justify-self: start;
    font: inherit;
    font-weight: 600;
    padding: 0.5em 0.9em;
    border: 1px solid var(--_line, #ccc);
    border-radius: var(--_radius, 0.5rem);
    background: var(--_bg, #fff);
    cursor: pointer;
  }
  .pick:focus-within {
    outline: 2px solid var(--_accent, #2563eb);
    outline-offset: 2px;
  }
  input[type='file'] {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: grid;
    gap: 0.25rem;
    inline-size: 6rem;
  }
  li img {
    inline-size: 6rem;
    block-size: 6rem;
    object-fit: cover;
    border-radius: var(--_radius, 0.5rem);
  }
  progress {
    inline-size: 100%;
  }
  li button {
    font: inherit;
    font-size: 0.875em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .error {
    color: var(--_danger, #b42318);
  }
`;
