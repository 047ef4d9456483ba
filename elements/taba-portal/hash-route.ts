import type { OpenItem } from '../sections/index.js';

/** What the portal shows: a section, and the item open in it instead of its list (or none). */
export interface Route<Section extends string = string> {
  section: Section;
  item: OpenItem | null;
}

/** The path segment of an open item that is new, without an id (a conversation being started). */
const NEW_ITEM = 'new';

/** `#/<section>` or `#/<section>/<item>`, with an optional trailing slash. */
const ROUTE = /^#\/([a-z][a-z0-9-]*)(?:\/([^/]+))?\/?$/;

/**
 * Reads a route from a URL fragment such as `#/projects/prj_…`, `#/documents` or `#/messages/new`;
 * `null` for any other fragment (empty, or the page's own anchor) and for an unknown section.
 */
export function parseRoute<Section extends string>(hash: string, sections: readonly Section[]): Route<Section> | null {
  const match = ROUTE.exec(hash);
  const section = match?.[1] as Section | undefined;
  if (!match || section === undefined || !sections.includes(section)) return null;
  const segment = match[2];
  if (segment === undefined) return { section, item: null };
  if (segment === NEW_ITEM) return { section, item: {} };
  try {
    return { section, item: { id: decodeURIComponent(segment) } };
  } catch {
    return null;
  }
}

/**
 * Whether `hash` is shaped like a portal address (`#/` and a path), known or not: an unknown one
 * (`#/nope`) is a page the portal does not have, where another fragment (`#pricing`) is the page's own.
 */
export function isPortalPath(hash: string): boolean {
  return /^#\/./.test(hash);
}

/** The open item as a path segment (`prj_…`, or `new` for one being started); `null` for none. */
export function itemSegment(item: OpenItem | null): string | null {
  if (item === null) return null;
  return item.id ?? NEW_ITEM;
}

/** The open item a path segment stands for (see `itemSegment`); `null` for none. */
export function itemFromSegment(segment: string | null | undefined): OpenItem | null {
  if (!segment) return null;
  return segment === NEW_ITEM ? {} : { id: segment };
}

/** The fragment that shows `route`. */
export function routeHash(route: Route): string {
  const { section, item } = route;
  if (item === null) return `#/${section}`;
  return `#/${section}/${item.id === undefined ? NEW_ITEM : encodeURIComponent(item.id)}`;
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.section === b.section && (a.item === null ? b.item === null : b.item !== null && a.item.id === b.item.id);
}
