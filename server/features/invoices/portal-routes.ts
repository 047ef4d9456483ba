import type { FastifyPluginAsync } from 'fastify';
import { portalInvoiceEndpoints } from '../../../sdk/contract/invoices.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { sendCertificate } from '../acceptances/certificate-reply.js';
import { portalInvoicePdf } from './actions.js';
import { listCustomerInvoices, readCustomerInvoice } from './repository.js';

export const invoicePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalInvoiceEndpoints.list, (request) =>
    listCustomerInvoices(app.db, request.portal.customerId, request.query.tab ?? 'all', { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalInvoiceEndpoints.retrieve, async (request) => {
    const invoice = await readCustomerInvoice(app.db, request.portal.customerId, request.params.invoiceId);
    if (!invoice) throw notFound('invoice');
    return invoice;
  });

  // A PDF attachment, never cached, as the acceptance certificate is answered.
  route(app, portalInvoiceEndpoints.pdf, async (request, reply) => sendCertificate(reply, await portalInvoicePdf(app.db, request.portal, request.params.invoiceId)));
};
