import { css } from 'lit';

export const deliveryListStyles = css`
  [part~='list'] {
    display: grid;
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }

  [part~='card'] {
    display: grid;
    gap: 0.375rem;
    justify-items: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  h3 {
    font-size: 1.0625em;
  }

  [part~='tracking'] {
    overflow-wrap: anywhere;
  }

  [part~='updated'] {
    color: var(--_muted);
    font-size: 0.875em;
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
