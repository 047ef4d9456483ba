import { css } from 'lit';

export const requestListStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  [part~='tabs'] {
    display: flex;
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

  [part~='tab-selected'] {
    border-bottom-color: var(--_accent);
    color: var(--_accent);
  }

  [part~='panel'][hidden] {
    display: none;
  }
`;
