import { css } from 'lit';

/** The status badges and the progress bar, shared by every request element. */
export const requestSummaryStyles = css`
  [part~='status-sent'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='status-in-progress'] {
    background: var(--_info-surface);
    color: var(--_info);
  }

  [part~='status-completed'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-cancelled'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
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
