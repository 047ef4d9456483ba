import { css } from 'lit';

export const commentThreadStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }

  [part~='comments'] {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='comment'] {
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='comment-team'] {
    border-inline-start: 4px solid var(--_accent);
    background: var(--_team-surface);
  }

  [part~='author'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  .name {
    color: var(--_text);
    font-weight: 600;
  }

  .team-badge {
    margin-inline-start: 0.5rem;
    padding: 0 0.375rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius-badge);
    color: var(--_accent);
    font-weight: 600;
  }

  [part~='body'] {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  [part~='composer'] {
    display: grid;
    gap: 0.375rem;
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

  [part~='counter'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  [part~='counter-over'] {
    color: var(--_danger);
    font-weight: 600;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .buttons {
    display: flex;
    justify-content: end;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='load-more'] {
    justify-self: center;
  }
`;
