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
    border-bottom: 1px solid var(--_border);
  }

  [part~='tab'] {
    margin-bottom: -1px;
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }

  [part~='tab']:hover {
    color: var(--_text);
  }

  [part~='tab-selected'] {
    border-bottom-color: var(--_accent);
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
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: middle;
  }

  tbody tr:last-child > * {
    border-bottom: 0;
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
    background: #dbe9ff;
    color: #0a4aa6;
  }

  [part~='status-open'] {
    background: #fff4cc;
    color: #7a4a00;
  }

  [part~='status-done'] {
    background: #dcf5e3;
    color: #17663a;
  }

  [part~='status-cancelled'] {
    background: #eceff3;
    color: #454d57;
  }
`;
