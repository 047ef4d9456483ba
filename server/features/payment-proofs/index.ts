import { defineFeature } from '../../lib/feature.js';

export const paymentProofsFeature = defineFeature({
  name: 'payment-proofs',
  actions: {
    'payment_proofs.read': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full', 'read_only'] },
    // Accepting records a payment: finance's decision, not a team lead's (who may still review other intake files).
    'payment_proofs.review': { roles: ['owner', 'manager', 'finance_reviewer'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).paymentProofPortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).paymentProofWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedPaymentProofs(demo),
  objectFactories: {
    paymentProofId: async (owner) => (await import('./security-objects.js')).suitePaymentProof(owner),
  },
});
