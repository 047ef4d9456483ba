/**
 * The one rounding rule for estimates and invoices (docs/money.md):
 *
 *   gross    = round(quantity × unit amount)
 *   net      = round(quantity × unit amount × (1 − discount))
 *   discount = gross − net
 *   tax      = round(net × tax rate)
 *   total    = net + tax
 *
 * each rounded once, per line, half to even, to the currency's minor unit (ISO 4217); the
 * document's subtotal, discount, tax and total are plain sums of its lines, so the parts always
 * add up to the total. Arithmetic is in BigInt: no float ever holds an amount.
 */
import type { LineItem, LineItemInput, MoneyTotals } from '../../../sdk/contract/money.js';
import { Problem } from '../../lib/problem.js';

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Refuses a code that is not an ISO 4217 currency Intl knows (422 `unknown_currency`). */
export function checkedCurrency(currency: string): string {
  if (!KNOWN_CURRENCIES.has(currency)) {
    throw new Problem(422, 'unknown_currency', 'Unknown currency', `"${currency.slice(0, 10)}" is not an ISO 4217 currency code.`, [{ field: 'currency', message: 'ISO 4217 code' }]);
  }
  return currency;
}

/** `"1.5"` → 1500n (thousandths). The schema has already checked the shape. */
export function quantityMilli(quantity: string): bigint {
  const [whole, fraction = ''] = quantity.split('.');
  return BigInt(whole!) * 1000n + BigInt(fraction.padEnd(3, '0'));
}

/** 1500n → `"1.5"`: the shortest exact decimal. */
export function quantityText(milli: bigint | number): string {
  const value = BigInt(milli);
  const whole = value / 1000n;
  const fraction = (value % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** numerator ÷ denominator rounded half to even (denominator > 0, numerator ≥ 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function safe(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Problem(422, 'amount_too_large', 'Amount too large', 'The amounts of this document exceed what can be represented exactly.', [{ field, message: 'too large' }]);
  }
  return Number(value);
}

/** One line's amounts by the rule above. */
export function computeLine(input: LineItemInput, position: number): LineItem {
  const milli = quantityMilli(input.quantity);
  if (milli === 0n) {
    throw new Problem(422, 'invalid_quantity', 'Invalid quantity', 'A line needs a quantity of at least 0.001.', [{ field: `lines/${position - 1}/quantity`, message: 'at least 0.001' }]);
  }
  const unit = BigInt(input.unitAmount);
  const taxBp = BigInt(input.taxRateBasisPoints ?? 0);
  const discountBp = BigInt(input.discountBasisPoints ?? 0);
  const gross = divideHalfEven(milli * unit, 1000n);
  const net = divideHalfEven(milli * unit * (10_000n - discountBp), 10_000_000n);
  const tax = divideHalfEven(net * taxBp, 10_000n);
  const field = `lines/${position - 1}`;
  return {
    position,
    description: input.description,
    quantity: quantityText(milli),
    unitAmount: input.unitAmount,
    taxRateBasisPoints: Number(taxBp),
    discountBasisPoints: Number(discountBp),
    grossAmount: safe(gross, field),
    discountAmount: safe(gross - net, field),
    netAmount: safe(net, field),
    taxAmount: safe(tax, field),
    totalAmount: safe(net + tax, field),
  };
}

/** Every line and the document's totals; the totals are sums of the lines. */
export function computeDocument(currency: string, inputs: readonly LineItemInput[]): { lines: LineItem[]; totals: MoneyTotals } {
  checkedCurrency(currency);
  const lines = inputs.map((line, index) => computeLine(line, index + 1));
  let subtotal = 0n;
  let discountTotal = 0n;
  let taxTotal = 0n;
  for (const line of lines) {
    subtotal += BigInt(line.netAmount);
    discountTotal += BigInt(line.discountAmount);
    taxTotal += BigInt(line.taxAmount);
  }
  return {
    lines,
    totals: {
      currency,
      subtotal: safe(subtotal, 'lines'),
      discountTotal: safe(discountTotal, 'lines'),
      taxTotal: safe(taxTotal, 'lines'),
      total: safe(subtotal + taxTotal, 'lines'),
    },
  };
}
