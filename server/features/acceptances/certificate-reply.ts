import type { FastifyReply } from 'fastify';

/** Answers an evidence certificate as a download: a PDF attachment, never cached. */
export function sendCertificate(reply: FastifyReply, certificate: { fileName: string; pdf: Uint8Array }): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${certificate.fileName}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(certificate.pdf));
}
