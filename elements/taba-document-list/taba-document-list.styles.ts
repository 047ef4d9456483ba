import { css } from 'lit';

export const documentListStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  /* A narrow screen scrolls the table sideways rather than squeezing its columns. */
  .scroller {
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='table'] {
    width: 100%;
    border-collapse: collapse;
  }

  th,
  td {
    padding: 0.5rem 0.75rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: middle;
  }

  tbody tr:last-child > * {
    border-block-end: 0;
  }

  thead th {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }

  [part~='name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  [part~='project'] {
    overflow-wrap: anywhere;
  }

  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  [part~='uploaded'] {
    white-space: nowrap;
  }

  .action {
    text-align: end;
  }

  [part~='download'][aria-disabled='true'],
  [part~='load-more'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='load-more'] {
    justify-self: start;
  }
`;
