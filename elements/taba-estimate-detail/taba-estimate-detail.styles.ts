import { css } from 'lit';

export const estimateDetailStyles = css`
  [part~='base'],
  [part~='decision'],
  form {
    display: grid;
    gap: var(--_space);
  }

  form {
    gap: 0.375rem;
    justify-items: start;
  }

  [part~='title'] {
    font-size: 1.25em;
    line-height: 1.3;
  }

  h4 {
    margin: 0;
    font-size: 1em;
  }

  [part~='notes'],
  [part~='decline-reason'] {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  [part~='decision'] {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  label {
    font-weight: 600;
  }

  input,
  textarea {
    width: min(100%, 28rem);
    min-height: 2.5rem;
    padding: 0.5rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  textarea {
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .hint,
  [part~='counter'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='field-error'],
  [part~='counter-over'] {
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.875em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  [part~='outcome'],
  [part~='decision-notice'] {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='decision-notice-expired'] {
    border-inline-start-color: var(--_muted);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
