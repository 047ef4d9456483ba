import { css } from 'lit';

/**
 * Shared by every element: public `--taba-*` tokens are read once on `:host` into private
 * `--_*` properties, so each fallback is written in one place.
 */
export const baseStyles = css`
  :host {
    --_font: var(--taba-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--taba-color-text, #1f2328);
    --_muted: var(--taba-color-text-muted, #59636e);
    --_surface: var(--taba-color-surface, #ffffff);
    --_border: var(--taba-color-border, #d1d9e0);
    --_accent: var(--taba-color-accent, #0b57d0);
    --_on-accent: var(--taba-color-on-accent, #ffffff);
    --_danger: var(--taba-color-danger, #b42318);
    --_danger-surface: var(--taba-color-danger-surface, #fef3f2);
    --_radius: var(--taba-radius, 6px);
    --_space: var(--taba-space, 1rem);
    --_focus: var(--taba-color-focus, var(--taba-color-accent, #0b57d0));

    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--taba-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none;
  }

  /* Read by screen readers, not shown. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }

  button {
    font: inherit;
    line-height: 1.25;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }

  button:hover:not(:disabled) {
    border-color: var(--_accent);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }

  button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: #ffffff;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='loading'],
  [part~='empty'],
  [part~='notice'] {
    padding: var(--_space);
    color: var(--_muted);
  }

  [part~='loading']::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.5em;
    vertical-align: -0.1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: taba-spin 0.8s linear infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    [part~='loading']::before {
      animation: none;
    }
  }

  @keyframes taba-spin {
    to {
      transform: rotate(360deg);
    }
  }

  [part~='error'] {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='status'] {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }

  [part~='status-pending'] {
    background: #fff4cc;
    color: #7a4a00;
  }

  [part~='status-accepted'] {
    background: #dcf5e3;
    color: #17663a;
  }

  [part~='status-declined'] {
    background: #fde8e7;
    color: #a1121f;
  }

  [part~='status-expired'] {
    background: #eceff3;
    color: #454d57;
  }
`;
