import { css } from 'lit';

export const requestListStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  [part~='tabs'] {
    display: flex;
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

  [part~='tab-selected'] {
    border-block-end-color: var(--_accent);
    color: var(--_accent);
  }

  [part~='panel'][hidden] {
    display: none;
  }
`;
