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
   * The calls to action: the brand's colour, like the form's send button. Two classes, to win
   * over the summary's styles for its bar buttons.
   */
  .cta .cta-button {
    display: inline-block;
    inline-size: auto;
    /* One line in the slot first render reserved, and no wider than the column it is in. */
    max-inline-size: 100%;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    padding: 0.35em 0.8em;
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--rb-on-brand, #fff);
    font-weight: 700;
    text-align: center;
  }
  /* The empty state's card: colours only, so nothing moves when they arrive. */
  .empty {
    outline: 1px dashed var(--_line);
    outline-offset: -1px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* The summary's column keeps the width first render gave it when the button arrives. */
  .score .cta {
    justify-self: stretch;
    contain: inline-size;
  }
  [part='panel'] {
    padding: 0 var(--_space) var(--_space);
  }
  /*
   * Tabs that look like tabs: raised labels on a baseline, the open one joined to the panel
   * below. They share the row equally and never scroll sideways: in a narrow widget a label
   * wraps to a second line, and the slot first render left (rb-feedback.styles.ts) is two lines
   * high there, one line from 30em on.
   */
  [role='tablist'] {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    align-items: end;
    gap: 0.25rem;
    border-block-end: 2px solid var(--_line);
    /* Its labels must not widen the widget's grid column (and reflow all of it) on a phone. */
    contain: inline-size;
  }
  [role='tab'] {
    block-size: 100%;
    padding: 0.45em 0.5em;
    line-height: 1.25;
    overflow-wrap: anywhere;
    text-align: center;
    font-weight: 700;
    border-block-end: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_surface);
    color: var(--_muted);
  }
  [role='tab']:hover {
    color: var(--_fg);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_fg);
    background: var(--_bg);
    border-color: var(--_accent);
    box-shadow: inset 0 3px 0 var(--_accent);
  }
  @media (forced-colors: active) {
    .cta .cta-button {
      border-color: ButtonText;
    }
    [role='tab'][aria-selected='true'] {
      border-color: Highlight;
      border-width: 2px;
    }
  }
`;
