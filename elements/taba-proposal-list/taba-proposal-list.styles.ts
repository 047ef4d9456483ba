import { css } from 'lit';

export const proposalListStyles = css`
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

  [part~='row']:hover {
    border-color: var(--_accent);
  }

  [part~='row']:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  [part~='title'] {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
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

  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1rem;
    row-gap: 0.125rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='amount'] {
    color: var(--_text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
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
