import { css } from 'lit';

/** One acceptance card; shared by `<taba-acceptance-card>` and each row of `<taba-acceptance-list>`. */
export const acceptanceCardStyles = css`
  [part~='card'] {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    width: 100%;
  }

  [part~='title'] {
    font-size: 1.0625em;
    line-height: 1.3;
  }

  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1rem;
    row-gap: 0.125rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* Amber like the Pending badge, and the same warning in words next to it. */
  [part~='expires-soon'] {
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    background: var(--_warning-surface);
    color: var(--_warning);
  }
`;
