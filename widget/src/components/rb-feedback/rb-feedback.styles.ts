import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    /* The private tokens every inner component reads; merchants set the public --rb-* ones (the forms' own are in rb-form.styles.ts). */
    /* light-dark() follows the color-scheme set by the theme class below. */
    --_fg: var(--rb-color, light-dark(#1f2328, #e6edf3));
    --_bg: var(--rb-background, light-dark(#fff, #0d1117));
    --_muted: var(--rb-muted, light-dark(#57606a, #9ea7b3));
    --_line: var(--rb-border, light-dark(#8c959f, #6e7681));
    --_surface: var(--rb-surface, light-dark(#f6f8fa, #161b22));
    --_star: var(--rb-star, light-dark(#9a4d00, #f0b429));
    --_radius: var(--rb-radius, 0.5rem);
    --_space: var(--rb-space, 1rem);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    --_accent: var(--rb-brand, var(--_brand, #4f46e5));
    display: grid;
    color: var(--_fg);
    background: var(--_bg);
  }
  /*
   * One height from the first frame on, whatever the data, padding included: the reviews list
   * takes the space the other rows leave and is clipped (fading out) until the frame opens, on
   * the shopper's "show more" or (lazy chunk) while opening moves nothing on screen. Open, it
   * is never shorter than closed. A page that reserves the same height on rb-feedback before the
   * script runs never moves at all.
   */
  .frame {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: var(--_space);
    block-size: var(--rb-block-size, 40em);
    min-block-size: var(--rb-block-size, 40em);
  }
  .open {
    block-size: auto;
  }
  .list {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow: hidden;
    display: grid;
  }
  /* No reviews yet: an invitation where the reviews will be, not blank space (its card's colours come with the lazy chunk). */
  .empty {
    align-content: center;
    justify-items: center;
    gap: 0.5rem;
    text-align: center;
  }
  .empty p {
    font-size: 1.25em;
    font-weight: 700;
  }
  .empty .stars {
    font-size: 2em;
  }
  .frame:not(.open) .list:not(.empty, :focus-within) {
    mask-image: linear-gradient(#000 85%, #0000);
  }
  .light {
    color-scheme: light;
  }
  .dark {
    color-scheme: dark;
  }
  .auto {
    color-scheme: light dark;
  }
  /*
   * The lazy chunk fills these after first render: each slot already has the height of what comes
   * (one row: the sort control, a button, the tab row) so nothing in the frame moves when it
   * arrives. The tabs share the row equally and their labels wrap to two lines in a narrow
   * widget (under 30em), so that slot is two lines high there.
   */
  .controls,
  .more,
  .cta,
  .tabs > div {
    min-block-size: 2.6em;
  }
  .tabs {
    container-type: inline-size;
  }
  @container (width < 30em) {
    .tabs > div {
      min-block-size: 3.8em;
    }
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: center;
  }
  .status:empty {
    display: none;
  }
  p {
    margin: 0;
  }
`;
