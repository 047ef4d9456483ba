import { msg, str } from '../shared/localize.js';

/**
 * The shell's own words (`<taba-portal>`: header, menu, not-found page, announcements), in the
 * language shown (ids `shell.*`; German and Arabic in elements/locales/{de,ar}/shell.ts). The words
 * it had before (navigation label, Sign out, session notes) are in `strings.portal` (ids `shell.*` too).
 */
export const shellStrings = {
  /** The button showing and hiding the navigation on a narrow portal. */
  get menu() {
    return msg('Menu', { id: 'shell.menu' });
  },
  /** For screen readers, before the contact's name in the header. */
  get signedInAs() {
    return msg('Signed in as', { id: 'shell.signedInAs' });
  },
  get notFoundTitle() {
    return msg('Page not found', { id: 'shell.notFoundTitle' });
  },
  get notFoundDetail() {
    return msg('There is no page at this address in the portal. The link may be mistyped, or the page may have moved.', {
      id: 'shell.notFoundDetail',
    });
  },
  get notFoundHome() {
    return msg('Go to the home page', { id: 'shell.notFoundHome' });
  },
  // Said in the live region (ids `shell.announce.*`).
  /** A page the portal shows without moving focus to it (the host moved it, or Back while focus was elsewhere). */
  pageShown: (page: string) => msg(str`${page} shown`, { id: 'shell.announce.pageShown' }),
  get signedIn() {
    return msg('Signed in', { id: 'shell.announce.signedIn' });
  },
  get signedOut() {
    return msg('Signed out', { id: 'shell.announce.signedOut' });
  },
  get sessionEnded() {
    return msg('Your session has ended', { id: 'shell.announce.sessionEnded' });
  },
};

export type ShellStrings = typeof shellStrings;
