import { css } from 'lit';

export const loginStyles = css`
  [part~='base'] {
    display: grid;
    gap: 0.75rem;
    max-width: 28rem;
  }

  [part~='heading'] {
    font-size: 1.375em;
    line-height: 1.3;
  }

  [part~='choose-heading'] {
    margin: 0;
    font-size: 1.0625em;
  }

  [part~='form'] {
    display: grid;
    gap: 0.5rem;
  }

  [part~='label'] {
    font-weight: 600;
  }

  [part~='input'] {
    width: 100%;
    min-height: 2.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  [part~='code'] {
    max-width: 12rem;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.2em;
  }

  [part~='input'][aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }

  [part~='hint'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='sent'] {
    padding: 0.75rem var(--_space);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.25rem;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='customers'] {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }

  [part~='customer'] {
    width: 100%;
    text-align: start;
    font-weight: 600;
  }

  [part~='error'] p {
    margin: 0;
  }

  [part~='error-message'] {
    font-weight: 600;
  }

  [part~='error']:focus-visible {
    outline-offset: 2px;
  }
`;
