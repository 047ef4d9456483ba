import type axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import { expect } from '@open-wc/testing';

/**
 * The axe-core tags of WCAG 2.2 level A and AA (with 2.0 and 2.1, which 2.2 includes). Running by
 * tag also runs rules axe leaves off by default, such as `target-size` (2.5.8).
 */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Axe = typeof axe;

declare global {
  interface Window {
    axe?: Axe;
  }
}

async function loadAxe(): Promise<Axe> {
  // axe.min.js is a UMD script: in the browser it registers itself as window.axe.
  if (!window.axe) await import('axe-core/axe.min.js');
  if (!window.axe) throw new Error('axe-core did not load');
  return window.axe;
}

/** One violation as a reader of a failed test needs it: the rule, what it asks, and where it failed. */
function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map(
    (node) => `  at ${JSON.stringify(node.target)}: ${node.html}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
  );
  return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n${nodes.join('\n')}`;
}

/** The WCAG 2.2 AA rules a theme changes the outcome of: a theme changes colours only. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function expectNoViolations(element: Element, state: string, rules?: string[]): Promise<void> {
  const axe = await loadAxe();
  const results: AxeResults = await axe.run(element, {
    runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: WCAG_22_AA_TAGS },
    resultTypes: ['violations'],
  });
  if (results.violations.length > 0) {
    expect.fail(`WCAG 2.2 AA violations (${state}):\n${results.violations.map(describeViolation).join('\n')}`);
  }
}

/** The portal's elements at or inside `element` (light DOM) that the page has not given a `theme`. */
function unthemedElements(element: Element): Element[] {
  const candidates = [element, ...element.querySelectorAll('*')];
  return candidates.filter((node) => node.localName.startsWith('taba-') && !node.hasAttribute('theme'));
}

/**
 * Checks `element` (shadow roots included) against WCAG 2.2 AA with axe-core and fails with every
 * violation listed. The element must be in the document and laid out, as a user sees it: colour
 * contrast and target size are measured on the rendered page.
 *
 * Then checks its colours again in the dark theme (`theme="dark"` on each portal element without a
 * theme, removed afterwards; only the colour rules, the ones a theme can change), so every state of
 * every element is checked in both themes.
 */
export async function expectAccessible(element: Element, state: string): Promise<void> {
  await expectNoViolations(element, state);
  const themed = unthemedElements(element);
  if (themed.length === 0) return;
  for (const node of themed) node.setAttribute('theme', 'dark');
  try {
    await expectNoViolations(element, `${state}, dark theme`, COLOUR_RULES);
  } finally {
    for (const node of themed) node.removeAttribute('theme');
  }
}
