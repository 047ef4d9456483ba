import type { FastifyPluginAsync } from 'fastify';
import { invoiceEndpoints } from '../../../sdk/contract/invoices.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { sendCertificate } from '../acceptances/certificate-reply.js';
import { createInvoice, recordInvoicePayment, sendInvoice, teamInvoicePdf, updateDraftInvoice, voidInvoice } from './actions.js';
import { findWorkspaceInvoice, listWorkspaceInvoices, readWorkspaceInvoice } from './repository.js';

export const invoiceWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, invoiceEndpoints.list, (request) =>
    listWorkspaceInvoices(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, status: request.query.status },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );

  route(app, invoiceEndpoints.create, (request) => createInvoice(app, request.workspace, request.body));

  route(app, invoiceEndpoints.retrieve, async (request) => {
    const row = await findWorkspaceInvoice(app.db, request.workspace.workspaceId, request.params.invoiceId);
    if (!row) throw notFound('invoice');
    return readWorkspaceInvoice(app.db, row);
  });

  route(app, invoiceEndpoints.update, (request) => updateDraftInvoice(app, request.workspace, request.params.invoiceId, request.body));

  route(app, invoiceEndpoints.send, (request) => sendInvoice(app, request.workspace, request.params.invoiceId));

  route(app, invoiceEndpoints.void, (request) => voidInvoice(app, request.workspace, request.params.invoiceId, request.body));

  route(app, invoiceEndpoints.recordPayment, (request) => recordInvoicePayment(app, request.workspace, request.params.invoiceId, request.body));

  route(app, invoiceEndpoints.pdf, async (request, reply) => sendCertificate(reply, await teamInvoicePdf(app.db, request.workspace, request.params.invoiceId)));
};
