import { css } from 'lit';

export const styles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: end;
    margin-block-end: 0.75rem;
  }
  .filters label {
    font-size: 0.875rem;
  }
  .filters select {
    display: block;
  }
  .search {
    flex: 1 1 16rem;
  }
  .search input {
    flex: 1;
    min-inline-size: 0;
  }
  .toolbar {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: #f9fafb;
    padding-block: 0.4rem;
  }
  .toolbar .spacer {
    flex: 1;
  }
  label.inline {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    font-weight: normal;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .list > li {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.6rem;
    padding: 0.75rem;
    background: var(--rb-surface);
    border: 1px solid var(--rb-border);
    border-inline-start: 4px solid var(--rb-border);
    border-radius: var(--rb-radius);
  }
  .list > li.current {
    border-inline-start-color: var(--rb-accent);
    background: #eef2ff;
  }
  .list > li .actions {
    grid-column: 2;
  }
  .list > li.outcome {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    border-inline-start-color: var(--rb-ok, #15803d);
    background: var(--rb-sunken);
  }
  .list > li.outcome .said {
    flex: 1;
  }
  .list a {
    color: var(--rb-accent);
  }
  .empty {
    padding: 2rem;
    text-align: center;
    color: var(--rb-muted);
  }
  .keys {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 1rem;
  }
  .keys div {
    display: flex;
    gap: 0.75rem;
  }
  .keys dt {
    min-inline-size: 4.5rem;
  }
  .keys dd {
    margin: 0;
  }
  kbd {
    border: 1px solid var(--rb-border);
    border-radius: 4px;
    padding-inline: 0.35em;
    background: var(--rb-sunken);
    font-family: ui-monospace, monospace;
  }
  .dialog-actions {
    margin-block-start: 0.75rem;
  }
  #reason {
    inline-size: 100%;
  }
  @media (max-width: 480px) {
    .list > li {
      padding: 0.5rem;
    }
  }
  @media (forced-colors: active) {
    .list > li.current {
      border-inline-start: 4px solid Highlight;
    }
  }
`;
