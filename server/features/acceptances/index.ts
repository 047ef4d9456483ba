import { defineFeature } from '../../lib/feature.js';

const DAY = 24 * 60 * 60_000;

export const acceptancesFeature = defineFeature({
  name: 'acceptances',
  actions: {
    'acceptances.read': { roles: ['owner', 'manager', 'team_lead', 'finance_reviewer'], keys: ['full', 'read_only'] },
    'acceptances.write': { roles: ['owner', 'manager', 'team_lead'], keys: ['full'] },
  },
  portalRoutes: async () => (await import('./portal-routes.js')).acceptancePortalRoutes,
  workspaceRoutes: async () => (await import('./workspace-routes.js')).acceptanceWorkspaceRoutes,
  seed: async (demo) => (await import('./demo.js')).seedAcceptances(demo),
  bench: {
    lists: [{ name: 'acceptances', path: '/v1/portal/acceptances?limit=20', handWritten: false }],
    // 30 acceptances per customer of the documents the documents feature loaded: pending (future
    // expiry), accepted, expired and superseded ones, so the list's two parts and its filter all work.
    rows: ({ sqlite, workspaceId, accounts, id, random, historyStart, historyMs }) => {
      const documentsOf = sqlite.prepare(`select id, project_id, name, size, content_type, sha256 from documents where customer_id = ? order by id limit 30`);
      const insert = sqlite.prepare(
        `insert into acceptances (id, workspace_id, customer_id, project_id, document_id, document_name, document_size, document_content_type, document_sha256,
           title, message, status, sent_by_type, sent_by_id, sent_at, expires_at, accepted_at, accepted_name, accepted_contact_id, accepted_contact_name,
           accepted_contact_email, accepted_ip, accepted_user_agent, accepted_document_sha256, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, 'system', 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const now = Date.now();
      for (const account of accounts) {
        const documents = documentsOf.all(account.customerId) as { id: string; project_id: string; name: string; size: number; content_type: string; sha256: string }[];
        if (!documents.length) continue;
        for (let i = 0; i < 30; i++) {
          const document = documents[i % documents.length]!;
          const kind = i % 10 < 3 ? 'pending' : i % 10 < 7 ? 'accepted' : i % 10 < 9 ? 'expired' : 'superseded';
          const sent = kind === 'pending' ? now - random() * 5 * DAY : historyStart + random() * historyMs;
          const expires = kind === 'pending' ? now + (1 + random() * 20) * DAY : kind === 'expired' ? Math.min(sent + 14 * DAY, now - DAY) : sent + 14 * DAY;
          const accepted = kind === 'accepted' ? new Date(sent + random() * 5 * DAY).toISOString() : null;
          const evidence = accepted ? ['Bench Contact', account.contactId, 'Bench Contact', 'bench@customer.example', '203.0.113.7', 'Mozilla/5.0 (bench)', document.sha256] : [null, null, null, null, null, null, null];
          const sentAt = new Date(sent).toISOString();
          insert.run(id('acc'), workspaceId, account.customerId, document.project_id, document.id, document.name, document.size, document.content_type, document.sha256,
            `Acceptance ${i + 1}`, kind === 'expired' ? 'pending' : kind, sentAt, new Date(expires).toISOString(), accepted, ...evidence, sentAt);
        }
      }
    },
  },
  objectFactories: {
    // An accepted acceptance: every portal route of it answers (the certificate only exists once accepted).
    acceptanceId: async (owner) => (await import('./security-objects.js')).acceptedAcceptance(owner),
  },
});
