import { expect } from '@open-wc/testing';
import * as elements from './index.js';

describe('elements/index', () => {
  it('defines every element once and exports its class', () => {
    expect(customElements.get('taba-portal')).to.equal(elements.TabaPortal);
    expect(customElements.get('taba-proposal-list')).to.equal(elements.TabaProposalList);
    expect(customElements.get('taba-proposal-detail')).to.equal(elements.TabaProposalDetail);
    expect(customElements.get('taba-message-threads')).to.equal(elements.TabaMessageThreads);
    expect(customElements.get('taba-message-thread')).to.equal(elements.TabaMessageThread);
    expect(customElements.get('taba-profile')).to.equal(elements.TabaProfile);
    expect(customElements.get('taba-login')).to.equal(elements.TabaLogin);
    expect(customElements.get('taba-project-list')).to.equal(elements.TabaProjectList);
    expect(customElements.get('taba-project-detail')).to.equal(elements.TabaProjectDetail);
    expect(customElements.get('taba-document-list')).to.equal(elements.TabaDocumentList);
    expect(customElements.get('taba-comment-thread')).to.equal(elements.TabaCommentThread);
    expect(customElements.get('taba-acceptance-list')).to.equal(elements.TabaAcceptanceList);
    expect(customElements.get('taba-acceptance-card')).to.equal(elements.TabaAcceptanceCard);
    expect(customElements.get('taba-acceptance-review')).to.equal(elements.TabaAcceptanceReview);
    expect(customElements.get('taba-request-list')).to.equal(elements.TabaRequestList);
    expect(customElements.get('taba-request-progress')).to.equal(elements.TabaRequestProgress);
    expect(customElements.get('taba-request-detail')).to.equal(elements.TabaRequestDetail);
    expect(customElements.get('taba-estimate-list')).to.equal(elements.TabaEstimateList);
    expect(customElements.get('taba-estimate-detail')).to.equal(elements.TabaEstimateDetail);
    expect(customElements.get('taba-invoice-list')).to.equal(elements.TabaInvoiceList);
    expect(customElements.get('taba-invoice-detail')).to.equal(elements.TabaInvoiceDetail);
    expect(customElements.get('taba-payment-proof-form')).to.equal(elements.TabaPaymentProofForm);
    expect(customElements.get('taba-statement')).to.equal(elements.TabaStatement);
    expect(customElements.get('taba-delivery-list')).to.equal(elements.TabaDeliveryList);
    expect(customElements.get('taba-delivery-timeline')).to.equal(elements.TabaDeliveryTimeline);
  });

  it('exports the context key, the strings and the language functions', () => {
    expect(elements.portalClientContext).to.equal('taba-portal/client');
    expect(elements.setPortalLocale).to.be.a('function');
    expect(elements.setPortalMessages).to.be.a('function');
    expect(elements.strings.proposalStatus.pending).to.equal('Pending');
    expect(elements.requestStrings.status.in_progress).to.equal('In Progress');
    expect(elements.statementStrings.downloadPdf).to.equal('Download PDF');
    expect(elements.deliveryStrings.status.exception).to.equal('Delivery problem');
  });
});
