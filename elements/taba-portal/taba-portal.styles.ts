import { css } from 'lit';

export const portalStyles = css`
  [part~='nav'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 0.25rem var(--_space);
    margin-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
  }

  [part~='sign-out'] {
    margin-bottom: 0.25rem;
  }

  [part~='sign-out'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='nav-list'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0;
    list-style: none;
  }

  [part~='nav-item'] {
    margin-bottom: -1px;
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }

  [part~='nav-item']:hover {
    color: var(--_text);
  }

  [part~='nav-item-current'] {
    border-bottom-color: var(--_accent);
    color: var(--_accent);
  }

  [part~='nav-unread'] {
    display: inline-block;
    min-width: 1.5rem;
    margin-inline-start: 0.375rem;
    padding: 0.0625rem 0.4375rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
    text-align: center;
  }

  [part~='content'] {
    display: grid;
    gap: var(--_space);
  }

  [part~='heading'] {
    font-size: 1.375em;
    line-height: 1.3;
  }

  [part~='heading']:focus-visible {
    outline-offset: 4px;
  }

  [part~='back'] {
    justify-self: start;
  }

  [part~='back']::before {
    content: '\\2190\\00a0' / '';
  }

  [part~='sign-in'] {
    display: grid;
    gap: var(--_space);
  }

  [part~='session-ended'] {
    padding: 0.75rem var(--_space);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='portal-disabled'],
  [part~='no-session'] {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
