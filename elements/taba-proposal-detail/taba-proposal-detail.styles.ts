import { css } from 'lit';

export const proposalDetailStyles = css`
  [part~='base'] {
    display: grid;
    gap: var(--_space);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }

  [part~='title'] {
    font-size: 1.25em;
    line-height: 1.3;
  }

  [part~='details'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.75rem var(--_space);
  }

  dt,
  h4 {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }

  [part~='amount'] {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~='summary'] {
    white-space: pre-line;
  }

  [part~='outcome'] {
    padding: 0.75rem var(--_space);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='actions'],
  [part~='confirmation'] {
    display: grid;
    gap: 0.75rem;
  }

  .question {
    font-weight: 600;
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
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

  [part~='reason-count'] {
    color: var(--_muted);
    font-size: 0.8125em;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
`;
