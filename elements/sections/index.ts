import { messagesSection } from './messages.section.js';
import { profileSection } from './profile.section.js';
import { proposalsSection } from './proposals.section.js';

export type { OpenItem, PortalSectionDefinition, SectionShell } from './section.js';

/** The portal's sections in navigation order; a new section is one entry here (and its label in `strings`). */
export const PORTAL_SECTIONS = [proposalsSection, messagesSection, profileSection] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number]['id'];
