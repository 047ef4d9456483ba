import type { Kysely } from 'kysely';
import type { AuditVerification } from '../../../sdk/contract/audit.js';
import type { DB } from '../../db/schema.js';
import { auditEventBatches, checkAuditChain, toAuditEvent, type AuditEventFilter } from './repository.js';

/** The trail as JSON Lines, one chunk per batch of events: what the export streams. */
export async function* auditEventLines(db: Kysely<DB>, workspaceId: string, filter: AuditEventFilter): AsyncGenerator<string> {
  for await (const batch of auditEventBatches(db, workspaceId, filter)) {
    yield batch.map((row) => `${JSON.stringify(toAuditEvent(row))}\n`).join('');
  }
}

export async function verifyAuditTrail(db: Kysely<DB>, workspaceId: string): Promise<AuditVerification> {
  const check = await checkAuditChain(db, workspaceId);
  return { intact: check.intact, checked: check.checked, firstBrokenEventId: check.firstBroken?.id ?? null };
}
