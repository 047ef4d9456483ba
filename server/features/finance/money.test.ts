import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { minorUnits, toMajorString, type LineItemInput } from '../../../sdk/contract/money.js';
import { Problem } from '../../lib/problem.js';
import { computeDocument, computeLine, divideHalfEven, quantityMilli, quantityText } from './money.js';

const line = fc.record({
  description: fc.constant('Work'),
  quantity: fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 999 })).map(([whole, milli]) => (milli ? `${whole}.${String(milli).padStart(3, '0')}` : `${whole}`)).filter((q) => q !== '0'),
  unitAmount: fc.integer({ min: 0, max: 100_000_000_000 }),
  taxRateBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  discountBasisPoints: fc.integer({ min: 0, max: 10_000 }),
}) satisfies fc.Arbitrary<LineItemInput>;

/** Exact rational q × p × (1 − d) × (1 + t) as a fraction, for checking a line against. */
const exactNet = (input: LineItemInput) => (quantityMilli(input.quantity) * BigInt(input.unitAmount) * (10_000n - BigInt(input.discountBasisPoints ?? 0))) as bigint;

describe('money', () => {
  test('rounds half to even', () => {
    assert.equal(divideHalfEven(5n, 2n), 2n); // 2.5 → 2
    assert.equal(divideHalfEven(7n, 2n), 4n); // 3.5 → 4
    assert.equal(divideHalfEven(2501n, 1000n), 3n); // 2.501 → 3
    assert.equal(divideHalfEven(2499n, 1000n), 2n);
    assert.equal(divideHalfEven(0n, 7n), 0n);
  });

  test('a line: gross, discount, net, tax and total by the documented rule', () => {
    // 2.5 × 3.33 = 8.325 → 8.32 (half to even); 10 % off: 7.4925 → 7.49; 20 % tax of 7.49 = 1.498 → 1.50.
    const computed = computeLine({ description: 'Design', quantity: '2.5', unitAmount: 333, taxRateBasisPoints: 2000, discountBasisPoints: 1000 }, 1);
    assert.deepEqual(computed, {
      position: 1, description: 'Design', quantity: '2.5', unitAmount: 333, taxRateBasisPoints: 2000, discountBasisPoints: 1000,
      grossAmount: 832, discountAmount: 83, netAmount: 749, taxAmount: 150, totalAmount: 899,
    });
  });

  test('currencies keep their ISO 4217 minor units', () => {
    assert.equal(minorUnits('JPY'), 0);
    assert.equal(minorUnits('USD'), 2);
    assert.equal(minorUnits('KWD'), 3);
    assert.equal(toMajorString(123456, 'USD'), '1234.56');
    assert.equal(toMajorString(5, 'KWD'), '0.005');
    assert.equal(toMajorString(-5, 'USD'), '-0.05');
    assert.equal(toMajorString(700, 'JPY'), '700');
    // 1.5 units of ¥333 is ¥499.5 → ¥500 (half to even: 499 is odd); in KWD the minor unit is the fils.
    assert.equal(computeDocument('JPY', [{ description: 'x', quantity: '1.5', unitAmount: 333 }]).totals.total, 500);
    assert.equal(computeDocument('KWD', [{ description: 'x', quantity: '0.5', unitAmount: 1001 }]).totals.total, 500);
  });

  test('an unknown currency and a zero quantity are refused', () => {
    assert.throws(() => computeDocument('XYZ', []), (error: unknown) => error instanceof Problem && error.code === 'unknown_currency');
    assert.throws(() => computeDocument('USD', [{ description: 'x', quantity: '0.000', unitAmount: 1 }]), (error: unknown) => error instanceof Problem && error.code === 'invalid_quantity');
  });

  test('amounts past exact integers are refused, not rounded', () => {
    const huge = Array.from({ length: 200 }, () => ({ description: 'x', quantity: '1000000', unitAmount: 100_000_000_000 }));
    assert.throws(() => computeDocument('USD', huge), (error: unknown) => error instanceof Problem && error.code === 'amount_too_large');
  });

  test('property: the parts of every line and of the document add up to the total exactly', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'), (inputs, currency) => {
        let document;
        try {
          document = computeDocument(currency, inputs);
        } catch (error) {
          // Only a document past Number's exact range may be refused.
          assert.ok(error instanceof Problem && error.code === 'amount_too_large');
          return;
        }
        const { lines, totals } = document;
        for (const [index, computed] of lines.entries()) {
          const input = inputs[index]!;
          for (const value of [computed.grossAmount, computed.discountAmount, computed.netAmount, computed.taxAmount, computed.totalAmount]) assert.ok(Number.isSafeInteger(value) && value >= 0);
          assert.equal(computed.grossAmount - computed.discountAmount, computed.netAmount);
          assert.equal(computed.netAmount + computed.taxAmount, computed.totalAmount);
          // Each rounding is within half a minor unit of the exact value.
          const exact = exactNet(input);
          assert.ok(2n * (BigInt(computed.netAmount) * 10_000_000n - exact) <= 10_000_000n && 2n * (exact - BigInt(computed.netAmount) * 10_000_000n) <= 10_000_000n);
          assert.equal(quantityText(quantityMilli(computed.quantity)), computed.quantity);
        }
        const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((total, l) => total + pick(l), 0);
        assert.equal(totals.subtotal, sum((l) => l.netAmount));
        assert.equal(totals.taxTotal, sum((l) => l.taxAmount));
        assert.equal(totals.discountTotal, sum((l) => l.discountAmount));
        assert.equal(totals.total, totals.subtotal + totals.taxTotal);
        assert.equal(totals.total, sum((l) => l.totalAmount));
      }),
      { numRuns: 500 },
    );
  });
});
