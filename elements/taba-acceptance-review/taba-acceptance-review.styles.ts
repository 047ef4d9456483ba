import { css } from 'lit';

export const acceptanceReviewStyles = css`
  [part~='base'],
  [part~='document'],
  [part~='form'] {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }

  [part~='title'] {
    font-size: 1.25em;
  }

  [part~='message'] {
    white-space: pre-line;
  }

  [part~='document'],
  [part~='outcome'],
  [part~='expired'] {
    width: 100%;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  h4 {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  [part~='document-name'],
  label {
    font-weight: 600;
  }

  [part~='document-size'],
  [part~='hint'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='fingerprint'] {
    max-width: 100%;
    color: var(--_muted);
    font-size: 0.75em;
    overflow-wrap: anywhere;
  }

  [part~='full-name'] {
    width: min(100%, 24rem);
    min-height: 2.5rem;
    padding: 0.5rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.5rem;
  }

  [part~='confirm'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }

  [part~='outcome'] {
    border-inline-start: 4px solid var(--_accent);
  }

  [part~='expired'] {
    border-inline-start: 4px solid var(--_muted);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
