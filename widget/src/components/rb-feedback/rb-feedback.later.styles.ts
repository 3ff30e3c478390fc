/** Styles of what the lazy chunk renders (sort control, tabs): adopted when it arrives. */
import { css } from 'lit';

export const laterStyles = css`
  .update {
    display: grid;
    gap: 0.25em;
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: 0.6em;
  }
  select {
    font: inherit;
    color: inherit;
    margin-inline-start: 0.4em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.3em 0.5em;
  }
  .photos-filter {
    font: inherit;
    color: inherit;
    white-space: nowrap;
    margin-inline-start: 0.5em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.3em 0.6em;
  }
  .photos-filter[aria-pressed='true'] {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    font-weight: 700;
  }
  /*
   * One row, scrolled sideways on a narrow screen rather than wrapped: the slot first render left
   * for the tabs is one row high, and a second row would move everything below the widget.
   */
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-block-end: 1px solid var(--_line);
    overflow-x: auto;
    scrollbar-width: none;
    /* Its one row must not widen the widget's grid column (and reflow all of it) on a phone. */
    contain: inline-size;
  }
  [role='tab'] {
    flex: none;
    white-space: nowrap;
    border: 0;
    border-block-end: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-block-end-color: var(--_accent);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    [role='tab'][aria-selected='true'] {
      border-block-end-color: Highlight;
    }
  }
`;
