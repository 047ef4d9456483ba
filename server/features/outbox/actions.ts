import type { DeadLetter } from '../../../sdk/contract/webhooks.js';
import type { Database } from '../../db/database.js';
import { notFound } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { redeliverDeadLetter } from './repository.js';

/** Puts a dead letter back in the queue (same id, fresh attempts); only a message that is dead now qualifies. */
export function redeliver({ db, dialect }: Database, principal: WorkspacePrincipal, messageId: string): Promise<DeadLetter> {
  return db.transaction().execute(async (trx) => {
    const queued = await redeliverDeadLetter(trx, principal.workspaceId, messageId);
    if (!queued) throw notFound('dead letter');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'dead_letter.redelivered',
      subjectType: 'outbox_message',
      subjectId: queued.id,
      customerId: null,
      data: { channel: queued.channel, eventType: queued.eventType, endpointId: queued.endpointId },
    });
    return queued;
  });
}
