import { css } from 'lit';

export const invoiceDetailStyles = css`
  [part~='base'],
  section {
    display: grid;
    gap: var(--_space);
  }

  section {
    gap: 0.5rem;
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  [part~='title'] {
    font-size: 1.25em;
    line-height: 1.3;
  }

  h4 {
    margin: 0;
    font-size: 1em;
  }

  [part~='dates'],
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='dates'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }

  [part~='notes'],
  [part~='reject-reason'] {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  [part~='void-note'] {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }

  [part~='amount-due-total'] dd {
    color: var(--_text);
  }

  [part~='proofs'] {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='proof'] {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='proof-rejected'] {
    border-inline-start: 4px solid var(--_danger);
  }

  [part~='reject-reason'] {
    color: var(--_danger);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;

export const paymentsTableStyles = css`
  [part~='payments-region'] {
    max-width: 100%;
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;
