import { Type, type Static } from 'typebox';

/**
 * Money in the portal: integers of the currency's minor unit (cents, yen, fils), never a float.
 * The exponent of each currency follows ISO 4217; every code not listed here has two decimals.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimals of the currency's minor unit: JPY 0, USD 2, KWD 3. */
export function minorUnits(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * An amount in minor units as an exact decimal string in major units: `(12345, 'USD')` →
 * `'123.45'`, `(-5, 'KWD')` → `'-0.005'`, `(700, 'JPY')` → `'700'`. `Intl.NumberFormat#format`
 * takes this string without going through a float.
 */
export function toMajorString(amount: number, currency: string): string {
  const digits = minorUnits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}

/** An ISO 4217 code in upper case, e.g. `USD`; the server refuses codes Intl does not know. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. USD, JPY, KWD' });
export type CurrencyCode = Static<typeof CurrencyCode>;

/** An amount in the currency's minor units (cents for USD, yen for JPY, fils for KWD). */
export const MinorAmount = Type.Integer({ description: "integer in the currency's minor units" });

/** The most lines a document (estimate or invoice) takes. */
export const MAX_LINE_ITEMS = 200;

/** A line as the team writes it; the server computes every amount. */
export const LineItemInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    /** A decimal string with up to 3 decimals, 0.001–1,000,000, e.g. `"2"`, `"1.5"`, `"0.125"`. */
    quantity: Type.String({ pattern: '^[0-9]{1,7}(\\.[0-9]{1,3})?$', maxLength: 11, description: 'decimal string, up to 3 decimals, 0.001–1000000' }),
    /** Price of one unit in minor units, 0–100,000,000,000. */
    unitAmount: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
    /** Tax rate in basis points: 2000 is 20 %; 0–10,000. */
    taxRateBasisPoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    /** Discount on this line in basis points: 1000 is 10 % off; 0–10,000. */
    discountBasisPoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type LineItemInput = Static<typeof LineItemInput>;

/** A line with the amounts the server computed (see docs/money.md for the rounding rule). */
export const LineItem = Type.Object({
  position: Type.Integer({ minimum: 1 }),
  description: Type.String(),
  quantity: Type.String(),
  unitAmount: MinorAmount,
  taxRateBasisPoints: Type.Integer({ minimum: 0 }),
  discountBasisPoints: Type.Integer({ minimum: 0 }),
  /** quantity × unit amount, rounded. */
  grossAmount: MinorAmount,
  /** What the discount takes off: gross − net. */
  discountAmount: MinorAmount,
  /** gross − discount: what tax is charged on. */
  netAmount: MinorAmount,
  taxAmount: MinorAmount,
  /** net + tax. */
  totalAmount: MinorAmount,
});
export type LineItem = Static<typeof LineItem>;

/** A document's totals: the sums of its lines, so they add up exactly. */
export const MoneyTotals = Type.Object({
  currency: CurrencyCode,
  /** Σ net amounts (after discounts, before tax). */
  subtotal: MinorAmount,
  /** Σ discount amounts (informational: already out of the subtotal). */
  discountTotal: MinorAmount,
  /** Σ tax amounts. */
  taxTotal: MinorAmount,
  /** subtotal + taxTotal. */
  total: MinorAmount,
});
export type MoneyTotals = Static<typeof MoneyTotals>;

/** A line as the team writes it, with its internal unit cost (never shown to the customer). */
export const WorkspaceLineItemInput = Type.Object(
  { ...LineItemInput.properties, unitCost: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000_000_000 }), Type.Null()])) },
  { additionalProperties: false },
);
export type WorkspaceLineItemInput = Static<typeof WorkspaceLineItemInput>;

/** A line as the team sees it: the customer's line plus the internal unit cost and the margin. */
export const WorkspaceLineItem = Type.Object({
  ...LineItem.properties,
  unitCost: Type.Union([MinorAmount, Type.Null()]),
  /** net − quantity × unit cost (rounded like the line); null without a cost. */
  marginAmount: Type.Union([MinorAmount, Type.Null()]),
});
export type WorkspaceLineItem = Static<typeof WorkspaceLineItem>;

/**
 * How a payment was made. Declared here, not in invoices.ts or payment-proofs.ts, because both
 * use it and invoices.ts imports payment-proofs.ts: a schema defined in either would be read
 * before it exists when the other is loaded first (an import cycle).
 */
export const PaymentMethod = Type.Enum(['bank_transfer', 'card', 'cash', 'cheque', 'other']);
export type PaymentMethod = Static<typeof PaymentMethod>;
