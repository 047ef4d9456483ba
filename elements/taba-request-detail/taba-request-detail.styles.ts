import { css } from 'lit';

export const requestDetailStyles = css`
  [part~='base'] {
    display: grid;
    gap: var(--_space);
  }

  [part~='title'] {
    font-size: 1.25em;
    line-height: 1.3;
  }

  [part~='message'],
  [part~='answer-text'],
  [part~='return-reason'] {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  [part~='closed'] {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }

  [part~='items'] {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='item'] {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='item-returned'] {
    border-inline-start: 4px solid var(--_danger);
  }

  h4 {
    margin: 0;
    font-size: 1em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  p {
    margin: 0;
  }

  [part~='state'] {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border-radius: var(--_radius-badge);
    font-size: 0.8125em;
    font-weight: 600;
  }

  [part~='state-awaiting-response'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='state-under-review'] {
    background: var(--_info-surface);
    color: var(--_info);
  }

  [part~='state-accepted'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='state-returned'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='return-reason'] {
    color: var(--_danger);
  }

  [part~='answer'] {
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }

  .label,
  [part~='counter'] {
    color: var(--_muted);
    font-size: 0.8125em;
  }

  form {
    display: grid;
    gap: 0.375rem;
    justify-items: start;
  }

  label {
    font-weight: 600;
  }

  textarea {
    width: 100%;
    padding: 0.5rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    resize: vertical;
  }

  [part~='counter-over'] {
    color: var(--_danger);
    font-weight: 600;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  [part~='upload'] {
    display: grid;
    gap: 0.25rem;
    width: 100%;
    font-size: 0.875em;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
