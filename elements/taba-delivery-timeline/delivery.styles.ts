import { css } from 'lit';

/** The status badges and the "for" line, shared by the delivery list and timeline. */
export const deliveryStyles = css`
  [part~='links'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
  }

  [part~='status-pending'],
  [part~='status-scheduled'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }

  [part~='status-dispatched'],
  [part~='status-in-transit'] {
    background: var(--_info-surface);
    color: var(--_info);
  }

  [part~='status-delivered'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-exception'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }
`;
