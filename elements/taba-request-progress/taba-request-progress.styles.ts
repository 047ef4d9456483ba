import { css } from 'lit';

/** The status badges and the progress bar, shared by every request element. */
export const requestSummaryStyles = css`
  [part~='status-sent'] {
    background: #fff4cc;
    color: #7a4a00;
  }

  [part~='status-in-progress'] {
    background: #dbe9ff;
    color: #0a4aa6;
  }

  [part~='status-completed'] {
    background: #dcf5e3;
    color: #17663a;
  }

  [part~='status-cancelled'] {
    background: #eceff3;
    color: #454d57;
  }

  [part~='progress'] {
    display: grid;
    gap: 0.25rem;
    color: var(--_muted);
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

  [part~='number'] {
    color: var(--_muted);
    font-weight: 400;
    font-variant-numeric: tabular-nums;
  }

  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;

export const requestProgressStyles = css`
  [part~='base'] {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='title'] {
    font-size: 1.0625em;
    line-height: 1.3;
  }
`;
