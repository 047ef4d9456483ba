import { css } from 'lit';

export const portalStyles = css`
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_space);
    padding-block-end: 0.75rem;
    margin-block-end: 0.75rem;
    border-block-end: 1px solid var(--_border);
  }

  [part~='brand'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-width: 0;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }

  [part~='brand-logo'] {
    display: block;
    max-block-size: 2.5rem;
    max-inline-size: 10rem;
    object-fit: contain;
  }

  [part~='brand-name'] {
    overflow-wrap: anywhere;
  }

  [part~='account'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
    margin-inline-start: auto;
  }

  [part~='contact'] {
    display: grid;
    text-align: end;
    line-height: 1.3;
  }

  [part~='contact-name'] {
    font-weight: 600;
  }

  [part~='customer-name'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='sign-out'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='nav'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.25rem var(--_space);
    margin-block-end: var(--_space);
    border-block-end: 1px solid var(--_border);
  }

  [part~='menu-button'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
    font-weight: 600;
  }

  /* Three bars, drawn; the button's text names it. */
  [part~='menu-button']::before {
    content: '';
    inline-size: 1rem;
    block-size: 0.75rem;
    border-block: 2px solid currentColor;
    background: linear-gradient(currentColor, currentColor) center / 100% 2px no-repeat;
  }

  [part~='menu-button'][aria-expanded='true'] {
    border-color: var(--_accent);
  }

  [part~='nav-list'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0;
    list-style: none;
  }

  [part~='nav-list'][hidden] {
    display: none;
  }

  /* Narrow: the open menu lists the sections one under another, full width. */
  [part~='menu-button'] + [part~='nav-list'] {
    flex-basis: 100%;
    flex-direction: column;
    padding-block-end: 0.5rem;
  }

  [part~='menu-button'] + [part~='nav-list'] [part~='nav-item'] {
    inline-size: 100%;
    margin-block-end: 0;
    border-block-end: 0;
    border-inline-start: 3px solid transparent;
    border-radius: 0;
    text-align: start;
  }

  [part~='menu-button'] + [part~='nav-list'] [part~='nav-item-current'] {
    border-inline-start-color: var(--_accent);
  }

  [part~='nav-item'] {
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

  [part~='nav-item']:hover {
    color: var(--_text);
  }

  [part~='nav-item-current'] {
    border-block-end-color: var(--_accent);
    color: var(--_accent);
  }

  [part~='nav-unread'] {
    display: inline-block;
    min-width: 1.5rem;
    margin-inline-start: 0.375rem;
    padding: 0.0625rem 0.4375rem;
    border-radius: var(--_radius-badge);
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

  [part~='not-found'] {
    display: grid;
    gap: 0.5rem;
  }

  [part~='not-found-home'] {
    display: inline-block;
    padding-block: 0.5rem;
    font-weight: 600;
  }

  [part~='back'] {
    justify-self: start;
  }

  [part~='back']::before {
    content: '\\2190\\00a0' / '';
  }

  /* The arrow points the way back in the reading direction. */
  :host(:dir(rtl)) [part~='back']::before {
    content: '\\2192\\00a0' / '';
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
