import { css } from 'lit';

export const deliveryTimelineStyles = css`
  [part~='base'] {
    display: grid;
    gap: 0.75rem;
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  h3 {
    font-size: 1.125em;
    overflow-wrap: anywhere;
  }

  h4 {
    margin: 0;
    font-size: 1em;
  }

  [part~='problem'] {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='timeline'] {
    display: grid;
    gap: 0;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='event'] {
    position: relative;
    display: grid;
    gap: 0.125rem;
    padding-block: 0 var(--_space);
    padding-inline: 1.5rem 0;
    border-inline-start: 2px solid var(--_border);
    margin-inline-start: 0.5rem;
  }

  [part~='event']:last-child {
    border-inline-start-color: transparent;
  }

  [part~='event']::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.4rem;
    inset-block-start: 0.35rem;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: var(--_accent);
  }

  [part~='event-exception']::before {
    background: var(--_danger);
  }

  [part~='event-exception'] .what,
  [part~='event-exception'] [part~='event-note'] {
    color: var(--_danger);
  }

  .what {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }

  .marker {
    display: inline-grid;
    place-items: center;
    width: 1.1rem;
    height: 1.1rem;
    border-radius: 50%;
    background: var(--_danger);
    color: var(--_on-danger);
    font-size: 0.75em;
    font-weight: 700;
  }

  [part~='event-time'],
  [part~='event-location'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
