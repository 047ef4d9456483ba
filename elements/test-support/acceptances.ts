import type { PortalAcceptance, PortalAcceptanceCard } from '../../sdk/contract/acceptances.js';
import { ConflictError, NotFoundError, ValidationError } from '../../sdk/errors.js';
import type { PortalApiDouble } from './portal-api-double.js';

let nextNumber = 1;

/** A pending acceptance of a PDF, not expiring soon; override any field. */
export function acceptanceFixture(overrides: Partial<PortalAcceptance> = {}): PortalAcceptance {
  const number = (nextNumber++).toString().padStart(6, '0');
  const name = overrides.documentName ?? `Statement of work ${number}.pdf`;
  return {
    id: `acc_${number}`,
    title: `Statement of work ${number}`,
    status: 'pending',
    documentName: name,
    projectName: 'Website redesign',
    sentAt: '2026-11-02T09:30:00.000Z',
    expiresAt: '2026-11-16T09:30:00.000Z',
    expiresSoon: false,
    acceptedAt: null,
    message: '',
    document: { id: `doc_${number}`, name, size: 245_760, contentType: 'application/pdf', sha256: `${number}`.padEnd(64, 'a') },
    acceptedName: null,
    ...overrides,
  };
}

/** The card fields of an acceptance, as the list answers them. */
export function acceptanceCardOf(acceptance: PortalAcceptance): PortalAcceptanceCard {
  const { id, title, status, documentName, projectName, sentAt, expiresAt, expiresSoon, acceptedAt } = acceptance;
  return { id, title, status, documentName, projectName, sentAt, expiresAt, expiresSoon, acceptedAt };
}

/** What the server keeps per acceptance that a test can change: a document changed since it was sent. */
export interface AcceptanceServerState {
  /** Acceptances in list order; accepting one changes it here. */
  readonly acceptances: PortalAcceptance[];
  /** Ids whose document changed after sending: accepting them answers 409 `document_changed`. */
  readonly changedDocuments: Set<string>;
  /** The PDF bytes the certificate answers. */
  certificate: string;
  /** How many document links were made; each link's URL carries its number, so a fresh one differs. */
  linksMade: number;
}

/**
 * Answers the acceptance operations on `double` the way the server does: a keyset-like list by
 * position, 404 for an unknown id, the accept rules (expired, changed document, full name,
 * idempotent on an accepted one), a fresh link per call and a PDF certificate once accepted.
 */
export function serveAcceptances(double: PortalApiDouble, acceptances: PortalAcceptance[]): AcceptanceServerState {
  const state: AcceptanceServerState = {
    acceptances: acceptances.map((acceptance) => structuredClone(acceptance)),
    changedDocuments: new Set(),
    certificate: '%PDF-1.7 evidence certificate',
    linksMade: 0,
  };
  const find = (acceptanceId: string): PortalAcceptance => {
    const found = state.acceptances.find((acceptance) => acceptance.id === acceptanceId);
    if (!found) throw new NotFoundError({ type: 'about:blank', title: 'Acceptance not found', status: 404, code: 'not_found' });
    return found;
  };
  const conflict = (code: string, title: string, detail: string) =>
    new ConflictError({ type: 'about:blank', title, status: 409, code, detail });

  double
    .answer('listPortalAcceptances', ({ query }) => {
      const start = query?.cursor ? Number(query.cursor) : 0;
      const end = start + (query?.limit ?? 20);
      return {
        items: state.acceptances.slice(start, end).map(acceptanceCardOf),
        nextCursor: end < state.acceptances.length ? String(end) : null,
      };
    })
    .answer('retrievePortalAcceptance', ({ params }) => structuredClone(find(params.acceptanceId)))
    .answer('createPortalAcceptanceDocumentLink', ({ params }) => {
      const acceptance = find(params.acceptanceId);
      if (state.changedDocuments.has(acceptance.id)) {
        throw conflict('document_changed', 'Document changed', 'The document changed after it was sent.');
      }
      const number = ++state.linksMade;
      return { url: `https://files.example/${acceptance.document.id}?link=${number}`, expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() };
    })
    .answer('acceptPortalAcceptance', ({ params, body }) => {
      const acceptance = find(params.acceptanceId);
      if (acceptance.status === 'accepted') return structuredClone(acceptance);
      if (acceptance.status === 'expired') {
        throw conflict('acceptance_expired', 'Acceptance expired', 'This acceptance expired; ask for it to be sent again.');
      }
      if (state.changedDocuments.has(acceptance.id) || body.documentSha256 !== acceptance.document.sha256) {
        throw conflict('document_changed', 'Document changed', 'The document changed after it was sent.');
      }
      const fullName = body.fullName.trim();
      if (!fullName) {
        throw new ValidationError({ type: 'about:blank', title: 'Invalid acceptance', status: 422, code: 'full_name_required', detail: 'Type your full name.' });
      }
      Object.assign(acceptance, { status: 'accepted', acceptedAt: '2026-11-25T10:00:00.000Z', acceptedName: fullName, expiresSoon: false });
      return structuredClone(acceptance);
    })
    .answer('downloadPortalAcceptanceCertificate', ({ params }) => {
      if (find(params.acceptanceId).status !== 'accepted') {
        throw conflict('acceptance_not_accepted', 'Not accepted', 'There is no certificate before the acceptance.');
      }
      return new Blob([state.certificate], { type: 'application/pdf' });
    });
  return state;
}
