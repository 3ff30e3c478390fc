import { css } from 'lit';

export const styles = css`
  .pad {
    padding: 1rem;
    max-inline-size: 72rem;
    margin-inline: auto;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    background: var(--rb-surface);
    border-block-end: 1px solid var(--rb-border);
  }
  .brand {
    margin-inline-end: auto;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    display: inline-block;
    padding-block: 0.3rem;
    padding-inline: 0.6rem;
    border-radius: var(--rb-radius);
    color: var(--rb-accent);
    text-decoration: none;
  }
  nav a[aria-current='page'] {
    background: var(--rb-accent);
    color: var(--rb-accent-contrast);
  }
  .end {
    justify-content: flex-end;
  }
  .who {
    font-size: 0.875rem;
  }
  @media (forced-colors: active) {
    nav a[aria-current='page'] {
      outline: 2px solid LinkText;
    }
  }
`;
