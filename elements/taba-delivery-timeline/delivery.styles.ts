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
    background: #eceff3;
    color: #454d57;
  }

  [part~='status-dispatched'],
  [part~='status-in-transit'] {
    background: #e6f0ff;
    color: #0b4aa8;
  }

  [part~='status-delivered'] {
    background: #dcf5e3;
    color: #17663a;
  }

  [part~='status-exception'] {
    background: #fde8e7;
    color: #a1121f;
  }
`;
