import { css } from 'lit';

export const homeStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  [part~='heading'] {
    font-size: 1.125em;
    line-height: 1.3;
  }

  [part~='summary'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }

  [part~='count'] {
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-badge);
    background: var(--_surface);
    font-size: 0.875em;
    font-weight: 600;
  }

  [part~='list'] {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }

  [part~='entry'] {
    position: relative;
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='entry']:hover {
    border-color: var(--_accent);
  }

  [part~='entry']:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='entry-overdue'] {
    border-inline-start-color: var(--_danger);
  }

  [part~='entry-due-soon'] {
    border-inline-start-color: var(--_warning);
  }

  [part~='kind'] {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }

  [part~='reference'] {
    font-variant-numeric: tabular-nums;
  }

  /* A dot between what it is and its number, drawn only: the space before it is what is read. */
  [part~='reference']::before {
    content: '\\00b7' / '';
    margin-inline-end: 0.375em;
  }

  [part~='open'] {
    justify-self: start;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-size: 1.0625em;
    font-weight: 600;
    line-height: 1.3;
    text-align: start;
  }

  /* The whole entry is the button's hit area; the button stays the one accessible control. */
  [part~='open']::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }

  [part~='open']:focus-visible {
    outline: none;
  }

  [part~='details'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 1rem;
    row-gap: 0.25rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='urgency'] {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: var(--_radius-badge);
    font-weight: 600;
    white-space: nowrap;
  }

  [part~='urgency-overdue'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='urgency-due-soon'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='deadline-overdue'] {
    color: var(--_danger);
  }

  [part~='deadline-due-soon'] {
    color: var(--_warning);
  }

  [part~='amount'] {
    color: var(--_text);
    font-variant-numeric: tabular-nums;
  }

  [part~='empty'] {
    display: grid;
    gap: 0.25rem;
  }
`;
