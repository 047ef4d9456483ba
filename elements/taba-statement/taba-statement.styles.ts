import { css } from 'lit';

export const statementStyles = css`
  [part~='controls'] {
    display: grid;
    gap: 0.75rem;
    margin-block-end: var(--_space);
  }

  fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend {
    padding: 0;
    margin-block-end: 0.5rem;
    font-weight: 600;
  }

  label {
    display: grid;
    gap: 0.25rem;
  }

  select,
  input {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  [part~='period-error'] {
    color: var(--_danger);
    font-weight: 600;
  }

  [part~='presets'],
  [part~='downloads'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  [part~='show'][aria-disabled='true'],
  [part~='load-more'][aria-disabled='true'],
  [part~='downloads'] button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  section {
    display: grid;
    gap: var(--_space);
  }

  h4 {
    margin: 0;
    font-size: 1em;
  }

  [part~='period'] {
    color: var(--_muted);
  }

  [part~='summary'],
  [part~='aging'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.5rem;
  }

  [part~='summary'] > div,
  [part~='aging'] > div {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  dt {
    color: var(--_muted);
    font-size: 0.875em;
  }

  dd {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~='entries-scroll'] {
    overflow-x: auto;
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }

  th,
  td {
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }

  .amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
`;
