import { css } from 'lit';

export const styles = css`
  .reviews {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .reviews > li {
    padding-block: var(--_space);
    border-block-end: 1px solid var(--_line);
  }
  /* Photos arrive with a lazy chunk: their row's height is kept from the first frame. */
  rb-photos {
    display: block;
    block-size: 4.5rem;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .title {
    font-weight: 700;
  }
  p {
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  /* The absolute date: the title on hover, here on keyboard focus (the time is focusable for it). */
  time:focus-visible::after {
    content: ' · ' attr(title);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
    font-size: 0.9em;
  }
  .badge {
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding-inline: 0.4em;
    font-size: 0.85em;
  }
  .reply {
    margin-block-start: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--_accent);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .helpful {
    margin-inline-start: auto;
  }
  .helpful[aria-pressed='true'] {
    border-color: var(--_accent);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .reply {
      border-inline-start-color: CanvasText;
    }
  }
`;
