import type { TemplateResult, nothing } from 'lit';

/** What a section shows instead of its list: an item from the list (`id`), or a new one (no `id`). */
export interface OpenItem {
  readonly id?: string;
}

/** What `<taba-portal>` hands a section when it renders it. */
export interface SectionShell {
  /** The item open instead of the list, or `null`; the shell closes it on navigation and sign-out. */
  readonly openItem: OpenItem | null;
  /** Unread team messages in the contact's most recent conversations. */
  readonly unreadTotal: number;
  /** The shell's render root, where the section's elements are. */
  readonly root: ParentNode;
  /** Shows `item` instead of the list, then moves focus to the element matching `focus`. */
  open(item: OpenItem, focus: string): void;
  /** Closes the open item and focuses the section's heading. */
  back(): void;
  /** Counts the unread messages on the Messages navigation item again. */
  recountUnread(): void;
}

/** One section of the portal: its navigation item, heading and view. */
export interface PortalSectionDefinition<Id extends string = string> {
  readonly id: Id;
  /** The navigation item's text and the section's heading, in the portal's language: a getter calling `msg` (id `section.<id>`). */
  readonly label: string;
  /**
   * Loads (and so defines) the section's elements, e.g. `() => import('./<x>.elements.js')`: the
   * browser bundle keeps them in a chunk of their own. The shell calls it the first time the
   * section is shown (showing a loading state until it resolves, and an error with Retry if it
   * fails) and, once the portal has rendered, for every other section when the browser is idle.
   * Resolves to the module, which exports the section's element classes. May be called again.
   */
  load(): Promise<unknown>;
  /** The section's view; called only once `load()` has resolved. */
  render(shell: SectionShell): TemplateResult;
  /** Shown after the label on the section's navigation item. */
  navBadge?(shell: SectionShell): TemplateResult | typeof nothing;
  /** Called after the open item closed back to the list (Back, or the section's own navigation item). */
  closed?(shell: SectionShell): void;
}
