import { acceptancesSection } from './acceptances.section.js';
import { documentsSection } from './documents.section.js';
import { messagesSection } from './messages.section.js';
import { profileSection } from './profile.section.js';
import { projectsSection } from './projects.section.js';
import { proposalsSection } from './proposals.section.js';
import { requestsSection } from './requests.section.js';

export type { OpenItem, PortalSectionDefinition, SectionShell } from './section.js';
// Each section's definition and element classes, which elements/index.ts exports from the package.
export * from './acceptances.section.js';
export * from './documents.section.js';
export * from './messages.section.js';
export * from './profile.section.js';
export * from './projects.section.js';
export * from './proposals.section.js';
export * from './requests.section.js';

/**
 * The portal's sections in navigation order. A new section is its file (`<x>.section.ts`: id,
 * label, render, and `export { … }` of its element classes), its `export *` above and one entry here.
 */
export const PORTAL_SECTIONS = [projectsSection, proposalsSection, requestsSection, acceptancesSection, messagesSection, documentsSection, profileSection] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number]['id'];
