/**
 * Every feature with routes, one line each (see server/lib/feature.ts). The order is the order of
 * route registration and of the permission table: a new feature goes at the end.
 */
import { acceptancesFeature } from './acceptances/index.js';
import { apiKeysFeature } from './api-keys/index.js';
import { auditFeature } from './audit/index.js';
import { contactsFeature } from './contacts/index.js';
import { customersFeature } from './customers/index.js';
import { deliveriesFeature } from './deliveries/index.js';
import { documentsFeature } from './documents/index.js';
import { estimatesFeature } from './estimates/index.js';
import { followUpsFeature } from './follow-ups/index.js';
import { homeFeature } from './home/index.js';
import { intakeFeature } from './intake/index.js';
import { invoicesFeature } from './invoices/index.js';
import { membersFeature } from './members/index.js';
import { messagesFeature } from './messages/index.js';
import { outboxFeature } from './outbox/index.js';
import { paymentProofsFeature } from './payment-proofs/index.js';
import { portalSessionsFeature } from './portal-sessions/index.js';
import { profileFeature } from './profile/index.js';
import { projectsFeature } from './projects/index.js';
import { proposalsFeature } from './proposals/index.js';
import { requestsFeature } from './requests/index.js';
import { settingsFeature } from './settings/index.js';
import { statementsFeature } from './statements/index.js';
import { webhooksFeature } from './webhooks/index.js';

export const features = [
  profileFeature,
  customersFeature,
  contactsFeature,
  proposalsFeature,
  portalSessionsFeature,
  auditFeature,
  followUpsFeature,
  messagesFeature,
  membersFeature,
  apiKeysFeature,
  settingsFeature,
  webhooksFeature,
  outboxFeature,
  projectsFeature,
  documentsFeature,
  acceptancesFeature,
  requestsFeature,
  intakeFeature,
  estimatesFeature,
  invoicesFeature,
  statementsFeature,
  paymentProofsFeature,
  // After invoices and estimates: its demo links a delivery to a seeded invoice.
  deliveriesFeature,
  homeFeature,
] as const;
