import type { Money } from '../../sdk/contract/common.js';
import { minorUnits, toMajorString } from '../../sdk/contract/money.js';
import { formatLocale } from './localize.js';

// Every function formats for `locale` when given one, else for the portal's language
// (`formatLocale()`: the tag given to `locale`/`setPortalLocale`, e.g. `de-CH`, or the browser's).

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    // The contract's minor digits (ISO 4217), always shown in full: "¥1,250", "$0.50", "KWD 1.250".
    const digits = minorUnits(currency);
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats integer minor units (cents for USD, yen for JPY, fils for KWD) in their currency:
 * `formatMoney(123450, 'EUR', 'de-DE')` → "1.234,50 €", or `formatMoney({ amount, currency }, locale)`.
 * The amount goes to `Intl.NumberFormat` as the exact decimal string of `toMajorString`, never
 * through a float division, so every amount the contract allows shows exactly.
 */
export function formatMoney(money: Money, locale?: string): string;
export function formatMoney(amount: number, currency: string, locale?: string): string;
export function formatMoney(first: Money | number, second?: string, third?: string): string {
  const [amount, currency, locale] = typeof first === 'number' ? [first, second ?? '', third] : [first.amount, first.currency, second];
  // Intl reads a decimal string exactly (ES2023), with no float in between.
  return moneyFormat(currency, locale ?? formatLocale()).format(toMajorString(amount, currency) as Intl.StringNumericLiteral);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a calendar date `YYYY-MM-DD` (a due date, a valid-until date) as a medium date, the same
 * day in every time zone: "Dec 31, 2026". Text that is not such a date is returned unchanged.
 */
export function formatDay(day: string, locale: string = formatLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return day;
  const key = locale;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormats.set(key, format);
  }
  return format.format(date);
}

/** Formats an ISO-8601 timestamp as a date in the reader's time zone, e.g. "Nov 25, 2026". */
export function formatDate(timestamp: string, locale: string = formatLocale()): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const key = locale;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO-8601 timestamp as date and time in the reader's time zone, e.g. "Nov 25, 2026, 10:00 AM". */
export function formatDateTime(timestamp: string, locale: string = formatLocale()): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const key = locale;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(key, format);
  }
  return format.format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Formats a size in bytes for people, in decimal units as file managers show them, with the
 * language's own unit names (`Intl.NumberFormat`'s unit style): "980 bytes", "1.2 MB", "1,2 MB",
 * "١٫٢ ميغابايت" (1 kB = 1,000 bytes); at most one decimal, none for bytes.
 */
export function formatFileSize(bytes: number, locale: string = formatLocale()): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  // Past 999.95 the rounded figure would read "1,000 kB": step up a unit instead.
  while (value >= 999.95 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: FILE_SIZE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Formats a count (a number of characters, of documents) with the language's digits and grouping: "1,000", "1.000", "١٬٠٠٠". */
export function formatNumber(count: number, locale: string = formatLocale()): string {
  return numberFormat(locale, {}).format(count);
}

/**
 * Formats a decimal string (a quantity, "2.5") exactly, with at most `maximumFractionDigits`
 * decimals; text that is not a plain decimal is returned unchanged.
 */
export function formatDecimal(value: string, maximumFractionDigits: number, locale: string = formatLocale()): string {
  return /^\d+(\.\d+)?$/.test(value) ? numberFormat(locale, { maximumFractionDigits }).format(value as Intl.StringNumericLiteral) : value;
}

/** Formats a rate in basis points (2000 = 20 %) as a percentage, exactly: "20%", "20 %", "٢٠٪". */
export function formatPercent(basisPoints: number, locale: string = formatLocale()): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(`${basisPoints}e-4` as Intl.StringNumericLiteral);
}

/** Formats hours with at most two decimals, e.g. "12.5", "1,024.25". */
export function formatHours(hours: number, locale: string = formatLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
}
