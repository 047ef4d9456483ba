import { expect } from '@open-wc/testing';
import * as contract from '../../sdk/contract/messages.js';
import { MESSAGE_BODY_MAX_LENGTH, messageBodyLength } from './message-body.js';

describe('message body rule', () => {
  it('is the contract’s: the same limit, and the same count for every kind of text', () => {
    expect(MESSAGE_BODY_MAX_LENGTH).to.equal(contract.MESSAGE_BODY_MAX_LENGTH);
    for (const body of ['', '   ', ' Hi 👋 ', 'a'.repeat(2001), '\n\tné e\u0301 👩‍👩‍👧 \n', '𝒜𝒷𝒸']) {
      expect(messageBodyLength(body), JSON.stringify(body)).to.equal(contract.messageBodyLength(body));
    }
  });
});
