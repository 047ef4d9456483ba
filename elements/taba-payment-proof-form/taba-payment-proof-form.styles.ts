import { css } from 'lit';

export const paymentProofFormStyles = css`
  [part~='base'],
  form {
    display: grid;
    gap: 0.75rem;
  }

  [part~='base'] {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  form {
    justify-items: start;
  }

  h4 {
    margin: 0;
    font-size: 1.0625em;
  }

  .field {
    display: grid;
    gap: 0.25rem;
    width: min(100%, 24rem);
  }

  label {
    font-weight: 600;
  }

  input:not([type='file']),
  select {
    width: 100%;
    min-height: 2.5rem;
    padding: 0.5rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  input[type='file'] {
    min-height: 2.5rem;
    font: inherit;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .hint,
  [part~='intro'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='field-error'] {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
  }

  [part~='upload'] {
    display: grid;
    gap: 0.25rem;
    width: min(100%, 24rem);
    font-size: 0.875em;
  }

  progress {
    width: 100%;
    height: 0.5rem;
    border: 0;
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
    appearance: none;
  }

  progress::-webkit-progress-bar {
    background: var(--_border);
  }

  progress::-webkit-progress-value {
    background: var(--_accent);
  }

  progress::-moz-progress-bar {
    background: var(--_accent);
  }

  [part~='submitted'] {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent-surface);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
