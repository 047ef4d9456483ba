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
