import { css } from 'lit';

/**
 * Shared by every element: public `--taba-*` tokens are read once on `:host` into private
 * `--_*` properties, so each fallback is written in one place (docs/theming.md lists them).
 *
 * Themes: each colour's fallback is `light-dark(<light>, <dark>)`, resolved by the element's
 * `color-scheme`: the system's (`light dark`) unless the `theme` attribute (`light` | `dark`) or
 * `--taba-color-scheme` says otherwise. The attribute is carried down as `--_theme`, which inherits
 * (where `color-scheme` set on each host would not), so every widget inside
 * `<taba-portal theme="dark">` is dark too, whatever the system prefers.
 *
 * Layout uses logical properties only (`margin-inline-start`, `inset-inline-end`, `text-align:
 * start`…), so a right-to-left language lays the elements out mirrored.
 */
export const baseStyles = css`
  :host {
    color-scheme: var(--_theme, var(--taba-color-scheme, light dark));

    --_font: var(--taba-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_background: var(--taba-color-background, light-dark(transparent, #12161c));
    --_text: var(--taba-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--taba-color-text-muted, light-dark(#59636e, #9da7b3));
    --_surface: var(--taba-color-surface, light-dark(#ffffff, #1b2129));
    --_border: var(--taba-color-border, light-dark(#d1d9e0, #3d4550));
    --_field-border: var(--taba-color-field-border, light-dark(#6e7781, #7d8894));
    --_accent: var(--taba-color-accent, light-dark(#0b57d0, #5ea3ff));
    --_on-accent: var(--taba-color-on-accent, light-dark(#ffffff, #0b1017));
    --_accent-surface: var(--taba-color-accent-surface, light-dark(#eef4ff, #172a45));
    --_team-surface: var(--taba-color-team-surface, var(--taba-color-accent-surface, light-dark(#eef4ff, #172a45)));
    --_focus: var(--taba-color-focus, var(--taba-color-accent, light-dark(#0b57d0, #5ea3ff)));
    --_danger: var(--taba-color-danger, light-dark(#b42318, #ff8a80));
    --_on-danger: var(--taba-color-on-danger, light-dark(#ffffff, #12161c));
    --_danger-surface: var(--taba-color-danger-surface, light-dark(#fef3f2, #2d1a1c));
    --_warning: var(--taba-color-warning, light-dark(#7a4a00, #f2cc60));
    --_warning-surface: var(--taba-color-warning-surface, light-dark(#fff4cc, #3a2a05));
    --_success: var(--taba-color-success, light-dark(#17663a, #7ee2a0));
    --_success-surface: var(--taba-color-success-surface, light-dark(#dcf5e3, #12301f));
    --_info: var(--taba-color-info, light-dark(#0a4aa6, #9ec5ff));
    --_info-surface: var(--taba-color-info-surface, light-dark(#dbe9ff, #15294a));
    --_neutral: var(--taba-color-neutral, light-dark(#454d57, #c9d1d9));
    --_neutral-surface: var(--taba-color-neutral-surface, light-dark(#eceff3, #2a313a));
    --_radius: var(--taba-radius, 6px);
    --_radius-badge: var(--taba-radius-badge, 999px);
    --_space: var(--taba-space, 1rem);

    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--taba-font-size, 1rem);
    line-height: var(--taba-line-height, 1.5);
    color: var(--_text);
    /* A widget inside another one sits on its container's background and paints none of its own. */
    background: var(--_nested-background, var(--_background));
  }

  :host([theme='light']) {
    --_theme: light;
  }

  :host([theme='dark']) {
    --_theme: dark;
  }

  :host([hidden]) {
    display: none;
  }

  * {
    --_nested-background: transparent;
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

  a {
    color: var(--_accent);
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
    color: var(--_on-danger);
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
    border-inline-end-color: transparent;
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
    border-radius: var(--_radius-badge);
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }

  [part~='status-pending'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='status-accepted'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-declined'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='status-expired'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }
`;
