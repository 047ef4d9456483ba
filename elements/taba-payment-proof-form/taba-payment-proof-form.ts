import { TabaPaymentProofForm } from './taba-payment-proof-form.component.js';

export { TabaPaymentProofForm };

if (!customElements.get('taba-payment-proof-form')) customElements.define('taba-payment-proof-form', TabaPaymentProofForm);

declare global {
  interface HTMLElementTagNameMap {
    'taba-payment-proof-form': TabaPaymentProofForm;
  }
}
