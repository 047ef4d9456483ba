import { css } from 'lit';

export const messageThreadsStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  .toolbar {
    display: flex;
    justify-content: end;
  }

  [part~='list'] {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }

  [part~='row'] {
    position: relative;
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='row-unread'] {
    border-inline-start: 4px solid var(--_accent);
  }

  [part~='row']:hover {
    border-color: var(--_accent);
  }

  [part~='row']:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='title'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
  }

  [part~='row-unread'] [part~='title'] {
    font-weight: 700;
  }

  /* The whole row is the title button's hit area; the button stays the one accessible control. */
  [part~='title']::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }

  [part~='title']:focus-visible {
    outline: none;
  }

  [part~='unread'] {
    min-width: 1.5rem;
    padding: 0.125rem 0.5rem;
    border-radius: var(--_radius-badge);
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
    text-align: center;
  }

  [part~='last-message'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='load-more'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
