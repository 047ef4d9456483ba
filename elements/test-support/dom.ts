/** Test helpers that look into an element's shadow root the way a user sees it. */

export function part<T extends Element = HTMLElement>(host: Element, name: string): T | null {
  return host.shadowRoot?.querySelector<T>(`[part~='${name}']`) ?? null;
}

export function parts<T extends Element = HTMLElement>(host: Element, name: string): T[] {
  return Array.from(host.shadowRoot?.querySelectorAll<T>(`[part~='${name}']`) ?? []);
}

/** Visible text with whitespace collapsed. */
export function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttonByText(host: Element, text: string): HTMLButtonElement | null {
  const buttons = Array.from(host.shadowRoot?.querySelectorAll('button') ?? []);
  return buttons.find((button) => textOf(button) === text) ?? null;
}

/** Whether the named part exists and has focus inside the host's shadow root. */
export function hasFocus(host: Element, name: string): boolean {
  const target = part(host, name);
  return target !== null && host.shadowRoot?.activeElement === target;
}
