import { css } from 'lit';

export const projectListStyles = css`
  [part~='list'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }

  [part~='card'] {
    position: relative;
    display: grid;
    grid-template-rows: auto 1fr auto;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  [part~='card']:hover {
    border-color: var(--_accent);
  }

  [part~='card']:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='name'] {
    font-size: 1.0625em;
    line-height: 1.3;
  }

  [part~='open'] {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
  }

  /* The whole card is the button's hit area; the button stays the one accessible control. */
  [part~='open']::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }

  [part~='open']:focus-visible {
    outline: none;
  }

  [part~='description'] {
    display: -webkit-box;
    overflow: hidden;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    white-space: pre-line;
  }

  [part~='description-none'] {
    color: var(--_muted);
    font-style: italic;
  }

  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1rem;
    row-gap: 0.125rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='load-more'] {
    margin-block-start: 0.75rem;
  }

  [part~='load-more'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }

  [part~='list'] + [part~='error'] {
    margin-block-start: 0.75rem;
  }
`;
