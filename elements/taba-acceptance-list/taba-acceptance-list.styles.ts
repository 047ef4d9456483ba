import { css } from 'lit';

export const acceptanceListStyles = css`
  [part~='list'] {
    display: grid;
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }

  [part~='load-more'] {
    margin-block-start: 0.75rem;
  }

  [part~='load-more'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='list'] + [part~='error'] {
    margin-block-start: 0.75rem;
  }
`;
