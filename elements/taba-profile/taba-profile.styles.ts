import { css } from 'lit';

export const profileStyles = css`
  [part~='details'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem var(--_space);
  }

  dt {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }

  dd {
    overflow-wrap: anywhere;
  }

  [part~='not-on-file'] {
    color: var(--_muted);
    font-style: italic;
  }
`;
