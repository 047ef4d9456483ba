import type { PortalSectionDefinition } from './section.js';

type Load = PortalSectionDefinition['load'];

/** The `load` functions that resolved: their sections' elements are defined. */
const loaded = new WeakSet<Load>();
/** The load of each `load` function under way or done; a failed one is forgotten, to be tried again. */
const loads = new WeakMap<Load, Promise<unknown>>();

/**
 * Whether `section`'s elements have loaded. Kept per `load` function, so a definition given another
 * `load` (a tenant's own, or a test's) counts as not loaded until that one resolves.
 */
export function isSectionLoaded(section: PortalSectionDefinition): boolean {
  return loaded.has(section.load);
}

/** Loads `section`'s elements, once: later calls share the first load, unless it failed. */
export function loadSection(section: PortalSectionDefinition): Promise<unknown> {
  const load = section.load;
  let pending = loads.get(load);
  if (!pending) {
    pending = load.call(section).then(
      (module) => {
        loaded.add(load);
        return module;
      },
      (error: unknown) => {
        loads.delete(load);
        throw error;
      },
    );
    loads.set(load, pending);
  }
  return pending;
}

/** Calls `callback` when the browser is idle (or soon, where it cannot say). */
export function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 5000 });
  else setTimeout(callback, 200);
}

/**
 * When the browser is idle, loads the elements of every section in `sections` that has not loaded
 * yet. A failure is left for when that section is shown, which tries again and says so.
 */
export function prefetchSections(sections: readonly PortalSectionDefinition[]): void {
  whenIdle(() => {
    for (const section of sections) loadSection(section).catch(() => undefined);
  });
}
