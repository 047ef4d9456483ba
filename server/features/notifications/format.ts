import type { ContactLocale } from '../../../sdk/contract/contacts.js';

/**
 * How a contact's email writes dates and money: with `Intl`, in the contact's language. Times are
 * in UTC, which the email says, because the server does not know the reader's time zone.
 */
export interface EmailFormat {
  /** A timestamp's calendar day in UTC: "December 24, 2026 (UTC)", "24. Dezember 2026 (UTC)". */
  day(iso: string): string;
  /** A timestamp to the minute in UTC: an acceptance can expire within the day. */
  moment(iso: string): string;
  /** A timestamp to the second in UTC: when something was agreed, on a receipt. */
  instant(iso: string): string;
  /** A calendar date (`YYYY-MM-DD`, an invoice's due date) as it is, with no time zone. */
  date(day: string): string;
  /** An exact amount as the notification stores it (`1234.50 USD`), with the currency's sign where the language has one. */
  money(text: string): string;
}

const UTC = 'UTC';

export function emailFormat(locale: ContactLocale): EmailFormat {
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: UTC });
  const toMinute = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: UTC, timeZoneName: 'short' });
  const toSecond = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZone: UTC,
    timeZoneName: 'short',
  });
  return {
    day: (iso) => `${longDay.format(new Date(iso))} (${UTC})`,
    moment: (iso) => toMinute.format(new Date(iso)),
    instant: (iso) => toSecond.format(new Date(iso)),
    date: (day) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? longDay.format(new Date(`${day}T00:00:00Z`)) : day),
    money: (text) => formatMoney(locale, text),
  };
}

/**
 * `1234.50 USD` → `$1,234.50` (en), `1.234,50 $` (de), `‏1,234.50 US$` (ar). The decimal goes to
 * `Intl` as a string, so it is never rounded through a float; anything else is shown as it came.
 */
function formatMoney(locale: ContactLocale, text: string): string {
  const match = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(text);
  if (!match) return text;
  const [, amount = '', currency = ''] = match;
  const decimals = amount.split('.')[1]?.length ?? 0;
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return format.format(amount as `${number}`);
  } catch {
    return text;
  }
}
