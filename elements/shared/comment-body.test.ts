import { expect } from '@open-wc/testing';
import * as contract from '../../sdk/contract/projects.js';
import { COMMENT_BODY_MAX_LENGTH, commentBodyLength } from './comment-body.js';

describe('comment body rule', () => {
  it('is the contract’s: the same limit, and the same count for every kind of text', () => {
    expect(COMMENT_BODY_MAX_LENGTH).to.equal(contract.COMMENT_BODY_MAX_LENGTH);
    for (const body of ['', '   ', ' Hi 👋 ', 'a'.repeat(2001), '\n\tné e\u0301 👩‍👩‍👧 \n', '𝒜𝒷𝒸', '😀'.repeat(2000)]) {
      expect(commentBodyLength(body), JSON.stringify(body)).to.equal(contract.commentBodyLength(body));
    }
  });
});
