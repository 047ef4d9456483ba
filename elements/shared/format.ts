import type { Money } from '../../sdk/contract/common.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats integer minor units (cents for USD, yen for JPY, fils for BHD) in their currency.
 * The number of minor digits is the currency's own, as Intl knows it.
 */
export function formatMoney(money: Money, locale?: string): string {
  const format = moneyFormat(money.currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/** Formats an ISO-8601 timestamp as a date in the reader's time zone, e.g. "Nov 25, 2026". */
export function formatDate(timestamp: string, locale?: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const key = locale ?? '';
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO-8601 timestamp as date and time in the reader's time zone, e.g. "Nov 25, 2026, 10:00 AM". */
export function formatDateTime(timestamp: string, locale?: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const key = locale ?? '';
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(key, format);
  }
  return format.format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Formats a size in bytes for people, in decimal units as file managers show them: "980 byte",
 * "1.2 MB" (1 kB = 1,000 bytes); at most one decimal, none for bytes.
 */
export function formatFileSize(bytes: number, locale?: string): string {
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

/** Formats hours with at most two decimals, e.g. "12.5", "1,024.25". */
export function formatHours(hours: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
}
