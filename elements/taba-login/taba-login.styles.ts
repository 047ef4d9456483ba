import { css } from 'lit';

/**
 * The sign-in card: centred, with the business's logo and heading centred above a form that reads
 * from the start edge. Only the private `--_…` tokens of the base styles and logical properties, so
 * it follows the theme (light or dark) and lays out right to left in Arabic.
 */
export const loginStyles = css`
  [part~='base'] {
    display: grid;
    gap: 0.75rem;
    max-inline-size: 28rem;
    margin-inline: auto;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_surface);
    box-shadow: 0 1px 3px color-mix(in srgb, var(--_text) 12%, transparent);
  }

  [part~='brand'] {
    display: flex;
    justify-content: center;
  }

  [part~='brand'][hidden] {
    display: none;
  }

  [part~='logo'] {
    display: block;
    max-inline-size: 12rem;
    max-block-size: 3.5rem;
    object-fit: contain;
  }

  [part~='heading'] {
    font-size: 1.375em;
    line-height: 1.3;
    text-align: center;
    overflow-wrap: anywhere;
  }

  [part~='intro'] {
    text-align: center;
    color: var(--_muted);
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
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  [part~='code'] {
    max-inline-size: 12rem;
    font-size: 1.25em;
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
    padding-block: 0.75rem;
    padding-inline: var(--_space);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent-surface);
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }

  [part~='form'] [part~='submit'] {
    inline-size: 100%;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='resend'][aria-disabled='true'] {
    cursor: not-allowed;
    font-variant-numeric: tabular-nums;
  }

  [part~='customers'] {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }

  [part~='customer'] {
    inline-size: 100%;
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

  [part~='signed-in'] {
    text-align: center;
  }
`;
