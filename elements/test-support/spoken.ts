/**
 * The text a screen reader reads from `node`: its text with `aria-hidden` subtrees left out,
 * whitespace collapsed. Visually hidden text (for screen readers only) is included.
 */
export function spokenText(node: Node | null | undefined): string {
  const collect = (current: Node): string => {
    if (current.nodeType === Node.TEXT_NODE) return current.textContent ?? '';
    if (current instanceof Element && current.getAttribute('aria-hidden') === 'true') return '';
    return Array.from(current.childNodes, collect).join(' ');
  };
  return node ? collect(node).replace(/\s+/g, ' ').trim() : '';
}
