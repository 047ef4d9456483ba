import { css } from 'lit';

export const projectDetailStyles = css`
  [part~='base'] {
    display: grid;
    gap: var(--_space);
  }

  [part~='title'] {
    font-size: 1.25em;
    line-height: 1.3;
  }

  [part~='description'] {
    white-space: pre-line;
  }

  [part~='summary'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: 0.75rem;
  }

  [part~='summary-card'] {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  dt {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }

  [part~='summary-value'] {
    font-size: 1.25em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-block-end: 1px solid var(--_border);
  }

  [part~='tab'] {
    margin-block-end: -1px;
    border: 0;
    border-block-end: 3px solid transparent;
    border-radius: 0;
    border-start-start-radius: var(--_radius);
    border-start-end-radius: var(--_radius);
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }

  [part~='tab']:hover {
    color: var(--_text);
  }

  [part~='tab-selected'] {
    border-block-end-color: var(--_accent);
    color: var(--_accent);
  }

  [part~='panel'][hidden] {
    display: none;
  }

  [part~='panel']:focus-visible {
    outline-offset: 4px;
  }

  .scroller {
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='tasks'] {
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
  }

  [part~='task-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  [part~='assignee-none'],
  [part~='no-tasks'] {
    color: var(--_muted);
  }

  [part~='status-in-progress'] {
    background: var(--_info-surface);
    color: var(--_info);
  }

  [part~='status-open'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='status-done'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-cancelled'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }
`;
