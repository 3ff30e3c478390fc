import { css } from 'lit';

export const styles = css`
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .score {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
    min-inline-size: 10rem;
  }
  .average {
    font-size: 2.25em;
    font-weight: 700;
    line-height: 1;
  }
  .summary ol {
    list-style: none;
    margin: 0;
    padding: 0;
    flex: 1 1 14rem;
    display: grid;
    gap: 0.25rem;
  }
  .summary button {
    display: grid;
    grid-template-columns: 4.5em 1fr 3em;
    gap: 0.5rem;
    align-items: center;
    inline-size: 100%;
    border-color: transparent;
    background: none;
    padding: 0.1rem 0.25rem;
    text-align: start;
  }
  .summary button[aria-pressed='true'] {
    border-color: var(--_accent);
  }
  .track {
    block-size: 0.6rem;
    border-radius: 1rem;
    background: var(--_surface);
    border: 1px solid var(--_line);
    overflow: hidden;
  }
  .fill {
    display: block;
    block-size: 100%;
    background: var(--_star);
  }
  @media (forced-colors: active) {
    .fill {
      background: CanvasText;
    }
    .summary button[aria-pressed='true'] {
      border-color: Highlight;
    }
  }
`;
