import type { ReactiveElement } from 'lit';

/** Focuses what matches `selector` in `host` once the update that renders it has finished. */
export function focusAfterUpdate(host: ReactiveElement, selector: string): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
}
