import { expect } from '@open-wc/testing';
import * as contract from '../../sdk/contract/requests.js';
import { ANSWER_MAX_LENGTH, answerLength } from './answer-length.js';

describe('request answer rule', () => {
  it('is the contract’s: the same limit, and the same count for every kind of text', () => {
    expect(ANSWER_MAX_LENGTH).to.equal(contract.REQUEST_ANSWER_MAX_LENGTH);
    for (const text of ['', '   ', ' VAT 👋 ', 'a'.repeat(10_001), '\n\tné e\u0301 👩‍👩‍👧 \n', '𝒜𝒷𝒸', '😀'.repeat(10_000)]) {
      expect(answerLength(text), JSON.stringify(text.slice(0, 20))).to.equal(contract.requestAnswerLength(text));
    }
  });
});
