import type { HomeItem } from '../../sdk/contract/home.js';
import { formatDateTime, formatDay } from '../shared/format.js';
import { homeStrings } from './home.strings.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

/** The calendar day `date` falls on in the reader's time zone, as UTC midnight of that day. */
function localDay(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}

/** "in 3 days", "tomorrow", "2 days ago"; months past about two of them ("in 3 months"). */
function relativeDays(days: number, locale: string): string {
  const format = relativeFormat(locale);
  return Math.abs(days) < 60 ? format.format(days, 'day') : format.format(Math.round(days / 30), 'month');
}

/** A deadline as the contact reads it: relative ("in 2 days", "in 5 hours") and absolute, and whether it has passed. */
export interface DeadlineText {
  /** The whole sentence, e.g. "Due in 2 days (Dec 3, 2026)". */
  text: string;
  past: boolean;
}

/**
 * Words for `item`'s deadline at `now` in `locale`: a calendar date (estimates, requests, invoices)
 * counts whole days from the reader's today; a timestamp (the expiry of a proposal or an acceptance)
 * counts minutes or hours within a day, then days. `null` when the item has no deadline.
 */
export function deadlineText(item: Pick<HomeItem, 'kind' | 'deadline'>, now: Date, locale: string): DeadlineText | null {
  const { deadline, kind } = item;
  if (deadline === null) return null;
  const day = CALENDAR_DAY.exec(deadline);
  let when: string;
  let date: string;
  let past: boolean;
  if (day) {
    // A calendar date is the same day in every time zone: count whole days from the reader's today.
    const days = Math.round((Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) - localDay(now)) / DAY);
    when = relativeDays(days, locale);
    date = formatDay(deadline, locale);
    past = days < 0;
  } else {
    const at = Date.parse(deadline);
    if (Number.isNaN(at)) return null;
    const ms = at - now.getTime();
    const format = relativeFormat(locale);
    if (Math.abs(ms) < HOUR) when = format.format(Math.round(ms / MINUTE), 'minute');
    else if (Math.abs(ms) < DAY) when = format.format(Math.round(ms / HOUR), 'hour');
    else when = relativeDays(Math.round((localDay(new Date(at)) - localDay(now)) / DAY), locale);
    date = formatDateTime(deadline, locale);
    past = ms < 0;
  }
  const text = homeStrings;
  // An expiry (proposals, acceptances, an estimate's validity) ends; anything else falls due.
  if (kind === 'estimate') return { text: past ? text.expired(when, date) : text.validUntil(date, when), past };
  if (kind === 'proposal' || kind === 'acceptance') return { text: past ? text.expired(when, date) : text.expires(when, date), past };
  return { text: past ? text.wasDue(when, date) : text.due(when, date), past };
}
