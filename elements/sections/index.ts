import { acceptancesSection } from './acceptances.section.js';
import { deliveriesSection } from './deliveries.section.js';
import { documentsSection } from './documents.section.js';
import { estimatesSection } from './estimates.section.js';
import { homeSection } from './home.section.js';
import { invoicesSection } from './invoices.section.js';
import { messagesSection } from './messages.section.js';
import { profileSection } from './profile.section.js';
import { projectsSection } from './projects.section.js';
import { proposalsSection } from './proposals.section.js';
import { requestsSection } from './requests.section.js';
import { statementsSection } from './statements.section.js';

export type { OpenItem, PortalSectionDefinition, SectionShell } from './section.js';
// Each section's definition (and the words its view uses). Its element classes are in its
// `<x>.elements.ts`, loaded on demand by the shell and exported from the package by elements/index.ts.
export * from './acceptances.section.js';
export * from './deliveries.section.js';
export * from './documents.section.js';
export * from './estimates.section.js';
export * from './home.section.js';
export * from './invoices.section.js';
export * from './messages.section.js';
export * from './profile.section.js';
export * from './projects.section.js';
export * from './proposals.section.js';
export * from './requests.section.js';
export * from './statements.section.js';

/**
 * The portal's sections in navigation order. A new section is its definition (`<x>.section.ts`:
 * id, label, `load: () => import('./<x>.elements.js')`, render), its elements module
 * (`<x>.elements.ts`: `export { … }` of its element classes, and nothing the definition imports
 * statically), its `export *` above and one entry here, and the `export *` of its elements module
 * in elements/index.ts.
 */
export const PORTAL_SECTIONS = [homeSection, projectsSection, proposalsSection, requestsSection, acceptancesSection, estimatesSection, invoicesSection, statementsSection, deliveriesSection, messagesSection, documentsSection, profileSection] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number]['id'];
